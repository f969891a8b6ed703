import { z } from 'zod';
import { NOTE_MAX_LENGTH, PAYEE_MAX_LENGTH } from '../limits';
import { checkDateOrder, isoDate } from '../validation/dates';
import { id } from '../validation/ids';
import { money } from '../validation/money';

export const TRANSACTION_TYPES = ['INCOME', 'EXPENSE'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const transactionType = z.enum(TRANSACTION_TYPES, {
  error: (issue) =>
    issue.input === undefined
      ? 'This field is required.'
      : typeof issue.input === 'string'
        ? `Invalid choice ${JSON.stringify(issue.input.slice(0, 40))}: use INCOME or EXPENSE.`
        : 'Must be INCOME or EXPENSE.',
});

export const note = z
  .string({ error: 'Not a valid string.' })
  .trim()
  .max(NOTE_MAX_LENGTH, { error: `Ensure this field has no more than ${NOTE_MAX_LENGTH} characters.` });

/**
 * The counterparty, apart from the note; blank when unknown. A name, so runs of spaces, tabs and line
 * breaks become one space (as bank files write them, and so that "ACME  Ltd" and "ACME Ltd" are one payee).
 */
export const payee = z
  .string({ error: 'Not a valid string.' })
  .max(PAYEE_MAX_LENGTH * 2, { error: `Ensure this field has no more than ${PAYEE_MAX_LENGTH} characters.` })
  .transform((text) => text.replace(/\s+/g, ' ').trim())
  .pipe(
    z.string().max(PAYEE_MAX_LENGTH, {
      error: `Ensure this field has no more than ${PAYEE_MAX_LENGTH} characters.`,
    }),
  );

export const createTransactionInput = z.strictObject({
  categoryId: id,
  /** The user's default account when omitted. */
  accountId: id.optional(),
  payee: payee.nullish().transform((value) => value ?? ''),
  type: transactionType,
  amount: money,
  date: isoDate,
  // null and a missing note both mean "no note", as clients of the documented framework send either.
  note: note.nullish().transform((value) => value ?? ''),
});
export type CreateTransactionInput = z.input<typeof createTransactionInput>;

export const updateTransactionInput = z.strictObject({
  id,
  categoryId: id.optional(),
  accountId: id.optional(),
  payee: payee.nullish().transform((value) => (value === null ? '' : value)),
  type: transactionType.optional(),
  amount: money.optional(),
  date: isoDate.optional(),
  note: note.nullish().transform((value) => (value === null ? '' : value)),
});
export type UpdateTransactionInput = z.input<typeof updateTransactionInput>;

export const LIST_DEFAULT_LIMIT = 50;
export const LIST_MAX_LIMIT = 200;
export const LIST_MAX_OFFSET = 1_000_000;

const filterFields = z.strictObject({
  /** First date included. */
  from: isoDate.optional(),
  /** Last date included. */
  to: isoDate.optional(),
  type: transactionType.optional(),
  categoryId: id.optional(),
  accountId: id.optional(),
  /** Case-insensitive text to find in the payee, the note or the category's name, or an exact amount. */
  search: z.string().trim().max(100).optional(),
});

export const transactionFilters = filterFields.superRefine(checkDateOrder('from', 'to'));

/**
 * Each filter's own schema, for an adapter that names the filters its own way (the REST list's
 * `start`/`end`/`category`…): built from these, its query checks every filter exactly as the service does.
 */
export const transactionFilterFields = filterFields.shape;

export type TransactionFiltersInput = z.input<typeof transactionFilters>;
export type TransactionFilters = z.output<typeof transactionFilters>;

/** List orders, Django REST Framework style: a field name, `-` first for descending. Amount is by size. */
export const TRANSACTION_ORDERINGS = [
  '-date',
  'date',
  '-amount',
  'amount',
  'payee',
  '-payee',
  'category',
  '-category',
] as const;
export type TransactionOrdering = (typeof TRANSACTION_ORDERINGS)[number];

export const listTransactionsInput = filterFields
  .extend({
    /** Newest first by default; any other order pages with `offset`, not `cursor`. */
    ordering: z
      .enum(TRANSACTION_ORDERINGS, {
        error: `Choose one of ${TRANSACTION_ORDERINGS.join(', ')}.`,
      })
      .default('-date'),
    /** Also sum the income and the expenses of all matching rows (one more query). */
    includeSums: z.boolean().default(false),
    limit: z.number().int().min(1).max(LIST_MAX_LIMIT).default(LIST_DEFAULT_LIMIT),
    /** Offset pagination (page N): simple, but each page costs more the deeper it goes. */
    offset: z.number().int().min(0).max(LIST_MAX_OFFSET).optional(),
    /** Keyset pagination: the `nextCursor` of the previous page; constant cost at any depth. */
    cursor: z.string().max(200).optional(),
    /** Also count all matching rows (one more query). */
    includeTotal: z.boolean().default(false),
  })
  .superRefine(checkDateOrder('from', 'to'))
  .superRefine((input, ctx) => {
    if (input.offset !== undefined && input.cursor !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'Use either cursor or offset, not both.' });
    }
    if (input.cursor !== undefined && input.ordering !== '-date') {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: 'A cursor pages through the newest-first order only; use offset with another ordering.',
      });
    }
  });
export type ListTransactionsInput = z.input<typeof listTransactionsInput>;
/** What `listTransactionsInput` makes of a valid input: defaults filled in, text trimmed. */
export type ListTransactionsData = z.output<typeof listTransactionsInput>;

export interface Transaction {
  id: number;
  /** Null only on the sides of a transfer. */
  categoryId: number | null;
  categoryName: string | null;
  accountId: number;
  type: TransactionType;
  amount: string;
  date: string;
  note: string;
  payee: string;
  /** The other side, when this is one side of a transfer between the user's accounts. */
  transferId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface TransactionPage {
  /** Filtered by account alone, each row carries `runningBalance`: the account's balance just after it. */
  items: (Transaction & { runningBalance?: string })[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
  /** All rows matching the filters, when `includeTotal` was asked for. */
  total?: number;
  /** The income and the expenses of all matching rows, when `includeSums` was asked for. */
  sums?: { income: string; expense: string };
}

/**
 * Money moved between two of the user's accounts: one operation writes both sides (an expense in the first,
 * an income in the second), linked, and neither counts as income or expense.
 */
export const createTransferInput = z
  .strictObject({
    fromAccountId: id,
    toAccountId: id,
    amount: money,
    date: isoDate,
    note: note.nullish().transform((value) => value ?? ''),
  })
  .superRefine((input, ctx) => {
    if (input.fromAccountId === input.toAccountId) {
      ctx.addIssue({ code: 'custom', path: ['toAccountId'], message: 'Choose two different accounts.' });
    }
  });
export type CreateTransferInput = z.input<typeof createTransferInput>;

export interface Transfer {
  from: Transaction;
  to: Transaction;
}

export const BULK_MAX_IDS = 500;

const bulkIds = z
  .array(id, { error: 'Send the ids of the transactions as a list.' })
  .min(1, { error: 'Select at least one transaction.' })
  .max(BULK_MAX_IDS, { error: `Select at most ${BULK_MAX_IDS} transactions at a time.` })
  .transform((ids) => [...new Set(ids)]);

/** One change to many transactions at once, all or nothing. */
export const bulkTransactionsInput = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('delete'), ids: bulkIds }),
    z
      .strictObject({
        action: z.literal('update'),
        ids: bulkIds,
        /** File them all under this category (not for transfer sides, which have none). */
        categoryId: id.optional(),
        /** Move them all to this account. */
        accountId: id.optional(),
      })
      .refine((input) => input.categoryId !== undefined || input.accountId !== undefined, {
        message: 'Give a categoryId or an accountId to change.',
      }),
  ],
  { error: 'Choose an action: delete or update.' },
);
export type BulkTransactionsInput = z.input<typeof bulkTransactionsInput>;

export interface BulkResult {
  /** How many of the selected transactions changed (a deleted transfer side takes its other side along). */
  count: number;
}

export const suggestCategoryInput = z.strictObject({
  payee,
  /** Only categories of this side (or of either) are suggested. */
  type: transactionType.optional(),
});
export type SuggestCategoryInput = z.input<typeof suggestCategoryInput>;

export interface CategorySuggestion {
  categoryId: number | null;
  /** What the suggestion comes from. */
  source: 'rule' | 'history' | null;
}
