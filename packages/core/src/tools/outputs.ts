import { z } from 'zod';
import { ANOMALY_KINDS } from '../insights/schemas';
import { TRANSACTION_TYPES } from '../transactions/schemas';

/**
 * What each LLM tool answers, as zod schemas: MCP publishes them as each tool's `outputSchema` and checks
 * every `structuredContent` against them. The tools' `run` functions are type-checked against them too, so
 * a field the services stop returning is a compile error here, not a surprise in an agent.
 */
const money = z.string().describe('Decimal string, e.g. "12.50", in the user’s currency');
const month = z.string().describe('YYYY-MM');
const percent = z.number().describe('Percent, one decimal');

export const transactionsOutput = z.object({
  from: z.string(),
  to: z.string(),
  count: z.number().int().describe('How many are listed here'),
  truncated: z.boolean().describe('True when more matched than were listed: narrow the range'),
  transactions: z.array(
    z.object({
      id: z.number().int(),
      date: z.string(),
      type: z.enum(TRANSACTION_TYPES),
      amount: money,
      category: z.string(),
      note: z.string(),
    }),
  ),
});

export const breakdownOutput = z.object({
  month,
  totalExpense: money,
  categories: z.array(
    z.object({
      categoryId: z.number().int(),
      category: z.string(),
      total: money,
      share: percent,
      transactions: z.number().int(),
    }),
  ),
  truncated: z.boolean(),
});

export const incomeVsExpenseOutput = z.object({
  month,
  income: money,
  expense: money,
  savings: money,
  savingsRate: percent.nullable().describe('Savings as a percentage of income; null without income'),
});

export const anomaliesOutput = z.object({
  month,
  historyMonths: z.number().int(),
  anomalies: z.array(
    z.object({
      kind: z.enum(ANOMALY_KINDS),
      categoryId: z.number().int(),
      category: z.string(),
      transactionId: z.number().int().nullable(),
      observed: money,
      baseline: money,
      reason: z.string(),
    }),
  ),
});

export const trendOutput = z.object({
  months: z
    .array(z.object({ month, income: money, expense: money, savings: money }))
    .describe('Oldest first'),
});

export const narrativeOutput = z.object({
  month,
  text: z.string(),
  income: money,
  expense: money,
  savings: money,
  savingsRate: percent.nullable(),
  topCategories: z.array(z.object({ category: z.string(), total: money, share: percent })),
  recentAverageExpense: money.nullable(),
  anomalies: z.number().int(),
});

export const accountsOutput = z.object({
  date: z.string().nullable().describe('The day the balances are for; null means now'),
  accounts: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      kind: z.string().describe('CHECKING, SAVINGS, CREDIT_CARD, CASH or OTHER'),
      balance: money,
      archived: z.boolean(),
    }),
  ),
  total: money.describe('Sum of the balances of the accounts that are not archived'),
});

export const searchOutput = z.object({
  query: z.string(),
  count: z.number().int().describe('How many are listed here'),
  truncated: z.boolean().describe('True when more matched than were listed: narrow the search'),
  transactions: z.array(
    z.object({
      id: z.number().int(),
      date: z.string(),
      type: z.enum(TRANSACTION_TYPES),
      amount: money,
      payee: z.string(),
      category: z.string().nullable().describe('Null on a transfer between accounts'),
      accountId: z.number().int(),
      note: z.string(),
    }),
  ),
});
