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
      date: z.string().nullable(),
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
  budgetsAtRisk: z
    .array(
      z.object({
        category: z.string(),
        spent: money,
        limit: money,
        percent: percent.nullable(),
        status: z.enum(['ok', 'warning', 'over']),
      }),
    )
    .describe('Budgets at 80 % of their limit or past it'),
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

const budgetState = z
  .enum(['ok', 'warning', 'over'])
  .describe('warning from 80 % of the limit, over past 100 %');

export const budgetStatusOutput = z.object({
  month,
  budgets: z.array(
    z.object({
      category: z.string(),
      limit: money.describe("This month's limit"),
      carriedIn: money.describe('Left over (or overspent, negative) from earlier months; 0 without rollover'),
      spent: money,
      remaining: money.describe('Negative when over'),
      percent: percent.nullable(),
      status: budgetState,
    }),
  ),
  totals: z.object({
    limit: money,
    carriedIn: money,
    spent: money,
    remaining: money,
    percent: percent.nullable(),
  }),
  unbudgeted: money.describe('Spending in categories without a budget'),
});

export const alertsOutput = z.object({
  unread: z.number().int().describe('How many alerts are unread in all'),
  count: z.number().int().describe('How many alerts matched'),
  truncated: z.boolean(),
  alerts: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string().describe('BUDGET_WARNING, BUDGET_OVER, ANOMALY, RECURRING_PRICE or RECURRING_MISSED'),
      message: z.string(),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
});

export const recurringOutput = z.object({
  count: z.number().int(),
  truncated: z.boolean(),
  series: z.array(
    z.object({
      payee: z.string(),
      category: z.string().nullable(),
      type: z.enum(TRANSACTION_TYPES),
      cadence: z.string().describe('WEEKLY, BIWEEKLY, MONTHLY, QUARTERLY or YEARLY'),
      amount: money.describe('Typical amount'),
      amountMin: money,
      amountMax: money,
      nextExpected: z.string().describe('YYYY-MM-DD'),
      confidence: z.number().describe('0 to 1'),
      confirmed: z.boolean().describe('The user confirmed it'),
    }),
  ),
});

const forecastPart = z.object({
  booked: money.describe('Already in the month'),
  recurringDue: money.describe('Recurring payments still expected'),
  variable: money.describe('Typical other amounts for the days left'),
  expected: money,
  low: money,
  high: money,
});

export const forecastOutput = z.object({
  month,
  asOf: z.string().describe('YYYY-MM-DD'),
  daysLeft: z.number().int(),
  income: forecastPart,
  expense: forecastPart,
  safeToSpendPerDay: money,
  due: z.array(
    z.object({ payee: z.string(), type: z.enum(TRANSACTION_TYPES), date: z.string(), amount: money }),
  ),
});
