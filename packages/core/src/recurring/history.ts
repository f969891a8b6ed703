import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import type { HistoryRow } from './detect';

/**
 * At most this many of a user's most recent rows feed detection and the forecast: fifteen months of an
 * ordinary household is a few hundred; the benchmarks' heavy user has 3,700 a month, and their newest
 * 20,000 still cover five months of it, enough for every cadence but the yearly.
 */
export const HISTORY_ROW_LIMIT = 20_000;

/**
 * A user's income and expenses (never transfers) from `from` to `to` inclusive, oldest first, capped at the
 * newest HISTORY_ROW_LIMIT rows. Read from the (user, date desc, id desc) index.
 */
export async function readHistory(
  db: Database,
  userId: number,
  from: string,
  to: string,
): Promise<HistoryRow[]> {
  const rows = rowsOf<HistoryRow>(
    await db.execute(sql`
      SELECT id, date::text AS date, amount::text AS amount, type::text AS type,
             category_id AS "categoryId", payee, note
        FROM transactions
       WHERE user_id = ${userId} AND date >= ${from}::date AND date <= ${to}::date
         AND transfer_peer_id IS NULL
       ORDER BY date DESC, id DESC
       LIMIT ${HISTORY_ROW_LIMIT}`),
  );
  return rows.reverse();
}

/**
 * More occurrences than this in the history window cannot be one series (a weekly one has 65 in fifteen
 * months): such a counterparty (the supermarket, the coffee shop) is left out before detection.
 */
const MAX_SERIES_ROWS = 80;

/**
 * The rows detection needs: like readHistory, without the counterparties seen too often to be a series.
 * Grouping on the exact lower-cased text can only split what detection would join, never join what it
 * would split, so no candidate is lost; for the benchmarks' heavy user this leaves out nine rows in ten.
 */
export async function readRecurringCandidates(
  db: Database,
  userId: number,
  from: string,
  to: string,
): Promise<HistoryRow[]> {
  const rows = rowsOf<HistoryRow>(
    await db.execute(sql`
      SELECT id, date, amount, type, "categoryId", payee, note
        FROM (SELECT id, date::text AS date, amount::text AS amount, type::text AS type,
                     category_id AS "categoryId", payee, note,
                     count(*) OVER (PARTITION BY type, lower(CASE WHEN payee <> '' THEN payee ELSE note END)) AS n
                FROM transactions
               WHERE user_id = ${userId} AND date >= ${from}::date AND date <= ${to}::date
                 AND transfer_peer_id IS NULL) t
       WHERE n <= ${MAX_SERIES_ROWS}
       ORDER BY date DESC, id DESC
       LIMIT ${HISTORY_ROW_LIMIT}`),
  );
  return rows.reverse();
}

export interface ForecastHistory {
  /** Rows that may belong to a series, one by one (what detection reads). */
  candidates: HistoryRow[];
  /** Candidates, and the rest summed per day, category and direction: every amount, in few rows. */
  all: HistoryRow[];
}

/**
 * What the forecast reads: the series candidates row by row, and the counterparties seen too often to be a
 * series summed per day and category (they only make the typical variable spending). Fifteen months of
 * the heavy benchmark user is then a few thousand rows instead of 56,000.
 */
export async function readForecastHistory(
  db: Database,
  userId: number,
  from: string,
  to: string,
): Promise<ForecastHistory> {
  const rows = rowsOf<HistoryRow & { single: boolean }>(
    await db.execute(sql`
      WITH t AS (
        SELECT id, date, amount, type, category_id, payee, note,
               count(*) OVER (PARTITION BY type, lower(CASE WHEN payee <> '' THEN payee ELSE note END)) AS n
          FROM transactions
         WHERE user_id = ${userId} AND date >= ${from}::date AND date <= ${to}::date
           AND transfer_peer_id IS NULL
      ), single AS (
        SELECT id, date, amount, type, category_id, payee, note FROM t
         WHERE n <= ${MAX_SERIES_ROWS}
         ORDER BY date DESC, id DESC
         LIMIT ${HISTORY_ROW_LIMIT}
      )
      SELECT id, date::text AS date, amount::text AS amount, type::text AS type, category_id AS "categoryId",
             payee, note, true AS single
        FROM single
      UNION ALL
      SELECT -(row_number() OVER ())::integer, date::text, sum(amount)::text, type::text, category_id, '', '', false
        FROM t WHERE n > ${MAX_SERIES_ROWS}
       GROUP BY date, type, category_id`),
  );
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  const all = rows.map(({ single: _single, ...row }) => row);
  return { candidates: all.filter((_, index) => rows[index]?.single), all };
}
