import { count, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { refreshPlannerStatistics } from '../db/planner-statistics';
import { categories, transactions } from '../db/schema';
import { AppError } from '../errors';
import { parseInput } from '../validation/parse-input';
import { generateHousehold } from './generator';
import { type LoadDemoDataInput, loadDemoDataInput } from './schemas';

/**
 * Fills an empty account with a year of realistic transactions so a new user sees the dashboard alive.
 * Refused once the account has transactions: demo data must never mix with real books.
 */
export async function loadDemoData(
  db: Database,
  userId: number,
  input: LoadDemoDataInput = {},
): Promise<{ categories: number; transactions: number }> {
  const options = parseInput(loadDemoDataInput, input);
  const loaded = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ n: count() })
      .from(transactions)
      .where(eq(transactions.userId, userId));
    if ((existing?.n ?? 0) > 0) {
      throw new AppError('CONFLICT', 'Demo data can only be loaded into an account without transactions.');
    }
    const history = generateHousehold({ months: options.months, seed: options.seed });
    const names = [...new Set(history.map((t) => t.category))];
    const known = await tx
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(eq(categories.userId, userId));
    const ids = new Map(known.map((c) => [c.name.toLowerCase(), c.id]));
    const missing = names.filter((name) => !ids.has(name.toLowerCase()));
    if (missing.length > 0) {
      const created = await tx
        .insert(categories)
        .values(missing.map((name) => ({ userId, name })))
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
