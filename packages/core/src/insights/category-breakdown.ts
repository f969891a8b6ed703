import { sql } from 'drizzle-orm';
import { monthOrCurrent } from '../accounts/time-zone';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { monthRange } from '../validation/dates';
import type { CategoryBreakdown, CategoryShare } from './schemas';

/** get_category_breakdown(user_id, month): expenses per category with each one's share, largest first. */
export async function getCategoryBreakdown(
  db: Database,
  userId: number,
  monthArg?: string,
): Promise<CategoryBreakdown> {
  const month = await monthOrCurrent(db, userId, monthArg);
  const { start, end } = monthRange(month);
  const result = await db.execute(sql`
    SELECT c.id AS "categoryId",
           c.name AS category,
           sum(t.amount)::text AS total,
           round(100 * sum(t.amount) / sum(sum(t.amount)) OVER (), 1)::float8 AS share,
           count(*)::integer AS transactions,
           sum(sum(t.amount)) OVER ()::text AS "monthTotal"
      FROM transactions t
      JOIN categories c ON c.id = t.category_id AND c.user_id = t.user_id
     WHERE t.user_id = ${userId} AND t.type = 'EXPENSE' AND t.date >= ${start}::date AND t.date < ${end}::date
     GROUP BY c.id, c.name
     ORDER BY sum(t.amount) DESC, c.name`);
  const rows = rowsOf<CategoryShare & { monthTotal: string }>(result);
  return {
    month,
    totalExpense: rows[0]?.monthTotal ?? '0.00',
    categories: rows.map(({ monthTotal: _, ...share }) => share),
  };
}
