import { sql } from 'drizzle-orm';
import { monthOrCurrent } from '../accounts/time-zone';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { monthRange } from '../validation/dates';
import { fromCents, toCents } from '../validation/money';
import { MAD_TO_SIGMA, median, medianAbsoluteDeviation } from './robust-stats';
import type { Anomaly, AnomalyReport } from './schemas';

/**
 * get_anomalies(user_id, month): unusual spending in a month, judged against the user's own trailing
 * history — never against other users or fixed amounts.
 *
 * Method (robust statistics, so one odd month in the history cannot hide or fake an anomaly):
 * - The baseline is the HISTORY_MONTHS months before `month`; only months with some spending count, and
 *   nothing is flagged until there are MIN_HISTORY_MONTHS of them.
 * - category_spike: a category used in at least MIN_HISTORY_MONTHS of those months whose total this month
 *   is at least SPIKE_MIN_RATIO × its median month AND more than ROBUST_Z robust standard deviations
 *   (1.4826 × MAD) above it. Both tests must hold: the ratio keeps perfectly steady categories (MAD 0)
 *   from flagging small changes, the z-score keeps volatile ones from flagging their ordinary swings.
 *   Transactions already flagged as large_transaction are taken out first, so one purchase is reported
 *   once.
 * - large_transaction: one expense at least LARGE_MIN_RATIO × the median of the category's transactions
 *   in the history (its most recent LARGE_SAMPLE; needs LARGE_MIN_HISTORY of them) and more than ROBUST_Z
 *   robust deviations above it.
 * - new_category: a category with spending in at most RARE_MAX_MONTHS history months (never, or rarely)
 *   whose total this month is at least NEW_MIN_SHARE of the user's median monthly spending and, if it
 *   was used before, RARE_MIN_GROWTH × its largest earlier month (a yearly bill of the usual size is
 *   not news).
 */
export const HISTORY_MONTHS = 12;
export const MIN_HISTORY_MONTHS = 3;
export const ROBUST_Z = 3.5;
export const SPIKE_MIN_RATIO = 1.5;
export const LARGE_MIN_RATIO = 3;
export const LARGE_MIN_HISTORY = 5;
/** At most this many recent transactions per category make the per-transaction baseline. */
export const LARGE_SAMPLE = 200;
export const RARE_MAX_MONTHS = 2;
export const NEW_MIN_SHARE = 0.2;
export const RARE_MIN_GROWTH = 1.5;

interface CategoryMonthRow {
  categoryId: number;
  category: string;
  monthIndex: number;
  total: string;
}

interface LargeTransactionRow {
  id: number;
  categoryId: number;
  category: string;
  date: string;
  amount: string;
  baseline: string;
  historyCount: number;
}

interface CategoryHistory {
  category: string;
  /** Spending per history month in which the category was used, in cents. */
  usedMonths: Map<number, number>;
  /** This month's spending, in cents (0 if none). */
  current: number;
}

const ratio = (observed: number, baseline: number) => (observed / baseline).toFixed(1);
const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

export async function getAnomalies(db: Database, userId: number, monthArg?: string): Promise<AnomalyReport> {
  const month = await monthOrCurrent(db, userId, monthArg);
  const target = monthRange(month);
  const historyStart = monthRange(month, -HISTORY_MONTHS);
  const targetIndex = target.year * 12 + target.month - 1;

  // Aggregate first, name afterwards: grouping on the bare (category, month) lets PostgreSQL hash-aggregate.
  const monthly = rowsOf<CategoryMonthRow>(
    await db.execute(sql`
      SELECT m.category_id AS "categoryId",
             c.name AS category,
             (extract(year FROM m.month) * 12 + extract(month FROM m.month) - 1)::integer AS "monthIndex",
             m.total::text AS total
        FROM (SELECT category_id, date_trunc('month', date) AS month, sum(amount) AS total
                FROM transactions
               WHERE user_id = ${userId} AND type = 'EXPENSE'
                 AND date >= ${historyStart.start}::date AND date < ${target.end}::date
               GROUP BY 1, 2) m
        JOIN categories c ON c.id = m.category_id AND c.user_id = ${userId}`),
  );

  const categories = new Map<number, CategoryHistory>();
  const historyTotals = new Map<number, number>();
  for (const row of monthly) {
    const cents = toCents(row.total);
    const entry = categories.get(row.categoryId) ?? {
      category: row.category,
      usedMonths: new Map(),
      current: 0,
    };
    categories.set(row.categoryId, entry);
    if (row.monthIndex === targetIndex) {
      entry.current = cents;
    } else {
      entry.usedMonths.set(row.monthIndex, cents);
      historyTotals.set(row.monthIndex, (historyTotals.get(row.monthIndex) ?? 0) + cents);
    }
  }

  const historyMonths = historyTotals.size;
  if (historyMonths < MIN_HISTORY_MONTHS) return { month, historyMonths, anomalies: [] };
  const usualMonthlySpend = median([...historyTotals.values()]);

  const anomalies: Anomaly[] = [];
  const largeByCategory = new Map<number, number>();
  const newCategories = new Set<number>();

  for (const [categoryId, history] of categories) {
    if (history.current === 0 || history.usedMonths.size > RARE_MAX_MONTHS) continue;
    const previousMax = Math.max(0, ...history.usedMonths.values());
    if (history.current < NEW_MIN_SHARE * usualMonthlySpend) continue;
    if (previousMax > 0 && history.current < RARE_MIN_GROWTH * previousMax) continue;
    newCategories.add(categoryId);
    const share = percent(history.current, usualMonthlySpend);
    anomalies.push({
      kind: 'new_category',
      categoryId,
      category: history.category,
      transactionId: null,
      observed: fromCents(history.current),
      baseline: fromCents(previousMax),
      reason:
        history.usedMonths.size === 0
          ? `First spending on ${history.category}: ${fromCents(history.current)}, ${share} of a usual month's spending.`
          : `${history.category} was used in only ${history.usedMonths.size} of the last ${historyMonths} months; ` +
            `${fromCents(history.current)} this month is ${share} of a usual month's spending.`,
    });
  }

  for (const row of await findLargeTransactions(db, userId, historyStart.start, target.start, target.end)) {
    if (newCategories.has(row.categoryId)) continue;
    largeByCategory.set(row.categoryId, (largeByCategory.get(row.categoryId) ?? 0) + toCents(row.amount));
    anomalies.push({
      kind: 'large_transaction',
      categoryId: row.categoryId,
      category: row.category,
      transactionId: row.id,
      observed: row.amount,
      baseline: row.baseline,
      reason:
        `A single ${row.amount} expense in ${row.category} on ${row.date}, ` +
        `${ratio(toCents(row.amount), toCents(row.baseline))}× its usual ${row.baseline} per transaction.`,
    });
  }

  for (const [categoryId, history] of categories) {
    if (history.current === 0 || history.usedMonths.size < MIN_HISTORY_MONTHS) continue;
    const usual = [...history.usedMonths.values()];
    const center = median(usual);
    const spread = MAD_TO_SIGMA * medianAbsoluteDeviation(usual, center);
    const isSpike = (observed: number) =>
      observed >= SPIKE_MIN_RATIO * center && observed - center > ROBUST_Z * spread;
    // A spike that one flagged purchase explains is already reported as that purchase.
    if (!isSpike(history.current - (largeByCategory.get(categoryId) ?? 0))) continue;
    anomalies.push({
      kind: 'category_spike',
      categoryId,
      category: history.category,
      transactionId: null,
      observed: fromCents(history.current),
      baseline: fromCents(center),
      reason:
        `${history.category}: ${fromCents(history.current)} this month, ${ratio(history.current, center)}× ` +
        `the usual ${fromCents(center)} (median of ${usual.length} months).`,
    });
  }

  anomalies.sort(
    (a, b) => toCents(b.observed) - toCents(b.baseline) - (toCents(a.observed) - toCents(a.baseline)),
  );
  return { month, historyMonths, anomalies };
}

/**
 * Median and MAD per category in SQL, over each category's most recent LARGE_SAMPLE transactions of the
 * history (read newest-first from the (user, category, date) index, so the cost does not grow with the
 * user's volume); only the few flagged transactions leave the database.
 */
async function findLargeTransactions(
  db: Database,
  userId: number,
  historyStart: string,
  monthStart: string,
  monthEnd: string,
): Promise<LargeTransactionRow[]> {
  const result = await db.execute(sql`
    WITH stats AS (
      SELECT c.id AS category_id, c.name, s.n, s.median, m.mad
        FROM categories c
        CROSS JOIN LATERAL (
          SELECT array_agg(r.amount::float8) AS amounts
            FROM (SELECT amount FROM transactions t
                   WHERE t.user_id = ${userId} AND t.category_id = c.id AND t.type = 'EXPENSE'
                     AND t.date >= ${historyStart}::date AND t.date < ${monthStart}::date
                   ORDER BY t.date DESC, t.id DESC
                   LIMIT ${LARGE_SAMPLE}::integer) r) h
        CROSS JOIN LATERAL (
          SELECT count(*)::integer AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY a) AS median
            FROM unnest(h.amounts) a) s
        CROSS JOIN LATERAL (
          SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(a - s.median)) AS mad
            FROM unnest(h.amounts) a) m
       WHERE c.user_id = ${userId} AND s.n >= ${LARGE_MIN_HISTORY}::integer
    )
    SELECT t.id, t.category_id AS "categoryId", st.name AS category, t.date::text AS date, t.amount::text AS amount,
           round(st.median::numeric, 2)::text AS baseline, st.n AS "historyCount"
      FROM transactions t
      JOIN stats st ON st.category_id = t.category_id
     WHERE t.user_id = ${userId} AND t.type = 'EXPENSE'
       AND t.date >= ${monthStart}::date AND t.date < ${monthEnd}::date
       AND t.amount::float8 >= ${LARGE_MIN_RATIO}::float8 * st.median
       AND t.amount::float8 - st.median > ${ROBUST_Z * MAD_TO_SIGMA}::float8 * st.mad
     ORDER BY t.amount DESC, t.id`);
  return rowsOf<LargeTransactionRow>(result);
}
