import { sql } from 'drizzle-orm';
import { userToday } from '../accounts/time-zone';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { getAnomalies } from '../insights/anomalies';
import { raiseRecurringAlerts, requestOverdueChecks } from '../recurring/service';

/** A write's checks wait this long, so a burst of writes (typing in ten receipts) is checked once. */
export const ALERT_CHECK_DELAY_SECONDS = 10;
/** Users checked per run: the worker's work per tick is bounded however many users wrote. */
export const ALERT_CHECK_BATCH = 20;
/** Lock class for one user's alert checks, so two workers (two API processes) never check one user at once. */
const CHECK_LOCK_CLASS = 1_634_493_291;

export interface AlertCheckOptions {
  batch?: number;
  /** Seconds a request waits before it is due (tests use 0). */
  delaySeconds?: number;
  /** Users whose checks failed recently and wait for a retry. */
  skipUsers?: ReadonlySet<number>;
  /** Also ask for checks of users with an overdue recurring payment (default true). */
  sweepOverdue?: boolean;
  /** Called inside the user's check transaction, after the alerts are written and before it commits. */
  beforeCommit?: (tx: Database, userId: number) => Promise<void>;
}

export interface AlertCheckResult {
  checked: number[];
  failed: { userId: number; error: unknown }[];
  alerts: number;
}

/**
 * The heavier alert checks, for the users whose recent writes asked for them (alert_check_requests): the
 * month's anomalies and the recurring payments. Each user's check is one
 * database transaction that writes the alerts and removes the requests it saw; if it fails or the process
 * dies, the requests stay and the next run does the check again. Alerts are keyed by what they report, so
 * doing a check twice never reports an event twice.
 */
export async function runAlertChecks(
  db: Database,
  options: AlertCheckOptions = {},
): Promise<AlertCheckResult> {
  const batch = options.batch ?? ALERT_CHECK_BATCH;
  const delay = options.delaySeconds ?? ALERT_CHECK_DELAY_SECONDS;
  const skip = [...(options.skipUsers ?? [])];
  // A payment that did not arrive comes with no write to ask for a check: ask for those users here.
  if (options.sweepOverdue ?? true) await requestOverdueChecks(db, batch);
  const due = rowsOf<{ userId: number; upTo: number }>(
    await db.execute(sql`
      SELECT user_id AS "userId", max(id)::float8 AS "upTo"
        FROM alert_check_requests
       WHERE NOT (user_id = ANY(${`{${skip.join(',')}}`}::integer[]))
       GROUP BY user_id
      HAVING min(created_at) <= now() - make_interval(secs => ${delay})
       ORDER BY min(id)
       LIMIT ${batch}`),
  );
  const result: AlertCheckResult = { checked: [], failed: [], alerts: 0 };
  for (const { userId, upTo } of due) {
    try {
      const written = await db.transaction(async (tx) => {
        const [locked] = rowsOf<{ ok: boolean }>(
          await tx.execute(
            sql`SELECT pg_try_advisory_xact_lock(${CHECK_LOCK_CLASS}::integer, ${userId}::integer) AS ok`,
          ),
        );
        if (!locked?.ok) return null;
        let count = await raiseAnomalyAlerts(tx, userId);
        count += await raiseRecurringAlerts(tx, userId);
        await options.beforeCommit?.(tx, userId);
        await tx.execute(sql`DELETE FROM alert_check_requests WHERE user_id = ${userId} AND id <= ${upTo}`);
        return count;
      });
      if (written === null) continue;
      result.checked.push(userId);
      result.alerts += written;
    } catch (error) {
      result.failed.push({ userId, error });
    }
  }
  return result;
}

/** One alert per anomaly of the month in progress, the first time it is seen. */
async function raiseAnomalyAlerts(tx: Database, userId: number): Promise<number> {
  const month = (await userToday(tx, userId)).slice(0, 7);
  const { anomalies } = await getAnomalies(tx, userId, month);
  if (anomalies.length === 0) return 0;
  const rows = anomalies.map((a) => ({
    dedupe_key: `anomaly:${month}:${a.kind}:${a.categoryId}:${a.transactionId ?? ''}`,
    message: a.reason,
    link:
      a.transactionId === null ? `/?month=${month}` : `/transactions?month=${month}&category=${a.categoryId}`,
    data: {
      month,
      kind: a.kind,
      category: a.categoryId,
      category_name: a.category,
      transaction: a.transactionId,
      date: a.date,
      observed: a.observed,
      baseline: a.baseline,
    },
  }));
  const inserted = rowsOf(
    await tx.execute(sql`
      INSERT INTO alerts (user_id, kind, dedupe_key, message, link, data)
      SELECT ${userId}, 'ANOMALY', r.dedupe_key, r.message, r.link, r.data
        FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(dedupe_key text, message text, link text, data jsonb)
      ON CONFLICT (user_id, dedupe_key) DO NOTHING
      RETURNING 1`),
  );
  return inserted.length;
}
