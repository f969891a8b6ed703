import { ANOMALY_KINDS, TRANSACTION_TYPES } from '@finsight/core/schemas';
import { z } from 'zod';
import { verbatim } from './wire-strings';

/**
 * What each REST endpoint answers, in the documented framework's shapes (snake_case, ids as numbers,
 * money as decimal strings). Each schema shapes the response body (the serializer keeps exactly these
 * fields) and documents it; the handlers that fill them are type-checked against them.
 */
const money = verbatim(
  z.string().meta({ description: 'A decimal string with two decimals', examples: ['12.50'] }),
);
const month = verbatim(z.string().meta({ description: 'YYYY-MM', examples: ['2026-11'] }));
const timestamp = verbatim(
  z.string().meta({ description: 'ISO 8601, UTC', examples: ['2026-11-24T09:30:00.123456Z'] }),
);
const date = verbatim(z.string().meta({ description: 'YYYY-MM-DD', examples: ['2026-11-24'] }));
const percent = (description: string) => z.number().meta({ description, examples: [23.4] });

export const userResource = z
  .object({ id: z.number().int(), username: z.string(), email: z.string() })
  .meta({ id: 'User', examples: [{ id: 1, username: 'jane', email: 'jane@example.com' }] });

export const tokenPairResource = z
  .object({
    access: z.string().meta({ description: 'Send as `Authorization: Bearer <access>`; valid 15 minutes' }),
    refresh: z
      .string()
      .meta({ description: 'Trade for a new access token at /api/auth/refresh/; valid 7 days' }),
  })
  .meta({
    id: 'TokenPair',
    examples: [
      {
        access: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.access',
        refresh: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.refresh',
      },
    ],
  });

export const accessResource = z
  .object({ access: z.string() })
  .meta({ id: 'AccessToken', examples: [{ access: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.access' }] });

export const categoryResource = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z
      .enum(['INCOME', 'EXPENSE'])
      .nullable()
      .meta({ description: 'Which side the forms offer it for; null for either' }),
  })
  .meta({ id: 'Category', examples: [{ id: 1, name: 'Groceries', kind: 'EXPENSE' }] });

export const categoryMergeResource = z
  .object({
    id: z.number().int().meta({ description: 'The category that remains' }),
    moved: z.number().int().meta({ description: 'How many transactions moved into it' }),
  })
  .meta({ id: 'CategoryMerge', examples: [{ id: 2, moved: 42 }] });

export const bulkResultResource = z
  .object({ count: z.number().int().meta({ description: 'How many transactions changed' }) })
  .meta({ id: 'BulkResult', examples: [{ count: 3 }] });

export const categorySuggestionResource = z
  .object({
    category: z.number().int().nullable(),
    source: z.enum(['rule', 'history']).nullable().meta({ description: 'What the suggestion comes from' }),
  })
  .meta({ id: 'CategorySuggestion', examples: [{ category: 3, source: 'history' }] });

const transactionExample = {
  id: 42,
  category: 1,
  type: 'EXPENSE',
  amount: '12.50',
  date: '2026-11-24',
  note: 'Lunch',
  created_at: '2026-11-24T09:30:00.123456Z',
  account: 1,
  payee: 'Corner Café',
  transfer: null,
};

export const transactionResource = z
  .object({
    id: z.number().int(),
    category: z.number().int().nullable().meta({ description: 'Category id; null on a transfer' }),
    type: verbatim(z.enum(TRANSACTION_TYPES)),
    amount: money,
    date,
    note: z.string(),
    created_at: timestamp,
    account: z.number().int().meta({ description: 'Account id' }),
    payee: z.string().meta({ description: 'The counterparty; blank when unknown' }),
    transfer: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'On one side of a transfer between your accounts: the other side’s id' }),
    running_balance: money.optional().meta({
      description: 'In a page filtered by `account` alone: the account’s balance just after this row',
    }),
  })
  .meta({ id: 'Transaction', examples: [transactionExample] });

export const transactionPage = z
  .object({
    count: z.number().int().meta({ description: 'All rows matching the filters' }),
    next: z.string().nullable().meta({ description: 'The next page, or null on the last one' }),
    previous: z.string().nullable().meta({ description: 'The previous page, or null on the first one' }),
    results: z.array(transactionResource),
  })
  .meta({
    id: 'TransactionPage',
    examples: [
      {
        count: 120,
        next: '/api/finance/transactions/?limit=50&offset=50',
        previous: null,
        results: [transactionExample],
      },
    ],
  });

/** Without `limit`, a plain array (the documented endpoint); with it, a DRF page. */
export const transactionList = z.union([z.array(transactionResource), transactionPage]);

export const summaryResource = z
  .object({
    year: z.number().int(),
    month: z.number().int(),
    total_income: money,
    total_expense: money,
    savings: money,
    transaction_count: z.number().int(),
    updated_at: timestamp.nullable().meta({ description: 'When it last changed; null for an empty month' }),
  })
  .meta({
    id: 'MonthlySummary',
    examples: [
      {
        year: 2026,
        month: 11,
        total_income: '4200.00',
        total_expense: '2735.10',
        savings: '1464.90',
        transaction_count: 48,
        updated_at: '2026-11-24T09:30:00.123456Z',
      },
    ],
  });

export const incomeVsExpenseResource = z
  .object({
    month,
    income: money,
    expense: money,
    savings: money,
    savings_rate: percent('Savings as a percentage of income; null without income').nullable(),
  })
  .meta({
    id: 'IncomeVsExpense',
    examples: [
      { month: '2026-11', income: '4200.00', expense: '2735.10', savings: '1464.90', savings_rate: 34.9 },
    ],
  });

export const breakdownResource = z
  .object({
    month,
    total_expense: money,
    categories: z.array(
      z.object({
        category_id: z.number().int(),
        category: z.string(),
        total: money,
        share: percent('Share of the month’s expenses, in percent'),
        transactions: z.number().int(),
      }),
    ),
  })
  .meta({
    id: 'CategoryBreakdown',
    examples: [
      {
        month: '2026-11',
        total_expense: '2735.10',
        categories: [{ category_id: 3, category: 'Rent', total: '1400.00', share: 51.2, transactions: 1 }],
      },
    ],
  });

export const anomaliesResource = z
  .object({
    month,
    history_months: z.number().int().meta({ description: 'Earlier months the baseline comes from' }),
    anomalies: z.array(
      z.object({
        kind: z.enum(ANOMALY_KINDS),
        category_id: z.number().int(),
        category: z.string(),
        transaction_id: z.number().int().nullable(),
        date: date.nullable().meta({ description: 'The transaction’s date, with transaction_id' }),
        observed: money,
        baseline: money,
        reason: z.string(),
      }),
    ),
  })
  .meta({
    id: 'AnomalyReport',
    examples: [
      {
        month: '2026-11',
        history_months: 12,
        anomalies: [
          {
            kind: 'large_transaction',
            category_id: 7,
            category: 'Shopping',
            transaction_id: 812,
            date: '2026-11-02',
            observed: '1299.00',
            baseline: '48.00',
            reason: 'A single Shopping expense of 1299.00, against a usual 48.00.',
          },
        ],
      },
    ],
  });

export const narrativeResource = z
  .object({
    month,
    text: z
      .string()
      .meta({ description: 'A few plain sentences; every number in it is one of the fields below' }),
    income: money,
    expense: money,
    savings: money,
    savings_rate: percent('Savings as a percentage of income; null without income').nullable(),
    top_categories: z.array(z.object({ category: z.string(), total: money, share: z.number() })),
    recent_average_expense: money.nullable(),
    anomalies: z.number().int(),
  })
  .meta({
    id: 'MonthNarrative',
    examples: [
      {
        month: '2026-11',
        text: 'In November 2026 you earned 4200.00 and spent 2735.10, saving 34.9 % of your income.',
        income: '4200.00',
        expense: '2735.10',
        savings: '1464.90',
        savings_rate: 34.9,
        top_categories: [{ category: 'Rent', total: '1400.00', share: 51.2 }],
        recent_average_expense: '2610.40',
        anomalies: 1,
      },
    ],
  });
