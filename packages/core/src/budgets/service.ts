import { sql } from 'drizzle-orm';
import { userToday } from '../accounts/time-zone';
import type { Database } from '../db/client';
import { isConstraintViolation, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION } from '../db/pg-error';
import { preparedSql } from '../db/prepared';
import { rowsOf } from '../db/rows';
import { AppError, fieldError, notFound } from '../errors';
import { QUOTAS } from '../limits';
import { type ByIdInput, byIdInput } from '../validation/ids';
import { fromCents, toCents } from '../validation/money';
import { parseInput } from '../validation/parse-input';
import {
  BUDGET_WARNING_PERCENT,
  type Budget,
  type BudgetChange,
  type BudgetLine,
  type BudgetState,
  type BudgetStatus,
  type BudgetStatusInput,
  budgetStatusInput,
  type CreateBudgetInput,
  createBudgetInput,
  type UpdateBudgetInput,
  updateBudgetInput,
} from './schemas';

const placeholder = sql.placeholder;
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const firstDay = (month: string) => `${month}-01`;

interface BudgetRow {
  id: number;
  categoryId: number;
  category: string;
  startMonth: string;
  rollover: boolean;
  changes: BudgetChange[];
  createdAt: string;
  updatedAt: string;
}

function budgetsStatement(db: Database, one: boolean) {
  return preparedSql<BudgetRow>(
    db,
    `budgets:${one}`,
    () => sql`SELECT b.id, b.category_id AS "categoryId", c.name AS category,
        to_char(b.start_month, 'YYYY-MM') AS "startMonth", b.rollover,
        (SELECT json_agg(json_build_object('month', to_char(a.from_month, 'YYYY-MM'), 'amount', a.amount::text)
                         ORDER BY a.from_month)
           FROM budget_amounts a WHERE a.user_id = ${placeholder('userId')} AND a.budget_id = b.id) AS changes,
        to_char(b.created_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)}) AS "createdAt",
        to_char(b.updated_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)}) AS "updatedAt"
      FROM budgets b
      JOIN categories c ON c.id = b.category_id AND c.user_id = ${placeholder('userId')}
      WHERE b.user_id = ${placeholder('userId')} ${one ? sql`AND b.id = ${placeholder('id')}` : sql``}
      ORDER BY lower(c.name), b.id`,
  );
}

/** The limit in force in `month`: the latest change at or before it (the first one for a future budget). */
function limitIn(changes: BudgetChange[], month: string): string {
  let amount = changes[0]?.amount ?? '0.00';
  for (const change of changes) if (change.month <= month) amount = change.amount;
  return amount;
}

const toBudget = (row: BudgetRow, currentMonth: string): Budget => ({
  ...row,
  amount: limitIn(row.changes, currentMonth),
});

export async function listBudgets(db: Database, userId: number): Promise<Budget[]> {
  const [rows, today] = await Promise.all([
    budgetsStatement(db, false).execute({ userId }),
    userToday(db, userId),
  ]);
  return rows.map((row) => toBudget(row, today.slice(0, 7)));
}

export async function getBudget(db: Database, userId: number, input: ByIdInput): Promise<Budget> {
  const { id } = parseInput(byIdInput, input);
  const [[row], today] = await Promise.all([
    budgetsStatement(db, true).execute({ userId, id }),
    userToday(db, userId),
  ]);
  if (!row) throw notFound();
  return toBudget(row, today.slice(0, 7));
}

function explainBudgetWriteError(error: unknown): unknown {
  if (isConstraintViolation(error, PG_UNIQUE_VIOLATION, 'budgets_user_category_key')) {
    return fieldError('categoryId', 'This category already has a budget: change that one instead.');
  }
  if (isConstraintViolation(error, PG_FOREIGN_KEY_VIOLATION, 'budgets_category_same_user_fk')) {
    return fieldError('categoryId', 'Invalid pk - object does not exist.');
  }
  return error;
}

export async function createBudget(db: Database, userId: number, input: CreateBudgetInput): Promise<Budget> {
  const data = parseInput(createBudgetInput, input);
  const startMonth = data.startMonth ?? (await userToday(db, userId)).slice(0, 7);
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = rowsOf<{ id: number }>(
        await tx.execute(sql`
          INSERT INTO budgets (user_id, category_id, start_month, rollover)
          SELECT ${userId}, ${data.categoryId}, ${firstDay(startMonth)}::date, ${data.rollover}
           WHERE (SELECT count(*) FROM budgets WHERE user_id = ${userId}) < ${QUOTAS.budgets}
          RETURNING id`),
      );
      if (!row) {
        throw new AppError(
          'CONFLICT',
          `You have ${QUOTAS.budgets} budgets, the most you can have. Delete one first.`,
        );
      }
      await tx.execute(sql`INSERT INTO budget_amounts (user_id, budget_id, from_month, amount)
        VALUES (${userId}, ${row.id}, ${firstDay(startMonth)}::date, ${data.amount})`);
      return row.id;
    });
    return await getBudget(db, userId, { id });
  } catch (error) {
    throw explainBudgetWriteError(error);
  }
}

/**
 * Changes what is given. A new amount applies from `effectiveMonth` (the current month by default) on:
 * earlier months keep the limit they had, and changes planned for later months give way to it. Moving
 * the start month keeps the limit that was in force at the new start.
 */
export async function updateBudget(db: Database, userId: number, input: UpdateBudgetInput): Promise<Budget> {
  const data = parseInput(updateBudgetInput, input);
  const currentMonth = (await userToday(db, userId)).slice(0, 7);
  try {
    await changeBudget(db, userId, data, currentMonth);
  } catch (error) {
    throw explainBudgetWriteError(error);
  }
  return getBudget(db, userId, { id: data.id });
}

async function changeBudget(
  db: Database,
  userId: number,
  data: ReturnType<typeof updateBudgetInput.parse>,
  currentMonth: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [budget] = rowsOf<{ startMonth: string; changes: BudgetChange[] }>(
      await tx.execute(sql`
        SELECT to_char(b.start_month, 'YYYY-MM') AS "startMonth",
               (SELECT json_agg(json_build_object('month', to_char(a.from_month, 'YYYY-MM'), 'amount', a.amount::text)
                                ORDER BY a.from_month)
                  FROM budget_amounts a WHERE a.user_id = ${userId} AND a.budget_id = b.id) AS changes
          FROM budgets b WHERE b.id = ${data.id} AND b.user_id = ${userId}
           FOR UPDATE OF b`),
    );
    if (!budget) throw notFound();
    const startMonth = data.startMonth ?? budget.startMonth;
    if (startMonth !== budget.startMonth) {
      // The limit in force at the new start becomes its first change; nothing is kept before it.
      const opening = limitIn(budget.changes, startMonth);
      await tx.execute(
        sql`DELETE FROM budget_amounts WHERE user_id = ${userId} AND budget_id = ${data.id} AND from_month <= ${firstDay(startMonth)}::date`,
      );
      await tx.execute(sql`INSERT INTO budget_amounts (user_id, budget_id, from_month, amount)
        VALUES (${userId}, ${data.id}, ${firstDay(startMonth)}::date, ${opening})`);
    }
    if (data.amount !== undefined) {
      const effective = data.effectiveMonth ?? currentMonth;
      const [from = startMonth] = [effective, startMonth].sort().slice(-1);
      await tx.execute(
        sql`DELETE FROM budget_amounts WHERE user_id = ${userId} AND budget_id = ${data.id} AND from_month >= ${firstDay(from)}::date`,
      );
      await tx.execute(sql`INSERT INTO budget_amounts (user_id, budget_id, from_month, amount)
        VALUES (${userId}, ${data.id}, ${firstDay(from)}::date, ${data.amount})`);
    }
    await tx.execute(sql`UPDATE budgets
        SET start_month = ${firstDay(startMonth)}::date, rollover = coalesce(${data.rollover ?? null}::boolean, rollover),
            category_id = coalesce(${data.categoryId ?? null}::integer, category_id),
            updated_at = now()
      WHERE id = ${data.id} AND user_id = ${userId}`);
  });
}

export async function deleteBudget(db: Database, userId: number, input: ByIdInput): Promise<void> {
  const { id } = parseInput(byIdInput, input);
  const deleted = rowsOf(
    await db.execute(sql`DELETE FROM budgets WHERE id = ${id} AND user_id = ${userId} RETURNING 1`),
  );
  if (deleted.length === 0) throw notFound();
}

interface StatusRow {
  budget: number;
  categoryId: number;
  category: string;
  limit: string;
  carriedIn: string;
  spent: string;
  rollover: boolean;
}

/**
 * Every budget of the month from the derived tables: the limits, carry-over and names from
 * `finsight_budget_months`, the function the alert trigger uses, so the page and the alerts agree. The
 * statement reads nothing else: on Citus a statement that also read a table would be sent whole to the
 * user's worker, where the function could not run its own queries.
 */
function statusStatement(db: Database) {
  return preparedSql<StatusRow>(
    db,
    'budget_status',
    () => sql`SELECT s.budget_id AS budget, s.category_id AS "categoryId", s.category_name AS category,
        s.monthly_limit::text AS "limit", s.carried_in::text AS "carriedIn", s.spent::text AS spent, s.rollover
      FROM finsight_budget_months(${placeholder('userId')}, ${placeholder('month')}::date) s`,
  );
}

/** The month's total spending, for what no budget covers. */
function monthExpenseStatement(db: Database) {
  return preparedSql<{ expense: string }>(
    db,
    'budget_month_expense',
    () => sql`SELECT total_expense::text AS expense FROM monthly_summaries
       WHERE user_id = ${placeholder('userId')}
         AND year = ${placeholder('year')}::smallint AND month = ${placeholder('monthNumber')}::smallint`,
  );
}

function percentOf(spentCents: number, availableCents: number): number | null {
  if (availableCents <= 0) return null;
  return Math.round((1000 * spentCents) / availableCents) / 10;
}

function stateOf(spentCents: number, availableCents: number): BudgetState {
  if (spentCents > availableCents) return 'over';
  if (availableCents <= 0) return spentCents > 0 ? 'over' : 'ok';
  return 100 * spentCents >= BUDGET_WARNING_PERCENT * availableCents ? 'warning' : 'ok';
}

/** Where each budget stands in a month, the totals, and the spending no budget covers. */
export async function getBudgetStatus(
  db: Database,
  userId: number,
  input: BudgetStatusInput = {},
): Promise<BudgetStatus> {
  const data = parseInput(budgetStatusInput, input);
  const month = data.month ?? (await userToday(db, userId)).slice(0, 7);
  const [rows, [expense]] = await Promise.all([
    statusStatement(db).execute({ userId, month: firstDay(month) }),
    monthExpenseStatement(db).execute({
      userId,
      year: Number(month.slice(0, 4)),
      monthNumber: Number(month.slice(5, 7)),
    }),
  ]);
  const lines: BudgetLine[] = [];
  const monthExpense = toCents(expense?.expense ?? '0');
  const total = { limit: 0, carriedIn: 0, spent: 0 };
  for (const row of rows) {
    const limit = toCents(row.limit ?? '0');
    const carriedIn = toCents(row.carriedIn ?? '0');
    const spent = toCents(row.spent ?? '0');
    const available = limit + carriedIn;
    total.limit += limit;
    total.carriedIn += carriedIn;
    total.spent += spent;
    lines.push({
      budget: row.budget,
      categoryId: row.categoryId,
      category: row.category,
      limit: fromCents(limit),
      carriedIn: fromCents(carriedIn),
      spent: fromCents(spent),
      remaining: fromCents(available - spent),
      percent: percentOf(spent, available),
      status: stateOf(spent, available),
      rollover: row.rollover,
    });
  }
  lines.sort((a, b) => a.category.localeCompare(b.category) || a.budget - b.budget);
  const available = total.limit + total.carriedIn;
  return {
    month,
    budgets: lines,
    totals: {
      limit: fromCents(total.limit),
      carriedIn: fromCents(total.carriedIn),
      spent: fromCents(total.spent),
      remaining: fromCents(available - total.spent),
      percent: percentOf(total.spent, available),
    },
    unbudgeted: fromCents(Math.max(0, monthExpense - total.spent)),
  };
}
