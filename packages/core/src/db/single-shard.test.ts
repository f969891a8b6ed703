import type { Logger } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts, markAlert, markAllAlertsRead } from '../alerts/service';
import { createBudget, deleteBudget, getBudgetStatus, listBudgets, updateBudget } from '../budgets/service';
import {
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  updateCategory,
} from '../categories/service';
import { createAccount, getAccount, getBalances, listAccounts } from '../finance-accounts/service';
import { getForecast } from '../forecast/service';
import { listImports, previewImport, runImport, undoImport } from '../imports/service';
import { getAnomalies } from '../insights/anomalies';
import { getCategoryBreakdown } from '../insights/category-breakdown';
import { getIncomeVsExpense } from '../insights/income-vs-expense';
import { summarizeMonth } from '../insights/narrative';
import { listRecurring } from '../recurring/service';
import { getMonthlySummary, getMonthlyTrend } from '../summaries/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { onPostgresServer } from '../testing/env';
import { createUser } from '../testing/fixtures';
import { bulkUpdateTransactions } from '../transactions/bulk';
import {
  createTransaction,
  createTransfer,
  deleteTransaction,
  getTransaction,
  listTransactions,
  updateTransaction,
} from '../transactions/service';

/**
 * On Citus every request of one user must be answered by the worker that holds that user's shards: a
 * statement that fans out to every shard costs each user a little of everyone's capacity. Each service
 * statement a user's request runs is captured and explained on the coordinator; the plan must name at most
 * one shard task per (sub)query. Only the background jobs that work across users by design are left out
 * (docs/scaling.md lists them): the alert and delivery workers, digests, pruning, full rebuilds, migrations,
 * and registration, which writes the user_lookups reference table on every node.
 */

interface Captured {
  query: string;
  params: unknown[];
}

const captured: Captured[] = [];
const capture: Logger = { logQuery: (query, params) => captured.push({ query, params }) };

let database: TestDatabase | undefined;
let explainer: postgres.Sql | undefined;
let citus = false;

beforeAll(async () => {
  if (!onPostgresServer('explaining service statements on a Citus coordinator')) return;
  database = await createTestDatabase({ logger: capture });
  explainer = postgres(database.url ?? '', { max: 1, onnotice: () => {} });
  const [row] = await explainer<{ citus: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`;
  citus = row?.citus === true;
  if (!citus)
    console.info(
      'Skipped: the single-shard plans need TEST_DATABASE_URL at a Citus coordinator (pnpm db:citus up).',
    );
}, 120_000);
afterAll(async () => {
  await explainer?.end();
  await database?.close();
});

/** The task counts of every distributed (sub)plan in an EXPLAIN (FORMAT JSON) result. */
function taskCounts(plan: unknown): number[] {
  if (Array.isArray(plan)) return plan.flatMap(taskCounts);
  if (!plan || typeof plan !== 'object') return [];
  return Object.entries(plan).flatMap(([key, value]) =>
    key === 'Task Count' && typeof value === 'number' ? [value] : taskCounts(value),
  );
}

const EXPLAINABLE = /^\s*(\(|select|insert|update|delete|with)\b/i;

/**
 * The statement with its values written in, as a custom plan sees them: Citus routes a statement by the
 * user id it is given, and cannot plan some statements for unknown values at all.
 */
function withValues(query: string, params: unknown[]): string {
  return query.replace(/\$(\d+)\b/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `'${text.replaceAll("'", "''")}'`;
  });
}

/** Runs `work` and explains every statement it sent; returns those planned on more than one shard. */
async function fanOuts(work: () => Promise<unknown>): Promise<string[]> {
  captured.length = 0;
  await work();
  const statements = captured.splice(0);
  const wide: string[] = [];
  for (const { query, params } of statements) {
    if (!EXPLAINABLE.test(query)) continue;
    let plan: unknown;
    try {
      plan = (await explainer?.unsafe(`EXPLAIN (FORMAT JSON) ${withValues(query, params)}`))?.[0]?.[
        'QUERY PLAN'
      ];
    } catch (error) {
      wide.push(`not planned (${(error as Error).message}): ${query.replace(/\s+/g, ' ').slice(0, 2000)}`);
      continue;
    }
    const counts = taskCounts(plan);
    if (counts.some((count) => count > 1))
      wide.push(`${Math.max(...counts)} shards: ${query.replace(/\s+/g, ' ').slice(0, 2000)}`);
  }
  return wide;
}

const CSV = `Date,Payee,Amount,Category
2026-03-02,ACME Ltd,3200.00,Salary
2026-03-03,Corner Shop,-54.20,Groceries
2026-03-15,City Power,-89.00,Utilities
`;

describe('on Citus, every request of a user', () => {
  it('is planned on that user’s shard alone', async (context) => {
    if (!citus || !database) return context.skip();
    const db = database.db;
    // Registration writes the reference table on every node; it happens before the capture starts.
    const alice = await createUser(db, 'alice');
    await createUser(db, 'bob');
    const wide: Record<string, string[]> = {};
    const step = async (name: string, work: () => Promise<unknown>) => {
      const found = await fanOuts(work);
      if (found.length > 0) wide[name] = found;
    };
    const user = alice.id;
    let categoryId = 0;
    let accountId = 0;
    let transactionId = 0;
    let budgetId = 0;

    await step('categories', async () => {
      categoryId = (await createCategory(db, user, { name: 'Groceries' })).id;
      await createCategory(db, user, { name: 'Spare' });
      await listCategories(db, user);
      await getCategory(db, user, { id: categoryId });
      await updateCategory(db, user, { id: categoryId, name: 'Food' });
    });
    await step('accounts and balances', async () => {
      accountId = (await createAccount(db, user, { name: 'Savings', kind: 'SAVINGS' })).id;
      await listAccounts(db, user);
      await getAccount(db, user, { id: accountId });
      await getBalances(db, user);
    });
    await step('create, get, update, delete', async () => {
      transactionId = (
        await createTransaction(db, user, {
          categoryId,
          type: 'EXPENSE',
          amount: '12.50',
          date: '2026-03-04',
        })
      ).id;
      await getTransaction(db, user, { id: transactionId });
      await updateTransaction(db, user, { id: transactionId, amount: '13.00', date: '2026-04-04' });
      const spare = await createTransaction(db, user, {
        categoryId,
        type: 'EXPENSE',
        amount: '1.00',
        date: '2026-03-05',
      });
      await deleteTransaction(db, user, { id: spare.id });
      await createTransfer(db, user, {
        fromAccountId: (await listAccounts(db, user)).find((account) => account.isDefault)?.id ?? 0,
        toAccountId: accountId,
        amount: '100.00',
        date: '2026-03-06',
      });
      await bulkUpdateTransactions(db, user, { action: 'update', ids: [transactionId], categoryId });
    });
    await step('list pages', async () => {
      const first = await listTransactions(db, user, { limit: 2, includeTotal: true });
      if (first.nextCursor) await listTransactions(db, user, { limit: 2, cursor: first.nextCursor });
      await listTransactions(db, user, { accountId, limit: 10 });
      await listTransactions(db, user, { categoryId, search: 'shop' });
      await listTransactions(db, user, { from: '2026-03-01', to: '2026-03-31', ordering: 'amount' });
      await listTransactions(db, user, { ordering: 'category', limit: 5, includeSums: true });
    });
    await step('import', async () => {
      const file = new TextEncoder().encode(CSV);
      await previewImport(db, user, { file });
      const done = await runImport(db, user, { file, fileName: 'march.csv' });
      await listImports(db, user);
      await undoImport(db, user, { id: done.id });
    });
    await step('insights and summaries', async () => {
      await getCategoryBreakdown(db, user, '2026-03');
      await getIncomeVsExpense(db, user, '2026-03');
      await getAnomalies(db, user, '2026-03');
      await getMonthlySummary(db, user, { month: '2026-03' });
      await getMonthlyTrend(db, user, { endMonth: '2026-04', months: 6 });
      await summarizeMonth(db, user, '2026-03');
      await getForecast(db, user);
      await listRecurring(db, user);
    });
    await step('budgets', async () => {
      budgetId = (await createBudget(db, user, { categoryId, amount: '20.00' })).id;
      await listBudgets(db, user);
      await getBudgetStatus(db, user, {});
      await updateBudget(db, user, { id: budgetId, amount: '15.00' });
      await createTransaction(db, user, { categoryId, type: 'EXPENSE', amount: '14.00', date: todayIso() });
    });
    await step('alerts', async () => {
      const alerts = (await listAlerts(db, user)).results;
      const first = alerts[0];
      if (first) await markAlert(db, user, { id: first.id, read: true });
      await markAllAlertsRead(db, user);
      await deleteBudget(db, user, { id: budgetId });
      await deleteCategory(db, user, { id: (await createCategory(db, user, { name: 'Unused' })).id });
    });

    expect(wide).toEqual({});
  }, 120_000);
});

function todayIso() {
  return new Date().toISOString().slice(0, 10);
}
