import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import type { HistoryRow } from './detect';

/**
 * At most this many of a user's most recent series candidates feed detection: fifteen months of an
 * ordinary household is a few hundred rows.
 */
export const HISTORY_ROW_LIMIT = 20_000;

/**
 * More occurrences than this in the history window cannot be one series (a weekly one has 65 in fifteen
 * months): such a counterparty (the supermarket, the coffee shop) is left out of detection. Grouping on
 * the exact lower-cased text can only split what detection would join, never join what it would split, so
 * no candidate is lost; for the benchmarks' heavy user this leaves out most rows.
 */
const MAX_SERIES_ROWS = 80;

/** A user's income and expenses (never transfers) in a date range, each with how often its counterparty occurs. */
const counted = (userId: number, from: string, to: string): SQL => sql`
  SELECT id, date, amount, type, category_id, payee, note,
         count(*) OVER (PARTITION BY type, lower(CASE WHEN payee <> '' THEN payee ELSE note END)) AS n
    FROM transactions
   WHERE user_id = ${userId} AND date >= ${from}::date AND date <= ${to}::date AND transfer_peer_id IS NULL`;

const CANDIDATES = sql`
  SELECT id, date, amount, type, category_id, payee, note FROM counted
   WHERE n <= ${MAX_SERIES_ROWS}
   ORDER BY date DESC, id DESC
   LIMIT ${HISTORY_ROW_LIMIT}`;

const AS_HISTORY_ROW = sql`id, date::text AS date, amount::text AS amount, type::text AS type,
  category_id AS "categoryId", payee, note`;

const byDate = (a: HistoryRow, b: HistoryRow) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id);

/** The rows detection reads, from `from` to `to` inclusive, oldest first. */
export async function readRecurringCandidates(
  db: Database,
  userId: number,
  from: string,
  to: string,
): Promise<HistoryRow[]> {
  const rows = rowsOf<HistoryRow>(
    await db.execute(sql`WITH counted AS (${counted(userId, from, to)}), candidates AS (${CANDIDATES})
      SELECT ${AS_HISTORY_ROW} FROM candidates`),
  );
  return rows.sort(byDate);
}

export interface ForecastHistory {
  /** Rows that may belong to a series, one by one (what detection reads). */
  candidates: HistoryRow[];
  /** Candidates, and the rest summed per day, category and direction: every amount, in few rows. */
  all: HistoryRow[];
}

/**
 * What the forecast reads: the series candidates row by row, and the counterparties seen too often to be a
 * series summed per day and category (they only make the typical variable spending). Fifteen months of the
 * heavy benchmark user is then a few thousand rows instead of 56,000.
 */
export async function readForecastHistory(
  db: Database,
  userId: number,
  from: string,
  to: string,
): Promise<ForecastHistory> {
  const rows = rowsOf<HistoryRow & { single: boolean }>(
    await db.execute(sql`WITH counted AS (${counted(userId, from, to)}), candidates AS (${CANDIDATES})
      SELECT ${AS_HISTORY_ROW}, true AS single FROM candidates
      UNION ALL
      SELECT -(row_number() OVER ())::integer, date::text, sum(amount)::text, type::text, category_id, '', '', false
        FROM counted WHERE n > ${MAX_SERIES_ROWS}
       GROUP BY date, type, category_id`),
  );
  rows.sort(byDate);
  return {
    candidates: rows.filter((row) => row.single).map(({ single: _single, ...row }) => row),
    all: rows.map(({ single: _single, ...row }) => row),
  };
}
