import { and, desc, eq, gte, lte } from 'drizzle-orm';
import type { Database } from '../db/client';
import { categories, transactions } from '../db/schema';
import { parseInput } from '../validation/parse-input';
import { type DateRangeInput, dateRangeInput, type TransactionsInRange } from './schemas';

/** get_transactions(user_id, date_range): the user's transactions between two dates, both included. */
export async function getTransactions(
  db: Database,
  userId: number,
  range: DateRangeInput,
): Promise<TransactionsInRange> {
  const { from, to, limit } = parseInput(dateRangeInput, range);
  const rows = await db
    .select({
      id: transactions.id,
      date: transactions.date,
      type: transactions.type,
      amount: transactions.amount,
      category: categories.name,
      note: transactions.note,
    })
    .from(transactions)
    .innerJoin(
      categories,
      and(eq(categories.id, transactions.categoryId), eq(categories.userId, transactions.userId)),
    )
    .where(and(eq(transactions.userId, userId), gte(transactions.date, from), lte(transactions.date, to)))
    .orderBy(desc(transactions.date), desc(transactions.id))
    .limit(limit + 1);
  const list = rows.slice(0, limit);
  return { from, to, count: list.length, truncated: rows.length > limit, transactions: list };
}
