import { sql } from 'drizzle-orm';
import { userToday } from '../accounts/time-zone';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { notFound } from '../errors';
import { monthRange } from '../validation/dates';
import { toCents } from '../validation/money';
import { parseInput } from '../validation/parse-input';
import { CADENCES, type Cadence, type DetectedSeries, detectRecurring, toleranceDays } from './detect';
import { readRecurringCandidates } from './history';
import {
  type ListRecurringInput,
  listRecurringInput,
  type RecurringCadence,
  type RecurringSeries,
  type UpdateRecurringInput,
  updateRecurringInput,
} from './schemas';

/** Months of history detection reads: a yearly payment needs two occurrences, twelve months apart. */
export const RECURRING_HISTORY_MONTHS = 15;
/** At most this many series are listed: more than any household has, a bound for a pathological one. */
export const RECURRING_LIST_LIMIT = 500;
/** A detection newer than this, with no write since, is reused as it is. */
const REFRESH_AFTER_MS = 6 * 60 * 60 * 1000;

const toDbCadence = (cadence: Cadence) => cadence.toUpperCase() as RecurringCadence;
export const toDetectorCadence = (cadence: RecurringCadence) => cadence.toLowerCase() as Cadence;

/** Detects the user's recurring series as of `today` from their history. */
export async function detectUserSeries(
  db: Database,
  userId: number,
  today: string,
): Promise<DetectedSeries[]> {
  const from = monthRange(today.slice(0, 7), -(RECURRING_HISTORY_MONTHS - 1)).start;
  return detectRecurring(await readRecurringCandidates(db, userId, from, today), today);
}

/**
 * Runs detection and stores what it found: new series are added, known ones get the new figures, and ones
 * no longer found are hidden. The user's decision and edits stay whatever detection says.
 */
export async function refreshRecurring(
  db: Database,
  userId: number,
  today?: string,
): Promise<DetectedSeries[]> {
  const day = today ?? (await userToday(db, userId));
  const detected = await detectUserSeries(db, userId, day);
  const rows = detected.map((s) => ({
    key: s.key,
    payee: s.payee,
    category_id: s.categoryId,
    type: s.type,
    cadence: toDbCadence(s.cadence),
    amount: s.amount,
    amount_min: s.amountMin,
    amount_max: s.amountMax,
    last_date: s.lastDate,
    next_expected: s.nextExpected,
    confidence: s.confidence,
    occurrences: s.occurrences,
  }));
  await db.execute(sql`
    WITH found AS (
      SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(
        key text, payee text, category_id bigint, type transaction_type, cadence recurring_cadence,
        amount numeric, amount_min numeric, amount_max numeric, last_date date, next_expected date,
        confidence real, occurrences integer)
    ), upserted AS (
      INSERT INTO recurring_series AS s (user_id, key, payee, category_id, type, cadence, amount, amount_min,
             amount_max, last_date, next_expected, confidence, occurrences, active, detected_at, updated_at)
      SELECT ${userId}, key, payee, category_id, type, cadence, amount, amount_min, amount_max, last_date,
             next_expected, confidence, occurrences, true, now(), now()
        FROM found
      ON CONFLICT (user_id, key) DO UPDATE
        SET payee = EXCLUDED.payee, category_id = EXCLUDED.category_id, amount = EXCLUDED.amount,
            amount_min = EXCLUDED.amount_min, amount_max = EXCLUDED.amount_max, last_date = EXCLUDED.last_date,
            next_expected = EXCLUDED.next_expected, confidence = EXCLUDED.confidence,
            occurrences = EXCLUDED.occurrences, active = true, detected_at = EXCLUDED.detected_at
      RETURNING id
    )
    UPDATE recurring_series SET active = false, detected_at = now()
     WHERE user_id = ${userId} AND active AND key NOT IN (SELECT key FROM found)`);
  return detected;
}

/** Whether the stored detection is stale: older than a write to the user's books, or than a few hours. */
async function needsRefresh(db: Database, userId: number): Promise<boolean> {
  const [row] = rowsOf<{ detected: string | null; changed: string | null }>(
    await db.execute(sql`
      SELECT (SELECT min(detected_at) FROM recurring_series WHERE user_id = ${userId})::text AS detected,
             (SELECT max(updated_at) FROM monthly_summaries WHERE user_id = ${userId})::text AS changed`),
  );
  if (!row?.detected) return row?.changed !== null;
  const detected = Date.parse(row.detected);
  return (
    (row.changed !== null && Date.parse(row.changed) > detected) || Date.now() - detected > REFRESH_AFTER_MS
  );
}

const SERIES_COLUMNS = sql`s.id, coalesce(s.custom_payee, s.payee) AS payee, s.category_id AS "categoryId",
  c.name AS category, s.type::text AS type, coalesce(s.custom_cadence, s.cadence)::text AS cadence,
  coalesce(s.custom_amount, s.amount)::text AS amount, s.amount_min::text AS "amountMin",
  s.amount_max::text AS "amountMax", s.last_date::text AS "lastDate", s.next_expected::text AS "nextExpected",
  round(s.confidence::numeric, 2)::float8 AS confidence, s.occurrences, s.status::text AS status,
  (s.custom_payee IS NOT NULL OR s.custom_cadence IS NOT NULL OR s.custom_amount IS NOT NULL) AS edited`;

/**
 * The user's recurring payments (rent, salary, subscriptions, insurance…) found in their history, soonest
 * first. Dismissed ones are left out unless asked for, and stay dismissed however often they are found.
 */
export async function listRecurring(
  db: Database,
  userId: number,
  input: ListRecurringInput = {},
): Promise<RecurringSeries[]> {
  const { includeDismissed } = parseInput(listRecurringInput, input);
  if (await needsRefresh(db, userId)) await refreshRecurring(db, userId);
  return rowsOf<RecurringSeries>(
    await db.execute(sql`
      SELECT ${SERIES_COLUMNS}
        FROM recurring_series s
        LEFT JOIN categories c ON c.id = s.category_id AND c.user_id = s.user_id
       WHERE s.user_id = ${userId} AND s.active AND (${includeDismissed}::boolean OR s.status <> 'DISMISSED')
       ORDER BY s.next_expected, s.id
       LIMIT ${RECURRING_LIST_LIMIT}`),
  );
}

/** Confirms, dismisses or edits a series; null for an edited field goes back to what detection found. */
export async function updateRecurring(
  db: Database,
  userId: number,
  input: UpdateRecurringInput,
): Promise<RecurringSeries> {
  const data = parseInput(updateRecurringInput, input);
  const keep = (value: unknown) => value === undefined;
  const updated = rowsOf<{ id: number }>(
    await db.execute(sql`
      UPDATE recurring_series
         SET status = coalesce(${data.status ?? null}::recurring_status, status),
             custom_payee = CASE WHEN ${keep(data.payee)} THEN custom_payee ELSE ${data.payee ?? null}::text END,
             custom_cadence = CASE WHEN ${keep(data.cadence)} THEN custom_cadence
                                   ELSE ${data.cadence ?? null}::recurring_cadence END,
             custom_amount = CASE WHEN ${keep(data.amount)} THEN custom_amount ELSE ${data.amount ?? null}::numeric END,
             updated_at = now()
       WHERE id = ${data.id} AND user_id = ${userId}
      RETURNING id`),
  );
  if (updated.length === 0) throw notFound();
  const [row] = rowsOf<RecurringSeries>(
    await db.execute(sql`SELECT ${SERIES_COLUMNS} FROM recurring_series s
      LEFT JOIN categories c ON c.id = s.category_id AND c.user_id = s.user_id
      WHERE s.id = ${data.id} AND s.user_id = ${userId}`),
  );
  if (!row) throw notFound();
  return row;
}

const CADENCE_WORDS: Record<Cadence, string> = {
  weekly: 'weekly',
  biweekly: 'every two weeks',
  monthly: 'monthly',
  quarterly: 'quarterly',
  yearly: 'yearly',
};

/** Below this confidence a series is a guess, not something to warn about. */
const ALERT_MIN_CONFIDENCE = 0.6;

/**
 * The recurring payments' alerts, inside an alert check: a series whose latest payment changed price, and
 * one whose payment is overdue past its usual slack. Keyed by the payment they are about, so each is raised
 * once.
 */
export async function raiseRecurringAlerts(tx: Database, userId: number): Promise<number> {
  const today = await userToday(tx, userId);
  const detected = await refreshRecurring(tx, userId, today);
  const stored = new Map(
    rowsOf<{ id: number; key: string; status: string; payee: string; amount: string; missed: string | null }>(
      await tx.execute(sql`SELECT id, key, status::text AS status, coalesce(custom_payee, payee) AS payee,
          coalesce(custom_amount, amount)::text AS amount, missed_alerted_for::text AS missed
        FROM recurring_series WHERE user_id = ${userId} AND active`),
    ).map((row) => [row.key, row]),
  );
  const recentFrom = monthRange(today.slice(0, 7), -1).start;
  const alerts: { kind: string; dedupe_key: string; message: string; link: string; data: object }[] = [];
  const missed: { id: number; date: string }[] = [];
  const priceIds = detected.flatMap((s) => s.transactionIds.slice(-2));
  const amounts = new Map(
    priceIds.length === 0
      ? []
      : rowsOf<{ id: number; amount: string }>(
          await tx.execute(sql`SELECT id, amount::text AS amount FROM transactions
            WHERE user_id = ${userId} AND id = ANY(${`{${priceIds.join(',')}}`}::bigint[])`),
        ).map((row) => [row.id, row.amount]),
  );
  for (const series of detected) {
    const row = stored.get(series.key);
    if (!row || row.status === 'DISMISSED' || series.confidence < ALERT_MIN_CONFIDENCE) continue;
    const [previousId, latestId] = series.transactionIds.slice(-2);
    const previous = previousId === undefined ? undefined : amounts.get(previousId);
    const latest = latestId === undefined ? undefined : amounts.get(latestId);
    if (previous && latest && series.lastDate >= recentFrom) {
      const change = toCents(latest) - toCents(previous);
      // A price change, not the ordinary wobble of a utility bill: beyond the series' own range before.
      if (Math.abs(change) >= 100 && Math.abs(change) * 50 >= toCents(previous) && series.occurrences >= 3) {
        alerts.push({
          kind: 'RECURRING_PRICE',
          dedupe_key: `recurring:${row.id}:${series.lastDate}:price`,
          message: `${row.payee} ${change > 0 ? 'went up' : 'went down'} to ${latest} from ${previous} (${CADENCE_WORDS[series.cadence]}, on ${series.lastDate}).`,
          link: '/recurring',
          data: {
            series: row.id,
            payee: row.payee,
            previous,
            amount: latest,
            date: series.lastDate,
            cadence: series.cadence,
          },
        });
      }
    }
    const overdue = monthRange(series.nextExpected.slice(0, 7)).start <= today;
    const slack = toleranceDays(series.cadence) + 1;
    const late = Date.parse(today) - Date.parse(series.nextExpected) > slack * 86_400_000;
    if (overdue && late && row.missed !== series.nextExpected) {
      alerts.push({
        kind: 'RECURRING_MISSED',
        dedupe_key: `recurring:${row.id}:${series.nextExpected}:missed`,
        message: `${row.payee} (usually ${row.amount}, ${CADENCE_WORDS[series.cadence]}) was expected on ${series.nextExpected} and has not arrived.`,
        link: '/recurring',
        data: {
          series: row.id,
          payee: row.payee,
          amount: row.amount,
          expected: series.nextExpected,
          cadence: series.cadence,
        },
      });
      missed.push({ id: row.id, date: series.nextExpected });
    }
  }
  if (alerts.length === 0) return 0;
  const inserted = rowsOf(
    await tx.execute(sql`
      INSERT INTO alerts (user_id, kind, dedupe_key, message, link, data)
      SELECT ${userId}, r.kind::alert_kind, r.dedupe_key, r.message, r.link, r.data
        FROM json_to_recordset(${JSON.stringify(alerts)}::json)
          AS r(kind text, dedupe_key text, message text, link text, data jsonb)
      ON CONFLICT (user_id, dedupe_key) DO NOTHING
      RETURNING 1`),
  );
  if (missed.length > 0) {
    await tx.execute(sql`UPDATE recurring_series s SET missed_alerted_for = m.date
      FROM json_to_recordset(${JSON.stringify(missed)}::json) AS m(id bigint, date date)
      WHERE s.id = m.id AND s.user_id = ${userId}`);
  }
  return inserted.length;
}

/**
 * Asks for an alert check of every user with a payment overdue past its slack and not yet reported, so a
 * missing payment is noticed without any write of theirs. Bounded per call.
 */
/** Days past its expected date a payment is overdue, per cadence: its slack, and a day for time zones. */
const OVERDUE_DAYS = sql.raw(
  `(CASE s.cadence ${CADENCES.map((c) => `WHEN '${toDbCadence(c)}' THEN ${toleranceDays(c) + 2}`).join(' ')} END)`,
);

/** The smallest of those: a range the sweep's index on `next_expected` can answer. */
const MIN_OVERDUE_DAYS = Math.min(...CADENCES.map((c) => toleranceDays(c) + 2));

export async function requestOverdueChecks(db: Database, limit = 100): Promise<number> {
  const requested = rowsOf(
    await db.execute(sql`
      INSERT INTO alert_check_requests (user_id)
      SELECT DISTINCT s.user_id FROM recurring_series s
       WHERE s.active AND s.status <> 'DISMISSED' AND s.confidence >= ${ALERT_MIN_CONFIDENCE}
         AND s.next_expected < current_date - ${MIN_OVERDUE_DAYS}::integer
         AND s.next_expected < current_date - ${OVERDUE_DAYS}
         AND s.missed_alerted_for IS DISTINCT FROM s.next_expected
         AND NOT EXISTS (SELECT 1 FROM alert_check_requests r WHERE r.user_id = s.user_id)
       LIMIT ${limit}
      RETURNING 1`),
  );
  return requested.length;
}
