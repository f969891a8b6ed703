import {
  BULK_MAX_IDS,
  checkDateOrder,
  createCategoryInput,
  createTransactionInput,
  EXPORT_FORMATS,
  id,
  isoMonth,
  LIST_MAX_LIMIT,
  LIST_MAX_OFFSET,
  loginInput,
  MAX_ID,
  registerInput,
  TRANSACTION_ORDERINGS,
  transactionFilterFields,
  transactionType,
  updateCategoryInput,
  updateTransactionInput,
} from '@finsight/core/schemas';
import { z } from 'zod';
import { refreshInput } from '../auth/schemas';

/**
 * The REST adapter's request schemas: the core schemas, reshaped only where the documented framework's
 * wire format differs (the category id travels as `category` and may be a numeric string; query values
 * arrive as text). Each one validates the request and documents it in the OpenAPI document.
 */
export function restIdOf(description: string) {
  return z
    .union(
      [
        id,
        z
          .string()
          .regex(/^\d{1,10}$/, { error: 'Incorrect type. Expected pk value.' })
          .transform(Number)
          .pipe(id),
      ],
      { error: 'Incorrect type. Expected pk value.' },
    )
    .meta({ description, examples: [1] });
}

/**
 * A primary key in a body or query (a number, or a numeric string as DRF accepts). A fresh schema per
 * field: a zod schema documented twice under different descriptions would be written as a reference to
 * itself.
 */
export const restId = restIdOf('Category id');

/**
 * A whole number written in a URL. Documented as an integer, which is what a client sends; checked as the
 * text it arrives as.
 */
export function integerText(minimum: number, maximum: number, tooSmall: string, tooLarge: string) {
  return z
    .string()
    .refine((text) => /^\d{1,16}$/.test(text), { error: 'A valid integer is required.' })
    .transform(Number)
    .pipe(z.number().min(minimum, { error: tooSmall }).max(maximum, { error: tooLarge }))
    .meta({ type: 'integer', minimum, maximum });
}

/** `{id}` in a path. A malformed id is simply not found, like an unknown one (see the validator). */
export const idParams = z.object({
  id: integerText(1, MAX_ID, 'Not found.', 'Not found.').meta({
    description: 'The object’s id',
    examples: [1],
  }),
});

const registerExample = { username: 'jane', email: 'jane@example.com', password: 'violet-harbour-42' };
export const registerBody = registerInput.meta({ examples: [registerExample] });
export const loginBody = loginInput.meta({
  examples: [{ email: registerExample.email, password: registerExample.password }],
});
export const refreshBody = refreshInput.meta({
  examples: [{ refresh: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' }],
});

export const categoryBody = createCategoryInput.meta({ examples: [{ name: 'Groceries', kind: 'EXPENSE' }] });
/** PATCH changes what it is given. */
export const categoryPatchBody = updateCategoryInput
  .omit({ id: true })
  .meta({ examples: [{ kind: 'INCOME' }] });
export const categoryDeleteQuery = z.object({
  reassign_to: restIdOf(
    "Move the category's transactions (and its budget, rules and series) to this category first, atomically",
  ).optional(),
});
export const categoryMergeBody = z
  .strictObject({ into: restIdOf('The category that receives everything of this one') })
  .meta({ examples: [{ into: 2 }] });

const transactionExample = {
  category: 1,
  type: 'EXPENSE',
  amount: '12.50',
  date: '2026-11-24',
  note: 'Lunch',
};

export const transactionBody = createTransactionInput
  .omit({ categoryId: true, accountId: true })
  .extend({
    category: restId,
    account: restIdOf('Account id; your default account when omitted').optional(),
  })
  .meta({ examples: [transactionExample] });
export const transactionPatchBody = updateTransactionInput
  .omit({ id: true, categoryId: true, accountId: true })
  .extend({ category: restId.optional(), account: restIdOf('Account id').optional() })
  .meta({ examples: [{ amount: '14.00', note: 'Lunch with Sam' }] });

const filter = transactionFilterFields;

/**
 * The list's filters are the service's own field schemas under their REST names, and its page bounds the
 * service's: the route hands what this parses straight to the service (`listParsedTransactions`), which
 * then does not parse it again. rest/list-query.test.ts holds the two to the same answers.
 */
const transactionFilterQuery = z.object({
  start: filter.from.meta({ description: 'First date included, YYYY-MM-DD' }),
  end: filter.to.meta({ description: 'Last date included, YYYY-MM-DD' }),
  type: filter.type,
  category: restId.optional(),
  account: restIdOf('Only this account; each row then has `running_balance`').optional(),
  search: filter.search.meta({
    description: 'Text to find in the payee, note or category name, or an exact amount ("12.50")',
  }),
});

export type TransactionFilterQuery = z.output<typeof transactionFilterQuery>;

const transactionListFields = transactionFilterQuery.extend({
  limit: integerText(
    1,
    LIST_MAX_LIMIT,
    'Ensure this value is greater than or equal to 1.',
    `Ensure this value is less than or equal to ${LIST_MAX_LIMIT}.`,
  )
    .optional()
    .meta({ description: 'Page size; without it the whole list comes back as a plain array' }),
  offset: integerText(
    0,
    LIST_MAX_OFFSET,
    'Ensure this value is greater than or equal to 0.',
    `Ensure this value is less than or equal to ${LIST_MAX_OFFSET}.`,
  )
    .optional()
    .meta({ description: 'Rows to skip (with `limit`)' }),
  ordering: z
    .enum(TRANSACTION_ORDERINGS, { error: `Choose one of ${TRANSACTION_ORDERINGS.join(', ')}.` })
    .optional()
    .meta({
      description:
        'Sort order of a page (with `limit`): a field, `-` first for descending; `-date` by default',
    }),
});

export const transactionListQuery = transactionListFields
  .superRefine(checkDateOrder('start', 'end'))
  .superRefine((query, ctx) => {
    if (query.ordering !== undefined && query.ordering !== '-date' && query.limit === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ordering'],
        message: 'Another order than -date needs a page: add limit (and offset).',
      });
    }
  });

export type TransactionListQuery = z.output<typeof transactionListQuery>;

export const bulkTransactionsBody = z
  .strictObject({
    action: z.enum(['delete', 'update'], { error: 'Choose an action: delete or update.' }),
    ids: z
      .array(restIdOf('A transaction id of yours'))
      .max(BULK_MAX_IDS, { error: `Select at most ${BULK_MAX_IDS} transactions at a time.` })
      .meta({ description: `1 to ${BULK_MAX_IDS} transaction ids` }),
    category: restIdOf('update: file them all under this category').optional(),
    account: restIdOf('update: move them all to this account').optional(),
  })
  .meta({ examples: [{ action: 'update', ids: [41, 42], category: 3 }] });

export const suggestCategoryQuery = z.object({
  payee: z.string().max(400).meta({ description: 'The payee of the transaction being written' }),
  type: transactionType.optional(),
});

export const exportQuery = transactionFilterQuery
  .extend({
    format: z
      .enum(EXPORT_FORMATS, { error: 'Use csv or ofx.' })
      .default('csv')
      .meta({ description: 'csv or ofx' }),
  })
  .superRefine(checkDateOrder('start', 'end'));

export const monthQuery = z.object({
  month: isoMonth.optional().meta({ description: 'YYYY-MM; defaults to the current month' }),
});

/** Read-only fields a client may send back unchanged (a GET-modify-PUT round trip); ignored, as DRF does. */
export const READ_ONLY_FIELDS = [
  'id',
  'user',
  'user_id',
  'created_at',
  'updated_at',
  'transfer',
  'running_balance',
  'balance',
  'transaction_count',
  'category_name',
  'changes',
  'read_at',
];
