import { z } from 'zod';
import { listAlerts } from '../alerts/service';
import { getBudgetStatus } from '../budgets/service';
import type { Database } from '../db/client';
import { AppError } from '../errors';
import { getBalances, listAccounts } from '../finance-accounts/service';
import { getForecast } from '../forecast/service';
import { getAnomalies } from '../insights/anomalies';
import { getCategoryBreakdown } from '../insights/category-breakdown';
import { getIncomeVsExpense } from '../insights/income-vs-expense';
import { summarizeMonth } from '../insights/narrative';
import { getTransactions } from '../insights/transactions';
import { listRecurring } from '../recurring/service';
import { getMonthlyTrend } from '../summaries/service';
import { listTransactions } from '../transactions/service';
import { isoDate, isoMonth } from '../validation/dates';
import { parseInput } from '../validation/parse-input';
import {
  accountsOutput,
  alertsOutput,
  anomaliesOutput,
  breakdownOutput,
  budgetStatusOutput,
  forecastOutput,
  incomeVsExpenseOutput,
  narrativeOutput,
  recurringOutput,
  searchOutput,
  transactionsOutput,
  trendOutput,
} from './outputs';

/** Bounds that keep every tool answer small enough for a prompt. */
export const TOOL_LIMITS = {
  transactions: 100,
  noteLength: 120,
  searchResults: 50,
  categories: 20,
  anomalies: 20,
  trendMonths: 24,
  alerts: 50,
  recurring: 50,
};

const clip = (text: string) =>
  text.length > TOOL_LIMITS.noteLength ? `${text.slice(0, TOOL_LIMITS.noteLength)}…` : text;

const month = isoMonth.optional().describe('Calendar month as YYYY-MM. Defaults to the current month.');

/**
 * One finsight tool for a language model. The user is bound by the host (from the caller's access token),
 * never passed as an argument, so a model cannot ask about anyone else.
 */
export interface FinsightTool<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  name: string;
  description: string;
  input: Input;
  /** What it answers: always an object (MCP's structured content is one). */
  output: Output;
  run(db: Database, userId: number, input: z.output<Input>): Promise<z.output<Output>>;
}

const defineTool = <Input extends z.ZodObject, Output extends z.ZodObject>(
  tool: FinsightTool<Input, Output>,
) => tool;

export const finsightTools = [
  defineTool({
    name: 'get_transactions',
    description:
      "List the user's income and expense transactions between two dates (both included), newest first. " +
      `Returns at most ${TOOL_LIMITS.transactions}; "truncated" is true when more matched, so narrow the range. ` +
      "Amounts are decimal strings in the user's currency.",
    input: z.strictObject({
      from: isoDate.describe('First day, YYYY-MM-DD.'),
      to: isoDate.describe('Last day, YYYY-MM-DD.'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(TOOL_LIMITS.transactions)
        .default(50)
        .describe('How many to return.'),
    }),
    output: transactionsOutput,
    async run(db, userId, input) {
      const result = await getTransactions(db, userId, input);
      return {
        ...result,
        transactions: result.transactions.map((t) => ({
          ...t,
          note: clip(t.note),
        })),
      };
    },
  }),
  defineTool({
    name: 'get_category_breakdown',
    description:
      "Total expense per category for a month, largest first, with each category's share of the month's " +
      `spending in percent. At most ${TOOL_LIMITS.categories} categories; "truncated" says when there were more.`,
    input: z.strictObject({ month }),
    output: breakdownOutput,
    async run(db, userId, input) {
      const result = await getCategoryBreakdown(db, userId, input.month);
      return {
        ...result,
        categories: result.categories.slice(0, TOOL_LIMITS.categories),
        truncated: result.categories.length > TOOL_LIMITS.categories,
      };
    },
  }),
  defineTool({
    name: 'get_income_vs_expense',
    description: 'Income, expense, savings and savings rate (percent of income) for a month.',
    input: z.strictObject({ month }),
    output: incomeVsExpenseOutput,
    run: (db, userId, input) => getIncomeVsExpense(db, userId, input.month),
  }),
  defineTool({
    name: 'get_anomalies',
    description:
      "Unusual spending in a month compared with the user's own previous 12 months: a category far above its " +
      'usual level, a single unusually large expense, or a large spend in a new or rarely used category. Each ' +
      'comes with the observed value, the usual (median) value and a one-line reason.',
    input: z.strictObject({ month }),
    output: anomaliesOutput,
    async run(db, userId, input) {
      const result = await getAnomalies(db, userId, input.month);
      return { ...result, anomalies: result.anomalies.slice(0, TOOL_LIMITS.anomalies) };
    },
  }),
  defineTool({
    name: 'get_monthly_trend',
    description:
      'Income, expense and savings for each of the last N months ending with a given month, as `months`, ' +
      'oldest first.',
    input: z.strictObject({
      endMonth: month,
      months: z.number().int().min(1).max(TOOL_LIMITS.trendMonths).default(12).describe('How many months.'),
    }),
    output: trendOutput,
    run: async (db, userId, input) => ({ months: await getMonthlyTrend(db, userId, input) }),
  }),
  defineTool({
    name: 'summarize_month',
    description:
      'A short plain-language summary of a month: income, spending, savings rate, top categories, the change ' +
      'against recent months and anything unusual, with the numbers it is based on.',
    input: z.strictObject({ month }),
    output: narrativeOutput,
    run: (db, userId, input) => summarizeMonth(db, userId, input.month),
  }),
  defineTool({
    name: 'get_accounts',
    description:
      "The user's accounts (checking, savings, credit cards, cash) with their balances now, or at the end of a " +
      'given day, and the total of the open ones. A negative balance means money owed (a credit card).',
    input: z.strictObject({
      date: isoDate.optional().describe('Balances at the end of this day, YYYY-MM-DD. Defaults to now.'),
    }),
    output: accountsOutput,
    async run(db, userId, input) {
      const accounts = await listAccounts(db, userId, input);
      const balances = await getBalances(db, userId, input);
      return {
        date: balances.date,
        accounts: accounts.map(({ id, name, kind, balance, archived }) => ({
          id,
          name,
          kind,
          balance,
          archived,
        })),
        total: balances.total,
      };
    },
  }),
  defineTool({
    name: 'search_transactions',
    description:
      'Find transactions by payee, note or category name (case-insensitive text), or by exact amount ' +
      `("12.50"), newest first, optionally within dates or one account. At most ${TOOL_LIMITS.searchResults}; ` +
      '"truncated" says when more matched.',
    input: z.strictObject({
      query: z.string().trim().min(1).max(100).describe('Text to find, or an exact amount like 12.50.'),
      from: isoDate.optional().describe('First day, YYYY-MM-DD.'),
      to: isoDate.optional().describe('Last day, YYYY-MM-DD.'),
      accountId: z.number().int().positive().optional().describe('Only this account (see get_accounts).'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(TOOL_LIMITS.searchResults)
        .default(20)
        .describe('How many to return.'),
    }),
    output: searchOutput,
    async run(db, userId, input) {
      const { query, limit, ...filters } = input;
      const page = await listTransactions(db, userId, { ...filters, search: query, limit });
      return {
        query,
        count: page.items.length,
        truncated: page.nextCursor !== null,
        transactions: page.items.map((t) => ({
          id: t.id,
          date: t.date,
          type: t.type,
          amount: t.amount,
          payee: t.payee,
          category: t.categoryName,
          accountId: t.accountId,
          note: clip(t.note),
        })),
      };
    },
  }),
  defineTool({
    name: 'get_budget_status',
    description:
      "Where each of the user's monthly budgets stands in a month: the limit, what carried in from earlier " +
      'months (rollover budgets), what was spent, what remains, the percentage and a status (ok, warning from ' +
      '80 %, over past 100 %), with totals and the spending no budget covers. Transfers are never spending.',
    input: z.strictObject({ month }),
    output: budgetStatusOutput,
    async run(db, userId, input) {
      const status = await getBudgetStatus(db, userId, input);
      return {
        ...status,
        budgets: status.budgets.map(({ category, limit, carriedIn, spent, remaining, percent, status }) => ({
          category,
          limit,
          carriedIn,
          spent,
          remaining,
          percent,
          status,
        })),
      };
    },
  }),
  defineTool({
    name: 'get_alerts',
    description:
      "The user's alerts, newest first: budgets passing 80 % or 100 %, new anomalies, recurring payments that " +
      `changed price or did not arrive. At most ${TOOL_LIMITS.alerts}. Reading them does not mark them read.`,
    input: z.strictObject({
      unread: z.boolean().default(false).describe('Only the unread ones.'),
      limit: z.number().int().min(1).max(TOOL_LIMITS.alerts).default(20).describe('How many to return.'),
    }),
    output: alertsOutput,
    async run(db, userId, input) {
      const page = await listAlerts(db, userId, { unread: input.unread, limit: input.limit });
      return {
        unread: page.unread,
        count: page.count,
        truncated: page.count > page.results.length,
        alerts: page.results.map((a) => ({
          id: a.id,
          kind: a.kind,
          message: a.message,
          createdAt: a.createdAt,
          read: a.readAt !== null,
        })),
      };
    },
  }),
  defineTool({
    name: 'get_recurring_payments',
    description:
      "The user's recurring payments and income found in their history (rent, salary, subscriptions, " +
      'insurance, yearly bills): payee, cadence, typical amount and range, next expected date and how sure ' +
      `the detection is. Series the user dismissed are left out. At most ${TOOL_LIMITS.recurring}.`,
    input: z.strictObject({}),
    output: recurringOutput,
    async run(db, userId) {
      const series = await listRecurring(db, userId);
      return {
        count: series.length,
        truncated: series.length > TOOL_LIMITS.recurring,
        series: series.slice(0, TOOL_LIMITS.recurring).map((s) => ({
          payee: s.payee,
          category: s.category,
          type: s.type,
          cadence: s.cadence,
          amount: s.amount,
          amountMin: s.amountMin,
          amountMax: s.amountMax,
          nextExpected: s.nextExpected,
          confidence: s.confidence,
          confirmed: s.status === 'CONFIRMED',
        })),
      };
    },
  }),
  defineTool({
    name: 'get_forecast',
    description:
      'The expected income and expense at the end of a month (the current one by default) with a low–high ' +
      'range, and the money safe to spend per remaining day. Each is what is already booked, plus the ' +
      'recurring payments still due, plus the typical variable spending for the days left.',
    input: z.strictObject({ month }),
    output: forecastOutput,
    async run(db, userId, input) {
      const forecast = await getForecast(db, userId, input);
      return {
        ...forecast,
        due: forecast.due.map(({ payee, type, date, amount }) => ({ payee, type, date, amount })),
      };
    },
  }),
];

export type FinsightToolName = (typeof finsightTools)[number]['name'];

/**
 * The JSON Schema of a tool's arguments, derived from its zod schema, as a caller sends them: a field with
 * a default is optional. The same conversion MCP applies (draft-07, input side), so the LangChain tools and
 * the tRPC `tools.list` describe every tool exactly as the MCP server does.
 */
export function toolJsonSchema(tool: Pick<FinsightTool, 'input'>): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(tool.input, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
  });
  return schema;
}

export function findTool(name: string): FinsightTool | undefined {
  return (finsightTools as FinsightTool[]).find((tool) => tool.name === name);
}

/** Validates the arguments and runs the tool for the given user; unknown tools and bad arguments are BAD_REQUEST. */
export async function runTool(db: Database, userId: number, name: string, args: unknown): Promise<unknown> {
  const tool = findTool(name);
  if (!tool) {
    const message = `Unknown tool "${name}". Available: ${finsightTools.map((t) => t.name).join(', ')}.`;
    throw new AppError('BAD_REQUEST', message, { name: [message] });
  }
  return tool.run(db, userId, parseInput(tool.input, args ?? {}));
}
