import { z } from 'zod';
import { ACCOUNT_NAME_MAX_LENGTH } from '../limits';
import { isoDate } from '../validation/dates';
import { id } from '../validation/ids';
import { signedMoney } from '../validation/money';

export const ACCOUNT_KINDS = ['CHECKING', 'SAVINGS', 'CREDIT_CARD', 'CASH', 'OTHER'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const accountKind = z.enum(ACCOUNT_KINDS, {
  error: (issue) =>
    issue.input === undefined
      ? 'This field is required.'
      : `Invalid choice ${JSON.stringify(String(issue.input).slice(0, 40))}: use one of ${ACCOUNT_KINDS.join(', ')}.`,
});

export const accountName = z
  .string({ error: 'Not a valid string.' })
  .trim()
  .min(1, { error: 'This field may not be blank.' })
  .max(ACCOUNT_NAME_MAX_LENGTH, {
    error: `Ensure this field has no more than ${ACCOUNT_NAME_MAX_LENGTH} characters.`,
  });

export const createAccountInput = z.strictObject({
  name: accountName,
  kind: accountKind.default('CHECKING'),
  /** What the account held before its first transaction here. */
  openingBalance: signedMoney.default('0.00'),
  openingDate: isoDate.nullish().transform((value) => value ?? null),
  archived: z.boolean().default(false),
});
export type CreateAccountInput = z.input<typeof createAccountInput>;

export const updateAccountInput = z.strictObject({
  id,
  name: accountName.optional(),
  kind: accountKind.optional(),
  openingBalance: signedMoney.optional(),
  openingDate: isoDate.nullish(),
  archived: z.boolean().optional(),
  /**
   * `true` makes this the account that takes transactions which name none (the previous default stops being
   * it). `false` changes nothing on an account that is not the default, and is refused on the default: make
   * another account the default instead.
   */
  isDefault: z.boolean({ error: 'Must be true or false.' }).optional(),
});
export type UpdateAccountInput = z.input<typeof updateAccountInput>;

export const balancesInput = z.strictObject({
  /** Balances at the end of this day; now when omitted. */
  date: isoDate.optional(),
});
export type BalancesInput = z.input<typeof balancesInput>;

export interface Account {
  id: number;
  name: string;
  kind: AccountKind;
  openingBalance: string;
  openingDate: string | null;
  archived: boolean;
  isDefault: boolean;
  /** Opening balance plus every transaction in the account (up to the date asked for). */
  balance: string;
  transactionCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Balances {
  /** The day the balances are for; null means now, every transaction included. */
  date: string | null;
  accounts: { accountId: number; name: string; balance: string }[];
  /** The sum over the accounts that are not archived. */
  total: string;
}
