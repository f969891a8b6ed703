import { createBudgetInput, isoMonth, updateBudgetInput, updateRecurringInput } from '@finsight/core/schemas';
import { z } from 'zod';
import { integerText, restId } from './schemas';

/**
 * Request bodies and queries of the budgets, alerts, recurring payments and forecast endpoints, in the
 * documented framework's snake_case. Each field is the core schema's own, renamed only.
 */
const budget = createBudgetInput.shape;
const budgetUpdate = updateBudgetInput.shape;

export const budgetBody = z
  .strictObject({
    category: restId,
    amount: budget.amount,
    start_month: budget.startMonth.meta({
      description: 'YYYY-MM, the first budgeted month; this month when omitted',
    }),
    rollover: budget.rollover,
  })
  .meta({ examples: [{ category: 3, amount: '400.00', start_month: '2026-12', rollover: true }] });

const effectiveMonth = budgetUpdate.effectiveMonth.meta({
  description:
    'YYYY-MM: a new `amount` applies from this month on (this month when omitted); earlier months keep theirs',
});

/** PUT takes what a GET gave back; `effective_month` says from when a new amount applies. */
export const budgetPutBody = budgetBody.extend({ effective_month: effectiveMonth }).meta({
  examples: [
    { category: 3, amount: '450.00', start_month: '2026-06', rollover: true, effective_month: '2026-12' },
  ],
});
export const budgetPatchBody = z
  .strictObject({
    category: restId.optional(),
    amount: budgetUpdate.amount,
    effective_month: effectiveMonth,
    start_month: budgetUpdate.startMonth,
    rollover: budgetUpdate.rollover,
  })
  .meta({ examples: [{ amount: '450.00', effective_month: '2027-01' }] });

const booleanText = z
  .enum(['true', 'false', '1', '0'], { error: 'Must be a valid boolean.' })
  .transform((value) => value === 'true' || value === '1');

export const alertListQuery = z.object({
  unread: booleanText.optional().meta({ description: '`true`: only the unread alerts' }),
  limit: integerText(
    1,
    200,
    'Ensure this value is greater than or equal to 1.',
    'Ensure this value is less than or equal to 200.',
  )
    .optional()
    .meta({ description: 'Page size (50 when omitted, at most 200)' }),
  offset: integerText(
    0,
    1_000_000,
    'Ensure this value is greater than or equal to 0.',
    'Ensure this value is less than or equal to 1000000.',
  )
    .optional()
    .meta({ description: 'Alerts to skip' }),
});

export const alertPatchBody = z
  .strictObject({ read: z.boolean({ error: 'Must be a valid boolean.' }) })
  .meta({ examples: [{ read: true }] });

export const monthOnlyQuery = z.object({
  month: isoMonth
    .optional()
    .meta({ description: 'YYYY-MM; your current month (in your time zone) when omitted' }),
});

const recurringUpdate = updateRecurringInput.shape;

export const recurringListQuery = z.object({
  include_dismissed: booleanText.optional().meta({ description: '`true`: also the series you dismissed' }),
});

export const recurringPatchBody = z
  .strictObject({
    status: recurringUpdate.status,
    payee: recurringUpdate.payee,
    cadence: recurringUpdate.cadence,
    amount: recurringUpdate.amount,
  })
  .meta({
    examples: [{ status: 'CONFIRMED' }, { status: 'DISMISSED' }, { amount: '17.99', cadence: 'MONTHLY' }],
  });
