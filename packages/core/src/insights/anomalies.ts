import { sql } from 'drizzle-orm';
import { monthOrCurrent } from '../accounts/time-zone';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { formatMonth, monthRange } from '../validation/dates';
import { fromCents, toCents } from '../validation/money';
import { MAD_TO_SIGMA, median, medianAbsoluteDeviation, successiveDifferenceSigma } from './robust-stats';
import type { Anomaly, AnomalyReport } from './schemas';

/**
 * get_anomalies(user_id, month): unusual spending in a month, judged against the user's own trailing
 * history — never against other users or fixed amounts.
 *
 * Method (robust statistics, so one odd month in the history cannot hide or fake an anomaly):
 * - The baseline is the HISTORY_MONTHS months before `month`; only months with some spending count, and
 *   nothing is flagged until there are MIN_HISTORY_MONTHS of them. SEASON_REACH_MONTHS more are read, so
 *   that the same time last year (its month and the months either side) is at hand. Only expenses with a
 *   category count: the two sides of a transfer between the user's accounts have none.
 * - category_spike: a category used in at least MIN_HISTORY_MONTHS of those months whose total this month
 *   is at least SPIKE_MIN_RATIO × its median month AND more than ROBUST_Z robust standard deviations
 *   (1.4826 × MAD) above it. Both tests must hold: the ratio keeps perfectly steady categories (MAD 0)
 *   from flagging small changes, the z-score keeps volatile ones from flagging their ordinary swings.
 *   What is already explained is taken out of the month's total first:
 *   - transactions flagged as large_transaction, so one purchase is reported once;
 *   - the calendar: the larger of (a) the share of the median month that more of the category's usual
 *     weekdays bring (five weekends for outings, five Fridays for a weekly payment; at most a quarter),
 *     and (b) one extra payment of each regular weekly-to-monthly series (same payee, or same amount
 *     without one; payments of at least RECURRING_MIN_SHARE of the usual month) that kept its rhythm
 *     into this month (rent due on the 1st paid on the Friday before, a fortnightly payment landing three
 *     times). A duplicate charge days after the real one breaks the rhythm and stays news.
 *   The rest must also be a spike, by the same two tests, against the same time last year: the largest
 *   month among the same month and the months either side a year ago (less what the calendar brought
 *   into it), with the month-to-month noise as the spread where it is smaller than the MAD (the MAD of a
 *   seasonal category measures its season's swing, not its noise). Heating in winter, December's
 *   presents or a summer holiday like last year's are not news; far more than last year is.
 * - large_transaction: one expense at least LARGE_MIN_RATIO × the median of the category's transactions
 *   in the history (its most recent LARGE_SAMPLE; needs LARGE_MIN_HISTORY of them) and more than ROBUST_Z
 *   robust deviations above it, unless the category had an expense at least 1 / SEASONAL_MIN_GROWTH of
 *   its size at the same time last year (a yearly premium, last summer's hotel).
 * - new_category: a category with spending in at most RARE_MAX_MONTHS history months (never, or rarely)
 *   whose total this month is at least NEW_MIN_SHARE of the user's median monthly spending and, if it
 *   was used before, RARE_MIN_GROWTH × its largest earlier month (a yearly bill of the usual size is
 *   not news).
 */
export const HISTORY_MONTHS = 12;
/** Months read beyond HISTORY_MONTHS, so that last year's season has a month either side of the target's. */
const SEASON_REACH_MONTHS = 1;
const MIN_HISTORY_MONTHS = 3;
const ROBUST_Z = 3.5;
const SPIKE_MIN_RATIO = 1.5;
const LARGE_MIN_RATIO = 3;
const LARGE_MIN_HISTORY = 5;
/** At most this many recent transactions per category make the per-transaction baseline. */
const LARGE_SAMPLE = 200;
const RARE_MAX_MONTHS = 2;
const NEW_MIN_SHARE = 0.2;
const RARE_MIN_GROWTH = 1.5;
/** A single expense is news against the same time last year only from this many times its largest then. */
const SEASONAL_MIN_GROWTH = 1.5;
/**
 * A regular series: payments every RECURRING_MIN_DAYS to RECURRING_MAX_DAYS days (weekly to monthly; the
 * calendar can add at most one such payment to a month), whose gaps' quartiles stay within
 * CADENCE_TOLERANCE of their median, in at least MIN_HISTORY_MONTHS months.
 */
const RECURRING_MIN_DAYS = 6;
const RECURRING_MAX_DAYS = 35;
const CADENCE_TOLERANCE = 0.25;
/**
 * Only payments of at least this share of the category's usual month can make a series: a lighter one
 * cannot explain a spike (twenty series would all have to land twice), and it keeps a busy category's
 * hundreds of purchases out of the series analysis.
 */
const RECURRING_MIN_SHARE = 0.05;

const AVERAGE_MONTH_DAYS = 365.2425 / 12;
/** A month has four or five of each weekday, so its weekdays add at most a quarter to a usual month. */
const MAX_WEEKDAY_SHARE = 5 / 4 - 1;

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

interface WeekdayRow {
  categoryId: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  total: number;
}

interface RecurringExtraRow {
  categoryId: number;
  monthIndex: number;
  extra: string;
}

interface CategoryHistory {
  category: string;
  /** Spending per earlier month read (trailing history and last year's season), in cents. */
  months: Map<number, number>;
  /** This month's spending, in cents (0 if none). */
  current: number;
}

interface SpikeCandidate {
  categoryId: number;
  history: CategoryHistory;
  /** Trailing months in which the category was used. */
  usedMonths: number[];
  center: number;
  spread: number;
  /** This month's total less its flagged large transactions, in cents. */
  unexplained: number;
}

const ratio = (observed: number, baseline: number) => (observed / baseline).toFixed(1);
const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
const monthName = (monthIndex: number) => formatMonth(Math.floor(monthIndex / 12), (monthIndex % 12) + 1);

export async function getAnomalies(db: Database, userId: number, monthArg?: string): Promise<AnomalyReport> {
  const month = await monthOrCurrent(db, userId, monthArg);
  const target = monthRange(month);
  const historyStart = monthRange(month, -HISTORY_MONTHS);
  const readStart = monthRange(month, -HISTORY_MONTHS - SEASON_REACH_MONTHS);
  const targetIndex = target.year * 12 + target.month - 1;
  const firstTrailing = targetIndex - HISTORY_MONTHS;

  // Each category's spending per month from the derived category_months: a few hundred rows read, however
  // many transactions the months hold.
  const monthly = rowsOf<CategoryMonthRow>(
    await db.execute(sql`
      SELECT m.category_id AS "categoryId",
             c.name AS category,
             (extract(year FROM m.month) * 12 + extract(month FROM m.month) - 1)::integer AS "monthIndex",
             m.expense::text AS total
        FROM category_months m
        JOIN categories c ON c.id = m.category_id AND c.user_id = m.user_id
       WHERE m.user_id = ${userId} AND m.expense > 0
         AND m.month >= ${readStart.start}::date AND m.month < ${target.end}::date`),
  );

  const categories = new Map<number, CategoryHistory>();
  const historyTotals = new Map<number, number>();
  for (const row of monthly) {
    const cents = toCents(row.total);
    const entry = categories.get(row.categoryId) ?? { category: row.category, months: new Map(), current: 0 };
    categories.set(row.categoryId, entry);
    if (row.monthIndex === targetIndex) {
      entry.current = cents;
    } else {
      entry.months.set(row.monthIndex, cents);
      if (row.monthIndex >= firstTrailing)
        historyTotals.set(row.monthIndex, (historyTotals.get(row.monthIndex) ?? 0) + cents);
    }
  }
  const trailing = (history: CategoryHistory) => [...history.months.keys()].filter((i) => i >= firstTrailing);

  const historyMonths = historyTotals.size;
  if (historyMonths < MIN_HISTORY_MONTHS) return { month, historyMonths, anomalies: [] };
  const usualMonthlySpend = median([...historyTotals.values()]);

  const anomalies: Anomaly[] = [];
  const largeByCategory = new Map<number, number>();
  const newCategories = new Set<number>();

  for (const [categoryId, history] of categories) {
    const used = trailing(history).length;
    if (history.current === 0 || used > RARE_MAX_MONTHS) continue;
    // Last year's month before the target's counts too: a yearly bill paid a few days earlier is still usual.
    const previousMax = Math.max(0, ...history.months.values());
    if (history.current < NEW_MIN_SHARE * usualMonthlySpend) continue;
    if (previousMax > 0 && history.current < RARE_MIN_GROWTH * previousMax) continue;
    newCategories.add(categoryId);
    const share = percent(history.current, usualMonthlySpend);
    const observed = fromCents(history.current);
    anomalies.push({
      kind: 'new_category',
      categoryId,
      category: history.category,
      transactionId: null,
      date: null,
      observed,
      baseline: fromCents(previousMax),
      reason:
        previousMax === 0
          ? `First spending on ${history.category}: ${observed}, ${share} of a usual month's spending.`
          : used === 0
            ? `${history.category} had no spending in the last ${historyMonths} months; ` +
              `${observed} this month is ${share} of a usual month's spending.`
            : `${history.category} was used in only ${used} of the last ${historyMonths} months; ` +
              `${observed} this month is ${share} of a usual month's spending.`,
    });
  }

  const season = {
    start: monthRange(month, -12 - SEASON_REACH_MONTHS).start,
    end: monthRange(month, -12 + SEASON_REACH_MONTHS + 1).start,
  };
  for (const row of await findLargeTransactions(db, userId, historyStart.start, target, season)) {
    if (newCategories.has(row.categoryId)) continue;
    largeByCategory.set(row.categoryId, (largeByCategory.get(row.categoryId) ?? 0) + toCents(row.amount));
    anomalies.push({
      kind: 'large_transaction',
      categoryId: row.categoryId,
      category: row.category,
      transactionId: row.id,
      date: row.date,
      observed: row.amount,
      baseline: row.baseline,
      reason:
        `A single ${row.amount} expense in ${row.category} on ${row.date}, ` +
        `${ratio(toCents(row.amount), toCents(row.baseline))}× its usual ${row.baseline} per transaction.`,
    });
  }

  // The calendar and last year need a query of their own; only the few categories that are spikes against
  // their usual month get one.
  const candidates: SpikeCandidate[] = [];
  for (const [categoryId, history] of categories) {
    const usedMonths = trailing(history);
    if (history.current === 0 || usedMonths.length < MIN_HISTORY_MONTHS) continue;
    const usual = usedMonths.map((i) => history.months.get(i) ?? 0);
    const center = median(usual);
    const spread = MAD_TO_SIGMA * medianAbsoluteDeviation(usual, center);
    // A spike that one flagged purchase explains is already reported as that purchase.
    const unexplained = history.current - (largeByCategory.get(categoryId) ?? 0);
    if (isSpike(unexplained, center, spread))
      candidates.push({ categoryId, history, usedMonths, center, spread, unexplained });
  }

  const recurringExtras = await findRecurringExtras(db, userId, candidates, readStart.start, target, season);
  const judged = candidates.map((candidate) => {
    const { categoryId, history, center, spread, unexplained } = candidate;
    const recurring = (monthIndex: number) => recurringExtras.get(categoryId)?.get(monthIndex) ?? 0;
    // Last year's months are judged as this one is: a rent paid early for the next month is not a season.
    const lastYear = sameTimeLastYear(history, targetIndex, recurring);
    // Against last year the season is matched, so what counts is the noise around it, not its swing.
    const months = Array.from(
      { length: HISTORY_MONTHS },
      (_, i) => history.months.get(firstTrailing + i) ?? 0,
    );
    const noise = Math.min(spread, successiveDifferenceSigma(months));
    const isStillSpike = (weekdayShare: number) => {
      const observed = unexplained - Math.max(0, weekdayShare * center, recurring(targetIndex));
      return isSpike(observed, center, spread) && isSpike(observed, lastYear.total, noise);
    };
    return { ...candidate, lastYear, isStillSpike };
  });
  // Only a spike that more of its usual weekdays could undo needs the category's weekday profile.
  const undecided = judged.filter((c) => c.isStillSpike(0) && !c.isStillSpike(MAX_WEEKDAY_SHARE));
  const weekdays = await findWeekdaySpending(db, userId, undecided, {
    start: historyStart.start,
    end: target.start,
  });
  for (const { categoryId, history, usedMonths, center, lastYear, isStillSpike } of judged) {
    const profile = weekdays.get(categoryId);
    if (!isStillSpike(profile ? weekdayFactor(profile, usedMonths, targetIndex) - 1 : 0)) continue;
    const seasonal =
      lastYear.total > SPIKE_MIN_RATIO * center
        ? ` and ${ratio(history.current, lastYear.total)}× the ${fromCents(lastYear.total)} of ` +
          `${monthName(lastYear.monthIndex)}, the same time last year`
        : '';
    anomalies.push({
      kind: 'category_spike',
      categoryId,
      category: history.category,
      transactionId: null,
      date: null,
      observed: fromCents(history.current),
      baseline: fromCents(center),
      reason:
        `${history.category}: ${fromCents(history.current)} this month, ${ratio(history.current, center)}× ` +
        `the usual ${fromCents(center)} (median of ${usedMonths.length} months)${seasonal}.`,
    });
  }

  anomalies.sort(
    (a, b) => toCents(b.observed) - toCents(b.baseline) - (toCents(a.observed) - toCents(a.baseline)),
  );
  return { month, historyMonths, anomalies };
}

/** At least SPIKE_MIN_RATIO × the baseline and more than ROBUST_Z robust deviations above it. */
function isSpike(observed: number, baseline: number, spread: number): boolean {
  return observed >= SPIKE_MIN_RATIO * baseline && observed - baseline > ROBUST_Z * spread;
}

/**
 * The largest of the same month and the months either side a year before `targetIndex` (0 without
 * spending then), less what the calendar brought into each.
 */
function sameTimeLastYear(
  history: CategoryHistory,
  targetIndex: number,
  calendarExtra: (monthIndex: number) => number,
): { monthIndex: number; total: number } {
  let best = { monthIndex: targetIndex - 12, total: 0 };
  for (let shift = -SEASON_REACH_MONTHS; shift <= SEASON_REACH_MONTHS; shift++) {
    const monthIndex = targetIndex - 12 + shift;
    const total = (history.months.get(monthIndex) ?? 0) - calendarExtra(monthIndex);
    if (total > best.total) best = { monthIndex, total };
  }
  return best;
}

/** How many of each ISO weekday (Monday first) the month with this index has. */
function weekdaysIn(monthIndex: number): number[] {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const extraDays = new Date(Date.UTC(year, month + 1, 0)).getUTCDate() - 28;
  const firstWeekday = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7;
  return Array.from({ length: 7 }, (_, day) => ((day - firstWeekday + 7) % 7 < extraDays ? 5 : 4));
}

/**
 * How much more spending the target month's weekdays bring than a usual month's: each month is weighed by
 * its count of every weekday times that weekday's share of the category's spending, and the target is
 * compared with the median of the months used. Between 0.8 and 1.25, since a month has 4 or 5 of each.
 */
function weekdayFactor(
  weekdays: readonly number[],
  usedMonths: readonly number[],
  targetIndex: number,
): number {
  const total = weekdays.reduce((sum, amount) => sum + amount, 0);
  if (total <= 0 || usedMonths.length === 0) return 1;
  const relevantDays = (monthIndex: number) =>
    weekdaysIn(monthIndex).reduce((sum, count, day) => sum + (count * (weekdays[day] ?? 0)) / total, 0);
  return relevantDays(targetIndex) / median(usedMonths.map(relevantDays));
}

/**
 * Median and MAD per category in SQL, over each category's most recent LARGE_SAMPLE transactions of the
 * history (read newest-first from the (user, category, date) index, so the cost does not grow with the
 * user's volume); only the few flagged transactions leave the database. Each is checked against the
 * category's expenses at the same time last year, again on that index.
 */
async function findLargeTransactions(
  db: Database,
  userId: number,
  historyStart: string,
  month: { start: string; end: string },
  season: { start: string; end: string },
): Promise<LargeTransactionRow[]> {
  const result = await db.execute(sql`
    WITH stats AS (
      SELECT c.id AS category_id, c.name, s.n, s.median, m.mad
        FROM categories c
        CROSS JOIN LATERAL (
          SELECT array_agg(r.amount::float8) AS amounts
            FROM (SELECT amount FROM transactions t
                   WHERE t.user_id = ${userId} AND t.category_id = c.id AND t.type = 'EXPENSE'
                     AND t.date >= ${historyStart}::date AND t.date < ${month.start}::date
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
       AND t.date >= ${month.start}::date AND t.date < ${month.end}::date
       AND t.amount::float8 >= ${LARGE_MIN_RATIO}::float8 * st.median
       AND t.amount::float8 - st.median > ${ROBUST_Z * MAD_TO_SIGMA}::float8 * st.mad
       AND NOT EXISTS (
         SELECT 1 FROM transactions y
          WHERE y.user_id = ${userId} AND y.category_id = t.category_id AND y.type = 'EXPENSE'
            AND y.date >= ${season.start}::date AND y.date < ${season.end}::date
            AND y.amount * ${SEASONAL_MIN_GROWTH}::numeric >= t.amount)
     ORDER BY t.amount DESC, t.id`);
  return rowsOf<LargeTransactionRow>(result);
}

/**
 * The spending of a few categories per ISO weekday over the trailing history, Monday first: seven sums
 * per category from the (user, category, date) index.
 */
async function findWeekdaySpending(
  db: Database,
  userId: number,
  candidates: readonly SpikeCandidate[],
  history: { start: string; end: string },
): Promise<Map<number, number[]>> {
  const profiles = new Map<number, number[]>();
  if (candidates.length === 0) return profiles;
  const rows = rowsOf<WeekdayRow>(
    await db.execute(sql`
      SELECT category_id AS "categoryId", extract(isodow FROM date)::integer AS weekday,
             sum(amount)::float8 AS total
        FROM transactions
       WHERE user_id = ${userId} AND type = 'EXPENSE'
         AND category_id IN (${sql.join(
           candidates.map((c) => sql`${c.categoryId}`),
           sql`, `,
         )})
         AND date >= ${history.start}::date AND date < ${history.end}::date
       GROUP BY 1, 2`),
  );
  for (const row of rows) {
    const profile = profiles.get(row.categoryId) ?? [0, 0, 0, 0, 0, 0, 0];
    profile[row.weekday - 1] = row.total;
    profiles.set(row.categoryId, profile);
  }
  return profiles;
}

/**
 * For a few categories, in this month and in last year's season: one payment of each regular series that
 * landed once more in that month than its rhythm brings to a usual month, without breaking the rhythm (no
 * gap shorter than 1 − CADENCE_TOLERANCE of it: a duplicate charge days after the real one is not the
 * calendar's doing). A series is one payee, or one amount where the payee is blank, among the payments of
 * at least RECURRING_MIN_SHARE of the category's usual month: at most a few dozen a month per category
 * go through the window and the percentiles, however busy it is. Per category and month, in cents.
 */
async function findRecurringExtras(
  db: Database,
  userId: number,
  candidates: readonly SpikeCandidate[],
  readStart: string,
  month: { start: string; end: string },
  season: { start: string; end: string },
): Promise<Map<number, Map<number, number>>> {
  const extras = new Map<number, Map<number, number>>();
  if (candidates.length === 0) return extras;
  const least = sql.join(
    candidates.map(
      (c) => sql`(${c.categoryId}::integer, ${fromCents(RECURRING_MIN_SHARE * c.center)}::numeric)`,
    ),
    sql`, `,
  );
  const low = 1 - CADENCE_TOLERANCE;
  const high = 1 + CADENCE_TOLERANCE;
  const rows = rowsOf<RecurringExtraRow>(
    await db.execute(sql`
      WITH paid AS (
        SELECT t.category_id, t.date, t.amount, s.series,
               (extract(year FROM t.date) * 12 + extract(month FROM t.date) - 1)::integer AS month_index,
               t.date - lag(t.date) OVER (PARTITION BY t.category_id, s.series ORDER BY t.date, t.id) AS gap
          FROM (VALUES ${least}) AS w(category_id, least_amount)
          JOIN transactions t ON t.category_id = w.category_id AND t.amount >= w.least_amount
          CROSS JOIN LATERAL (
            SELECT CASE WHEN t.payee <> '' THEN lower(t.payee) ELSE t.amount::text END AS series) s
         WHERE t.user_id = ${userId} AND t.type = 'EXPENSE'
           AND t.date >= ${readStart}::date AND t.date < ${month.end}::date
      ),
      series AS (
        SELECT category_id, series,
               count(DISTINCT month_index) FILTER (WHERE date < ${month.start}::date) AS months,
               percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY gap)
                 FILTER (WHERE date < ${month.start}::date) AS gaps,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY amount::float8)
                 FILTER (WHERE date < ${month.start}::date) AS amount
          FROM paid
         GROUP BY category_id, series
      ),
      landings AS (
        SELECT category_id, series, month_index, count(*) AS landed, min(gap) AS shortest
          FROM paid
         WHERE date >= ${month.start}::date
            OR (date >= ${season.start}::date AND date < ${season.end}::date)
         GROUP BY category_id, series, month_index
      )
      SELECT l.category_id AS "categoryId", l.month_index AS "monthIndex",
             round(sum(s.amount)::numeric, 2)::text AS extra
        FROM landings l
        JOIN series s USING (category_id, series)
       WHERE s.months >= ${MIN_HISTORY_MONTHS}::integer
         AND s.gaps[2] BETWEEN ${RECURRING_MIN_DAYS}::float8 AND ${RECURRING_MAX_DAYS}::float8
         AND s.gaps[1] >= ${low}::float8 * s.gaps[2] AND s.gaps[3] <= ${high}::float8 * s.gaps[2]
         AND l.landed > round(${AVERAGE_MONTH_DAYS}::float8 / s.gaps[2])
         AND l.shortest >= ${low}::float8 * s.gaps[2]
       GROUP BY l.category_id, l.month_index`),
  );
  for (const row of rows) {
    const perMonth = extras.get(row.categoryId) ?? new Map<number, number>();
    perMonth.set(row.monthIndex, toCents(row.extra));
    extras.set(row.categoryId, perMonth);
  }
  return extras;
}
