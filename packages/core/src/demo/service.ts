import { and, count, eq, sql } from 'drizzle-orm';
import { checkPassword } from '../accounts/service';
import { userToday } from '../accounts/time-zone';
import type { Database } from '../db/client';
import { refreshPlannerStatistics } from '../db/planner-statistics';
import { categories, transactions } from '../db/schema';
import { AppError } from '../errors';
import { QUOTAS } from '../limits';
import { deleteTransactionsInBulk } from '../summaries/service';
import { parseInput } from '../validation/parse-input';
import { generateHousehold } from './generator';
import {
  type LoadDemoDataInput,
  loadDemoDataInput,
  type ResetAccountDataInput,
  resetAccountDataInput,
} from './schemas';

/** Advisory lock class for one user's demo data: loads (and removals) of one account queue up. */
const DEMO_LOCK_CLASS = 1_684_368_751;

async function lockDemo(tx: Database, userId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK_CLASS}::integer, ${userId}::integer)`);
}

/**
 * Fills an empty account with a year of realistic transactions, up to today where the user lives, so a
 * new user sees the dashboard alive. Refused once the account has transactions: demo data must never mix
 * with real books. Loads of one account queue up, so two at once load it once.
 */
export async function loadDemoData(
  db: Database,
  userId: number,
  input: LoadDemoDataInput = {},
): Promise<{ categories: number; transactions: number }> {
  const options = parseInput(loadDemoDataInput, input);
  const today = await userToday(db, userId);
  const loaded = await db.transaction(async (tx) => {
    await lockDemo(tx, userId);
    const [existing] = await tx
      .select({ n: count() })
      .from(transactions)
      .where(eq(transactions.userId, userId));
    if ((existing?.n ?? 0) > 0) {
      throw new AppError('CONFLICT', 'Demo data can only be loaded into an account without transactions.');
    }
    const history = generateHousehold({
      months: options.months,
      seed: options.seed,
      endMonth: today.slice(0, 7),
      today,
    });
    const names = [...new Set(history.map((t) => t.category))];
    const known = await tx
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(eq(categories.userId, userId));
    const ids = new Map(known.map((c) => [c.name.toLowerCase(), c.id]));
    const missing = names.filter((name) => !ids.has(name.toLowerCase()));
    if (known.length + missing.length > QUOTAS.categories) {
      throw new AppError('CONFLICT', 'The demo data needs more categories than your account has room for.');
    }
    if (missing.length > 0) {
      const created = await tx
        .insert(categories)
        .values(missing.map((name) => ({ userId, name, demo: true })))
        .returning({ id: categories.id, name: categories.name });
      for (const c of created) ids.set(c.name.toLowerCase(), c.id);
    }
    const rows = history.map((t) => ({
      userId,
      categoryId: ids.get(t.category.toLowerCase()) ?? 0,
      type: t.type,
      amount: t.amount,
      date: t.date,
      note: t.note,
      payee: t.payee,
      demo: true,
    }));
    for (let index = 0; index < rows.length; index += 500) {
      await tx.insert(transactions).values(rows.slice(index, index + 500));
    }
    return { categories: missing.length, transactions: rows.length };
  });
  // A year of rows at once: the planner should see them before the next statements are planned.
  await refreshPlannerStatistics(db, loaded.transactions);
  return loaded;
}

/**
 * Takes the demo data out again: its transactions, and the categories it created unless a transaction of
 * the user's own now uses them. What the user entered stays.
 */
export async function removeDemoData(
  db: Database,
  userId: number,
): Promise<{ categories: number; transactions: number }> {
  const result = await db.transaction(async (tx) => {
    await lockDemo(tx, userId);
    const removed = await deleteTransactionsInBulk(tx, userId, sql`demo`);
    const gone = await tx
      .delete(categories)
      .where(
        and(
          eq(categories.userId, userId),
          eq(categories.demo, true),
          sql`NOT EXISTS (SELECT 1 FROM transactions t
                           WHERE t.user_id = ${categories.userId} AND t.category_id = ${categories.id})`,
        ),
      )
      .returning({ id: categories.id });
    return { categories: gone.length, transactions: removed };
  });
  await refreshPlannerStatistics(db, result.transactions);
  return result;
}

/**
 * Empties the account (every transaction and category) and keeps the login and its settings. It cannot be
 * undone, so it takes the password, like deleting the account.
 */
export async function resetAccountData(
  db: Database,
  userId: number,
  input: ResetAccountDataInput,
): Promise<{ categories: number; transactions: number }> {
  const { password } = parseInput(resetAccountDataInput, input);
  await checkPassword(db, userId, password);
  const result = await db.transaction(async (tx) => {
    await lockDemo(tx, userId);
    const removed = await deleteTransactionsInBulk(tx, userId);
    const gone = await tx
      .delete(categories)
      .where(eq(categories.userId, userId))
      .returning({ id: categories.id });
    return { categories: gone.length, transactions: removed };
  });
  await refreshPlannerStatistics(db, result.transactions);
  return result;
}
