import { z } from 'zod';
import { PAYEE_MAX_LENGTH } from '../limits';
import { id } from '../validation/ids';
import { money } from '../validation/money';

export const RECURRING_CADENCES = ['WEEKLY', 'BIWEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'] as const;
export type RecurringCadence = (typeof RECURRING_CADENCES)[number];
export const RECURRING_STATUSES = ['DETECTED', 'CONFIRMED', 'DISMISSED'] as const;
export type RecurringStatus = (typeof RECURRING_STATUSES)[number];

const cadence = z.enum(RECURRING_CADENCES, {
  error: `Use one of ${RECURRING_CADENCES.join(', ')}.`,
});

export const listRecurringInput = z.strictObject({
  /** Also the series the user dismissed (they are never shown otherwise). */
  includeDismissed: z.boolean({ error: 'Must be true or false.' }).default(false),
});
export type ListRecurringInput = z.input<typeof listRecurringInput>;

export const updateRecurringInput = z.strictObject({
  id,
  /** CONFIRMED: "yes, this recurs"; DISMISSED: "not a recurring payment" (stays dismissed); DETECTED: undecided. */
  status: z.enum(RECURRING_STATUSES, { error: `Use one of ${RECURRING_STATUSES.join(', ')}.` }).optional(),
  /** The user's own name, cadence or amount for the series; null goes back to what detection found. */
  payee: z
    .string({ error: 'Not a valid string.' })
    .trim()
    .min(1, { error: 'This field may not be blank.' })
    .max(PAYEE_MAX_LENGTH, { error: `Ensure this field has no more than ${PAYEE_MAX_LENGTH} characters.` })
    .nullish(),
  cadence: cadence.nullish(),
  amount: money.nullish(),
});
export type UpdateRecurringInput = z.input<typeof updateRecurringInput>;

export interface RecurringSeries {
  id: number;
  payee: string;
  categoryId: number | null;
  category: string | null;
  type: 'INCOME' | 'EXPENSE';
  cadence: RecurringCadence;
  /** The typical amount (the user's own when they set one). */
  amount: string;
  amountMin: string;
  amountMax: string;
  lastDate: string;
  nextExpected: string;
  /** 0..1: how regular the history is. */
  confidence: number;
  occurrences: number;
  status: RecurringStatus;
  /** The user changed the name, cadence or amount. */
  edited: boolean;
}
