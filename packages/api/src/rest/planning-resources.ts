import {
  ALERT_KINDS,
  BUDGET_STATUSES,
  RECURRING_CADENCES,
  RECURRING_STATUSES,
  TRANSACTION_TYPES,
} from '@finsight/core/schemas';
import { z } from 'zod';
import { verbatim } from './wire-strings';

/** What the budgets, alerts, recurring payments and forecast endpoints answer, in snake_case. */
const money = verbatim(
  z.string().meta({ description: 'A decimal string with two decimals', examples: ['12.50'] }),
);
const signedMoney = verbatim(
  z
    .string()
    .meta({ description: 'A decimal string with two decimals; negative when short', examples: ['-20.50'] }),
);
const month = verbatim(z.string().meta({ description: 'YYYY-MM', examples: ['2026-12'] }));
const timestamp = verbatim(
  z.string().meta({ description: 'ISO 8601, UTC', examples: ['2026-12-02T09:30:00.123456Z'] }),
);
const percent = z.number().nullable().meta({
  description: 'Spent as a share of what was available, in percent (one decimal); null when nothing was',
});

export const budgetResource = z
  .object({
    id: z.number().int(),
    category: z.number().int().meta({ description: 'Category id' }),
    category_name: z.string(),
    amount: money.meta({ description: 'The limit in your current month' }),
    start_month: month,
    rollover: z
      .boolean()
      .meta({ description: 'What is left over (or overspent) carries into the next month' }),
    changes: z
      .array(z.object({ month, amount: money }))
      .meta({ description: 'Every limit the budget has had, from the month it applied, oldest first' }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({
    id: 'Budget',
    examples: [
      {
        id: 4,
        category: 3,
        category_name: 'Groceries',
        amount: '450.00',
        start_month: '2026-06',
        rollover: true,
        changes: [
          { month: '2026-06', amount: '400.00' },
          { month: '2026-12', amount: '450.00' },
        ],
        created_at: '2026-06-01T08:00:00.000000Z',
        updated_at: '2026-12-01T08:00:00.000000Z',
      },
    ],
  });

const totals = z.object({
  limit: money,
  carried_in: signedMoney,
  spent: money,
  remaining: signedMoney,
  percent,
});

export const budgetStatusResource = z
  .object({
    month,
    budgets: z.array(
      z.object({
        budget: z.number().int().meta({ description: 'Budget id' }),
        category: z.number().int().meta({ description: 'Category id' }),
        category_name: z.string(),
        limit: money.meta({ description: "This month's limit" }),
        carried_in: signedMoney.meta({
          description: 'Left over (or overspent, negative) from earlier months; 0 without rollover',
        }),
        spent: money.meta({
          description: 'Expenses in the category this month; transfers are never spending',
        }),
        remaining: signedMoney.meta({ description: 'limit + carried_in − spent' }),
        percent,
        status: z.enum(BUDGET_STATUSES).meta({ description: '`warning` from 80 %, `over` past 100 %' }),
        rollover: z.boolean(),
      }),
    ),
    totals,
    unbudgeted: money.meta({ description: 'Expenses this month in categories without a budget' }),
  })
  .meta({
    id: 'BudgetStatus',
    examples: [
      {
        month: '2026-12',
        budgets: [
          {
            budget: 4,
            category: 3,
            category_name: 'Groceries',
            limit: '450.00',
            carried_in: '35.20',
            spent: '402.10',
            remaining: '83.10',
            percent: 82.9,
            status: 'warning',
            rollover: true,
          },
        ],
        totals: { limit: '450.00', carried_in: '35.20', spent: '402.10', remaining: '83.10', percent: 82.9 },
        unbudgeted: '1210.45',
      },
    ],
  });

export const alertResource = z
  .object({
    id: z.number().int(),
    kind: z.enum(ALERT_KINDS),
    message: z.string().meta({ description: 'What happened, in a sentence' }),
    link: z.string().meta({ description: 'Where in the web app to look (a path)' }),
    data: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The figures behind the message; amounts are decimal strings' }),
    read: z.boolean(),
    created_at: timestamp,
    read_at: z.string().nullable().meta({ description: 'ISO 8601, UTC; null while unread' }),
  })
  .meta({
    id: 'Alert',
    examples: [
      {
        id: 31,
        kind: 'BUDGET_WARNING',
        message: 'Groceries has used 82% of its budget for December 2026: 402.10 spent of 485.20.',
        link: '/budgets?month=2026-12',
        data: {
          budget: 4,
          category: 3,
          category_name: 'Groceries',
          month: '2026-12',
          threshold: 80,
          spent: '402.10',
          available: '485.20',
        },
        read: false,
        created_at: '2026-12-02T09:30:00.123456Z',
        read_at: null,
      },
    ],
  });

export const alertPage = z
  .object({
    count: z.number().int().meta({ description: 'All alerts matching the filter' }),
    unread: z.number().int().meta({ description: 'How many of your alerts are unread' }),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(alertResource),
  })
  .meta({
    id: 'AlertPage',
    examples: [
      {
        count: 1,
        unread: 1,
        next: null,
        previous: null,
        results: [
          {
            id: 31,
            kind: 'BUDGET_OVER',
            message: 'Dining has used its whole budget for December 2026: 212.40 spent of 200.00.',
            link: '/budgets?month=2026-12',
            data: {
              budget: 5,
              category: 4,
              category_name: 'Dining',
              month: '2026-12',
              threshold: 100,
              spent: '212.40',
              available: '200.00',
            },
            read: false,
            created_at: '2026-12-02T09:30:00.123456Z',
            read_at: null,
          },
        ],
      },
    ],
  });

export const readAllResource = z
  .object({ updated: z.number().int().meta({ description: 'How many alerts were marked read' }) })
  .meta({ id: 'AlertsMarkedRead', examples: [{ updated: 3 }] });

const date = verbatim(z.string().meta({ description: 'YYYY-MM-DD', examples: ['2026-12-05'] }));

export const recurringResource = z
  .object({
    id: z.number().int(),
    payee: z.string(),
    category: z.number().int().nullable().meta({ description: 'Category id' }),
    category_name: z.string().nullable(),
    type: z.enum(TRANSACTION_TYPES),
    cadence: z.enum(RECURRING_CADENCES),
    amount: money.meta({ description: 'The typical amount (yours, when you set one)' }),
    amount_min: money,
    amount_max: money,
    last_date: date,
    next_expected: date,
    confidence: z.number().meta({ description: '0 to 1: how regular the history is' }),
    occurrences: z.number().int(),
    status: z.enum(RECURRING_STATUSES),
    edited: z.boolean().meta({ description: 'You changed its name, cadence or amount' }),
  })
  .meta({
    id: 'RecurringPayment',
    examples: [
      {
        id: 7,
        payee: 'Netflix',
        category: 9,
        category_name: 'Subscriptions',
        type: 'EXPENSE',
        cadence: 'MONTHLY',
        amount: '17.99',
        amount_min: '15.49',
        amount_max: '17.99',
        last_date: '2026-11-05',
        next_expected: '2026-12-07',
        confidence: 0.93,
        occurrences: 11,
        status: 'CONFIRMED',
        edited: false,
      },
    ],
  });

const forecastPart = z.object({
  booked: money.meta({ description: 'Already in the month, up to today' }),
  recurring_due: money.meta({ description: 'Recurring payments still expected this month' }),
  variable: money.meta({ description: 'Typical other amounts for the days left' }),
  expected: money.meta({ description: 'booked + recurring_due + variable' }),
  low: money,
  high: money,
});

export const forecastResource = z
  .object({
    month,
    as_of: date,
    days_left: z.number().int().meta({ description: 'Days after `as_of` to the end of the month' }),
    income: forecastPart,
    expense: forecastPart,
    safe_to_spend_per_day: money.meta({
      description: '(expected income − booked expense − recurring expense due) ÷ days left, never below 0',
    }),
    due: z
      .array(
        z.object({
          payee: z.string(),
          category: z.number().int(),
          type: z.enum(TRANSACTION_TYPES),
          date,
          amount: money,
        }),
      )
      .meta({ description: 'The recurring payments still expected this month' }),
  })
  .meta({
    id: 'Forecast',
    examples: [
      {
        month: '2026-12',
        as_of: '2026-12-10',
        days_left: 21,
        income: {
          booked: '4200.00',
          recurring_due: '0.00',
          variable: '120.00',
          expected: '4320.00',
          low: '4200.00',
          high: '4600.00',
        },
        expense: {
          booked: '2140.30',
          recurring_due: '75.47',
          variable: '980.00',
          expected: '3195.77',
          low: '2950.10',
          high: '3420.60',
        },
        safe_to_spend_per_day: '94.96',
        due: [{ payee: 'Spotify', category: 9, type: 'EXPENSE', date: '2026-12-17', amount: '9.99' }],
      },
    ],
  });
