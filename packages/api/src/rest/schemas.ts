import {
  createCategoryInput,
  createTransactionInput,
  id,
  isoDate,
  isoMonth,
  loginInput,
  registerInput,
  transactionType,
  updateTransactionInput,
} from '@finsight/core/schemas';
import { z } from 'zod';
import { refreshInput } from '../auth/schemas';

/**
 * The REST adapter's request schemas: the core schemas, reshaped only where the documented framework's
 * wire format differs (the category id travels as `category`, and may be a numeric string).
 */
export const restId = z
  .union(
    [
      id,
      z
        .string()
        .regex(/^\d{1,10}$/, { error: 'Incorrect type. Expected pk value.' })
        .transform(Number)
        .pipe(id),
    ],
    {
      error: 'Incorrect type. Expected pk value.',
    },
  )
  .meta({ description: 'Category id', examples: [1] });

export const transactionBody = createTransactionInput.omit({ categoryId: true }).extend({ category: restId });
export const transactionPatchBody = updateTransactionInput
  .omit({ id: true, categoryId: true })
  .extend({ category: restId.optional() });
export const categoryBody = createCategoryInput;
export { loginInput as loginBody, refreshInput as refreshBody, registerInput as registerBody };

const intParam = (max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, { error: 'A valid integer is required.' })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .max(max, { error: `Ensure this value is less than or equal to ${max}.` }),
    );

export const transactionListQuery = z.object({
  start: isoDate.optional(),
  end: isoDate.optional(),
  type: transactionType.optional(),
  category: restId.optional(),
  search: z.string().max(100).optional(),
  limit: intParam(200)
    .pipe(z.number().min(1, { error: 'Ensure this value is greater than or equal to 1.' }))
    .optional(),
  offset: intParam(1_000_000).optional(),
});

export const monthQuery = z.object({ month: isoMonth.optional() });

/** Read-only fields a client may send back unchanged (a GET-modify-PUT round trip); ignored, as DRF does. */
export const READ_ONLY_FIELDS = ['id', 'user', 'user_id', 'created_at', 'updated_at'];

// Response shapes, for the OpenAPI document.
const money = z.string().meta({ examples: ['12.50'] });
export const categoryResource = z.object({ id: z.number().int(), name: z.string() });
export const transactionResource = z.object({
  id: z.number().int(),
  category: z.number().int(),
  type: z.enum(['INCOME', 'EXPENSE']),
  amount: money,
  date: z.string().meta({ examples: ['2026-11-24'] }),
  note: z.string(),
  created_at: z.string().meta({ examples: ['2026-11-24T09:30:00.123456Z'] }),
});
export const transactionPage = z.object({
  count: z.number().int(),
  next: z.string().nullable(),
  previous: z.string().nullable(),
  results: z.array(transactionResource),
});
export const userResource = z.object({ id: z.number().int(), username: z.string(), email: z.string() });
export const tokenPairResource = z.object({ access: z.string(), refresh: z.string() });
export const accessResource = z.object({ access: z.string() });
export const summaryResource = z.object({
  year: z.number().int(),
  month: z.number().int(),
  total_income: money,
  total_expense: money,
  savings: money,
  transaction_count: z.number().int(),
  updated_at: z.string().nullable(),
});
export const incomeVsExpenseResource = z.object({
  month: z.string(),
  income: money,
  expense: money,
  savings: money,
  savings_rate: z.number().nullable(),
});
export const breakdownResource = z.object({
  month: z.string(),
  total_expense: money,
  categories: z.array(
    z.object({
      category_id: z.number().int(),
      category: z.string(),
      total: money,
      share: z.number(),
      transactions: z.number().int(),
    }),
  ),
});
export const anomaliesResource = z.object({
  month: z.string(),
  history_months: z.number().int(),
  anomalies: z.array(
    z.object({
      kind: z.enum(['category_spike', 'large_transaction', 'new_category']),
      category_id: z.number().int(),
      category: z.string(),
      transaction_id: z.number().int().nullable(),
      observed: money,
      baseline: money,
      reason: z.string(),
    }),
  ),
});
export const detailResource = z.object({ detail: z.string() });
export const fieldErrorsResource = z.record(z.string(), z.array(z.string()));
export const narrativeResource = z.object({
  month: z.string(),
  text: z
    .string()
    .meta({ description: 'A few plain sentences; every number in it is one of the fields below.' }),
  income: money,
  expense: money,
  savings: money,
  savings_rate: z.number().nullable(),
  top_categories: z.array(z.object({ category: z.string(), total: money, share: z.number() })),
  recent_average_expense: money.nullable(),
  anomalies: z.number().int(),
});
