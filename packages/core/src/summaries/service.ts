import { and, eq, type SQL, sql } from 'drizzle-orm';
import { monthOrCurrent } from '../accounts/time-zone';
import type { Database } from '../db/client';
import { prepared } from '../db/prepared';
import { rowsOf } from '../db/rows';
import { accountMonths, categoryMonths, monthlySummaries } from '../db/schema';
import { isoTimestamp } from '../db/timestamps';
import { formatMonth, monthRange } from '../validation/dates';
import { parseInput } from '../validation/parse-input';
import {
  type MonthInput,
  type MonthlySummary,
  monthInput,
  type TrendInput,
  type TrendPoint,
  trendInput,
} from './schemas';

const placeholder = sql.placeholder;

/** Shared with the trigger in drizzle/0001_monthly_summary_trigger.sql. */
const SUMMARY_LOCK_CLASS = 1_718_185_587;

/** The stored summary of one month; zeros when the month has no transactions. */
export async function getMonthlySummary(
  db: Database,
  userId: number,
  input: MonthInput = {},
): Promise<MonthlySummary> {
  const month = await monthOrCurrent(db, userId, parseInput(monthInput, input).month);
  const { year, month: monthNumber } = monthRange(month);
  const [row] = await prepared(db, 'summaries_month', (name) =>
    db
      .select()
      .from(monthlySummaries)
      .where(
        and(
          eq(monthlySummaries.userId, placeholder('userId')),
          eq(monthlySummaries.year, placeholder('year')),
          eq(monthlySummaries.month, placeholder('month')),
        ),
      )
      .prepare(name),
  ).execute({ userId, year, month: monthNumber });
  return {
    month,
    year,
    monthNumber,
    totalIncome: row?.totalIncome ?? '0.00',
    totalExpense: row?.totalExpense ?? '0.00',
    savings: row?.savings ?? '0.00',
    transactionCount: row?.transactionCount ?? 0,
    updatedAt: row ? isoTimestamp(row.updatedAt) : null,
  };
}

/** Income, expense and savings for each of the `months` months ending at `endMonth`, empty months as zeros. */
export async function getMonthlyTrend(
  db: Database,
  userId: number,
  input: TrendInput = {},
): Promise<TrendPoint[]> {
  const data = parseInput(trendInput, input);
  const end = monthRange(await monthOrCurrent(db, userId, data.endMonth));
  const start = monthRange(formatMonth(end.year, end.month), -(data.months - 1));
  const rows =
    data.categoryId !== undefined
      ? await categoryTrendRows(db, userId, data.categoryId, start, end)
      : await accountTrendRows(db, userId, start, end);
  const byMonth = new Map(rows.map((row) => [formatMonth(row.year, row.month), row]));
  return Array.from({ length: data.months }, (_, index) => {
    const { year, month } = monthRange(formatMonth(start.year, start.month), index);
    const key = formatMonth(year, month);
    const row = byMonth.get(key);
    return {
      month: key,
      income: row?.income ?? '0.00',
      expense: row?.expense ?? '0.00',
      savings: row?.savings ?? '0.00',
    };
  });
}

interface TrendRow {
  year: number;
  month: number;
  income: string;
  expense: string;
  savings: string;
}

type MonthBound = { year: number; month: number };

async function categoryTrendRows(
  db: Database,
  userId: number,
  categoryId: number,
  start: MonthBound,
  end: MonthBound,
): Promise<TrendRow[]> {
  return rowsOf<TrendRow>(
    await db.execute(sql`
      SELECT extract(year FROM month)::integer AS year, extract(month FROM month)::integer AS month,
             income::text AS income, expense::text AS expense, (income - expense)::text AS savings
      FROM category_months
      WHERE user_id = ${userId} AND category_id = ${categoryId}
        AND month BETWEEN make_date(${start.year}, ${start.month}, 1) AND make_date(${end.year}, ${end.month}, 1)`),
  );
}

async function accountTrendRows(db: Database, userId: number, start: MonthBound, end: MonthBound) {
  return prepared(db, 'summaries_trend', (name) =>
    db
      .select({
        year: monthlySummaries.year,
        month: monthlySummaries.month,
        income: monthlySummaries.totalIncome,
        expense: monthlySummaries.totalExpense,
        savings: monthlySummaries.savings,
      })
      .from(monthlySummaries)
      .where(
        and(
          eq(monthlySummaries.userId, placeholder('userId')),
          sql`(${monthlySummaries.year}, ${monthlySummaries.month}) >= (${placeholder('startYear')}::smallint, ${placeholder('startMonth')}::smallint)`,
          sql`(${monthlySummaries.year}, ${monthlySummaries.month}) <= (${placeholder('endYear')}::smallint, ${placeholder('endMonth')}::smallint)`,
        ),
      )
      .prepare(name),
  ).execute({
    userId,
    startYear: start.year,
    startMonth: start.month,
    endYear: end.year,
    endMonth: end.month,
  });
}

const aggregateFromTransactions = (userFilter: ReturnType<typeof sql>) => sql`
  SELECT user_id,
         extract(year FROM date)::smallint,
         extract(month FROM date)::smallint,
         coalesce(sum(amount) FILTER (WHERE type = 'INCOME' AND transfer_peer_id IS NULL), 0),
         coalesce(sum(amount) FILTER (WHERE type = 'EXPENSE' AND transfer_peer_id IS NULL), 0),
         count(*)::integer
    FROM transactions
   WHERE ${userFilter}
   GROUP BY 1, 2, 3`;

/** Each account's net movement per month, as `account_months` holds it. */
const accountMonthsFromTransactions = (userFilter: SQL) => sql`
  SELECT account_id, user_id,
         extract(year FROM date)::smallint,
         extract(month FROM date)::smallint,
         sum(CASE WHEN type = 'INCOME' THEN amount ELSE -amount END),
         count(*)::integer
    FROM transactions
   WHERE ${userFilter}
   GROUP BY 1, 2, 3, 4`;

/** Each category's income and expense per month, as `category_months` holds it (transfers have none). */
const categoryMonthsFromTransactions = (userFilter: SQL) => sql`
  SELECT user_id, category_id, date_trunc('month', date)::date,
         coalesce(sum(amount) FILTER (WHERE type = 'INCOME'), 0),
         coalesce(sum(amount) FILTER (WHERE type = 'EXPENSE'), 0),
         count(*)::integer
    FROM transactions
   WHERE ${userFilter} AND category_id IS NOT NULL
   GROUP BY 1, 2, 3`;

/**
 * Recomputes one user's derived data (monthly summaries, account months, category months) from their
 * transactions.
 * The caller holds the user's summary lock exclusively, inside its database transaction.
 */
export async function rebuildUserDerivedData(tx: Database, userId: number): Promise<void> {
  await tx.delete(monthlySummaries).where(eq(monthlySummaries.userId, userId));
  await tx.execute(sql`
    INSERT INTO monthly_summaries (user_id, year, month, total_income, total_expense, transaction_count)
    ${aggregateFromTransactions(sql`user_id = ${userId}`)}`);
  await tx.delete(accountMonths).where(eq(accountMonths.userId, userId));
  await tx.execute(sql`
    INSERT INTO account_months (account_id, user_id, year, month, net, transaction_count)
    ${accountMonthsFromTransactions(sql`user_id = ${userId}`)}`);
  await tx.delete(categoryMonths).where(eq(categoryMonths.userId, userId));
  await tx.execute(sql`
    INSERT INTO category_months (user_id, category_id, month, income, expense, transaction_count)
    ${categoryMonthsFromTransactions(sql`user_id = ${userId}`)}`);
}

/**
 * The user's spending per category in the month in progress where they live, before a bulk change: the
 * budget thresholds the change crosses are found by comparing with the spending after it.
 */
async function currentMonthSpending(tx: Database, userId: number): Promise<string> {
  const [row] = rowsOf<{ spending: string }>(
    await tx.execute(sql`
      SELECT coalesce(json_agg(json_build_object('category', c.category_id, 'expense', c.expense)), '[]')::text
               AS spending
        FROM category_months c
       WHERE c.user_id = ${userId}
         AND c.month = (SELECT date_trunc('month', now() AT TIME ZONE time_zone)::date FROM users WHERE id = ${userId})`),
  );
  return row?.spending ?? '[]';
}

/**
 * After a bulk change: an alert for each budget threshold it crossed this month (as the row trigger does for
 * single writes), and a request for the heavier checks.
 */
async function raiseAlertsAfterBulk(tx: Database, userId: number, before: string): Promise<void> {
  const rising = rowsOf<{ category: number; month: string; before: string; after: string }>(
    await tx.execute(sql`
      SELECT c.category_id AS category, c.month::text AS month, coalesce(b.expense, 0)::text AS before,
             c.expense::text AS after
        FROM category_months c
        LEFT JOIN json_to_recordset(${before}::json) AS b(category bigint, expense numeric)
          ON b.category = c.category_id
       WHERE c.user_id = ${userId}
         AND c.month = (SELECT date_trunc('month', now() AT TIME ZONE time_zone)::date FROM users WHERE id = ${userId})
         AND c.expense > coalesce(b.expense, 0)`),
  );
  // The check runs from a statement that reads no table: on Citus one that read category_months would run
  // on the user's worker, where the check could not run its own queries.
  if (rising.length > 0)
    await tx.execute(sql`
      SELECT finsight_check_budget_crossing(${userId}, r.category, r.month, r.before, r.after)
        FROM json_to_recordset(${JSON.stringify(rising)}::json)
          AS r(category bigint, month date, before numeric, after numeric)`);
  await tx.execute(sql`INSERT INTO alert_check_requests (user_id) VALUES (${userId})`);
}

/**
 * Where the user's row lives. The summary lock and the bulk flag are taken through it: on Citus the row
 * trigger runs on the worker that holds the user's shards, so a lock or setting made on the coordinator would
 * not be seen there; a statement routed by the user's row runs on that worker, in this transaction.
 */
const ON_USERS_NODE = (userId: number) => sql`FROM users WHERE id = ${userId}`;

/** Takes the user's summary lock exclusively: the user's writers (which take it shared) wait. */
export async function lockUserDerivedData(tx: Database, userId: number): Promise<void> {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(${SUMMARY_LOCK_CLASS}::integer, ${userId}::integer) ${ON_USERS_NODE(userId)}`,
  );
}

/**
 * Runs `work` with the row trigger skipped for this user's inserts and deletes, then recomputes the
 * user's derived data from what is there: for writes of thousands of rows at once (an import, a reset),
 * where a trigger call per row took seconds. Holds the user's summary lock, so no writer of theirs can
 * interleave.
 */
export async function withUserDerivedDataInBulk<T>(
  tx: Database,
  userId: number,
  work: () => Promise<T>,
  rowsToChange?: SQL,
): Promise<T> {
  if (rowsToChange) {
    // The rows a bulk change deletes or rewrites are locked before the user's summary lock: an edit of one
    // of them in flight holds its row and then wants that lock (its trigger takes it shared), so taking the
    // summary lock first deadlocked with it.
    await tx.execute(
      sql`SELECT 1 FROM transactions WHERE user_id = ${userId} AND ${rowsToChange} FOR UPDATE`,
    );
  }
  await lockUserDerivedData(tx, userId);
  const before = await currentMonthSpending(tx, userId);
  await tx.execute(
    sql`SELECT set_config('finsight.clearing_user', ${String(userId)}, true) ${ON_USERS_NODE(userId)}`,
  );
  const result = await work();
  await tx.execute(sql`SELECT set_config('finsight.clearing_user', '', true) ${ON_USERS_NODE(userId)}`);
  await rebuildUserDerivedData(tx, userId);
  await raiseAlertsAfterBulk(tx, userId, before);
  return result;
}

/**
 * Recomputes monthly summaries from the transactions: for one user, or for everyone when `userId` is
 * omitted. Safe while others write: a per-user rebuild takes the user's summary lock exclusively (writers
 * take it shared in the trigger); a full rebuild blocks writes to `transactions` and per-user rebuilds for
 * its duration.
 */
export async function rebuildSummaries(db: Database, userId?: number): Promise<{ months: number }> {
  return db.transaction(async (tx) => {
    if (userId === undefined) {
      // Writers wait (SHARE conflicts with their ROW EXCLUSIVE), and so do per-user rebuilds (EXCLUSIVE on
      // the summaries conflicts with their DELETE); plain reads of the summaries carry on.
      await tx.execute(sql`LOCK TABLE transactions IN SHARE MODE`);
      await tx.execute(sql`LOCK TABLE monthly_summaries IN EXCLUSIVE MODE`);
      await tx.execute(sql`LOCK TABLE account_months IN EXCLUSIVE MODE`);
      await tx.execute(sql`LOCK TABLE category_months IN EXCLUSIVE MODE`);
      await tx.execute(sql`DELETE FROM monthly_summaries`);
      await tx.execute(sql`DELETE FROM account_months`);
      await tx.execute(sql`DELETE FROM category_months`);
      await tx.execute(sql`
        INSERT INTO account_months (account_id, user_id, year, month, net, transaction_count)
        ${accountMonthsFromTransactions(sql`true`)}`);
      await tx.execute(sql`
        INSERT INTO category_months (user_id, category_id, month, income, expense, transaction_count)
        ${categoryMonthsFromTransactions(sql`true`)}`);
    } else {
      await lockUserDerivedData(tx, userId);
      await tx.delete(monthlySummaries).where(eq(monthlySummaries.userId, userId));
      await tx.delete(accountMonths).where(eq(accountMonths.userId, userId));
      await tx.execute(sql`
        INSERT INTO account_months (account_id, user_id, year, month, net, transaction_count)
        ${accountMonthsFromTransactions(sql`user_id = ${userId}`)}`);
      await tx.delete(categoryMonths).where(eq(categoryMonths.userId, userId));
      await tx.execute(sql`
        INSERT INTO category_months (user_id, category_id, month, income, expense, transaction_count)
        ${categoryMonthsFromTransactions(sql`user_id = ${userId}`)}`);
    }
    const inserted = await tx.execute(sql`
      INSERT INTO monthly_summaries (user_id, year, month, total_income, total_expense, transaction_count)
      ${aggregateFromTransactions(userId === undefined ? sql`true` : sql`user_id = ${userId}`)}
      RETURNING 1`);
    return { months: rowsOf(inserted).length };
  });
}

/**
 * Deletes many of a user's transactions at once (all of them when `which` is omitted) and leaves the
 * summaries exact: the user's summary lock is held exclusively, the per-row summary trigger is skipped for
 * this user in this transaction (drizzle/0003), and the user's summaries are rebuilt from what remains.
 * Row by row, deleting 100,000 transactions meant 100,000 trigger calls. Runs inside `db`'s transaction
 * when it is one, else in its own. Returns how many transactions went.
 */
export async function deleteTransactionsInBulk(db: Database, userId: number, which?: SQL): Promise<number> {
  const rows = which ?? sql`true`;
  return db.transaction(async (tx) =>
    withUserDerivedDataInBulk(
      tx,
      userId,
      async () => {
        const [deleted] = rowsOf<{ n: number }>(
          await tx.execute(sql`WITH gone AS (
              DELETE FROM transactions WHERE user_id = ${userId} AND ${rows} RETURNING 1)
            SELECT count(*)::integer AS n FROM gone`),
        );
        return deleted?.n ?? 0;
      },
      rows,
    ),
  );
}

/**
 * What the summaries should be, computed from scratch without writing anything — the oracle the tests
 * (and an operator) compare the stored table with.
 */
export async function findSummaryDrift(
  db: Database,
  userId?: number,
): Promise<{ userId: number; year: number; month: number; stored: string; expected: string }[]> {
  const scope = userId === undefined ? sql`true` : sql`user_id = ${userId}`;
  const result = await db.execute(sql`
    WITH expected (user_id, year, month, total_income, total_expense, transaction_count) AS (
      ${aggregateFromTransactions(scope)}
    ), stored AS (
      SELECT user_id, year, month, total_income, total_expense, transaction_count
        FROM monthly_summaries WHERE ${scope}
    )
    SELECT coalesce(e.user_id, s.user_id) AS "userId",
           coalesce(e.year, s.year) AS year,
           coalesce(e.month, s.month) AS month,
           concat_ws('/', s.total_income, s.total_expense, s.transaction_count) AS stored,
           concat_ws('/', e.total_income, e.total_expense, e.transaction_count) AS expected
      FROM expected e
      FULL JOIN stored s USING (user_id, year, month)
     WHERE e.total_income IS DISTINCT FROM s.total_income
        OR e.total_expense IS DISTINCT FROM s.total_expense
        OR e.transaction_count IS DISTINCT FROM s.transaction_count
     ORDER BY 1, 2, 3`);
  return rowsOf(result);
}

/** The same oracle for `account_months`: rows where the stored net or count differs from the transactions. */
export async function findAccountMonthDrift(
  db: Database,
  userId?: number,
): Promise<{ accountId: number; year: number; month: number; stored: string; expected: string }[]> {
  const scope = userId === undefined ? sql`true` : sql`user_id = ${userId}`;
  const result = await db.execute(sql`
    WITH expected (account_id, user_id, year, month, net, transaction_count) AS (
      ${accountMonthsFromTransactions(scope)}
    ), stored AS (
      SELECT account_id, user_id, year, month, net, transaction_count FROM account_months WHERE ${scope}
    )
    SELECT coalesce(e.account_id, s.account_id) AS "accountId",
           coalesce(e.year, s.year) AS year,
           coalesce(e.month, s.month) AS month,
           concat_ws('/', s.net, s.transaction_count) AS stored,
           concat_ws('/', e.net, e.transaction_count) AS expected
      FROM expected e
      FULL JOIN stored s USING (account_id, year, month)
     WHERE e.net IS DISTINCT FROM s.net OR e.transaction_count IS DISTINCT FROM s.transaction_count
     ORDER BY 1, 2, 3`);
  return rowsOf(result);
}

/** The same oracle for `category_months`: rows where the stored income, expense or count differs. */
export async function findCategoryMonthDrift(
  db: Database,
  userId?: number,
): Promise<{ categoryId: number; month: string; stored: string; expected: string }[]> {
  const scope = userId === undefined ? sql`true` : sql`user_id = ${userId}`;
  const result = await db.execute(sql`
    WITH expected (user_id, category_id, month, income, expense, transaction_count) AS (
      ${categoryMonthsFromTransactions(scope)}
    ), stored AS (
      SELECT user_id, category_id, month, income, expense, transaction_count FROM category_months WHERE ${scope}
    )
    SELECT coalesce(e.category_id, s.category_id) AS "categoryId",
           coalesce(e.month, s.month)::text AS month,
           concat_ws('/', s.income, s.expense, s.transaction_count) AS stored,
           concat_ws('/', e.income, e.expense, e.transaction_count) AS expected
      FROM expected e
      FULL JOIN stored s USING (user_id, category_id, month)
     WHERE e.income IS DISTINCT FROM s.income OR e.expense IS DISTINCT FROM s.expense
        OR e.transaction_count IS DISTINCT FROM s.transaction_count
     ORDER BY 1, 2`);
  return rowsOf(result);
}
