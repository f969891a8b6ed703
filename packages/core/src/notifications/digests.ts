import { sql } from 'drizzle-orm';
import type { Alert } from '../alerts/schemas';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { DELIVERY_ERROR_MAX_LENGTH, retryDelaySeconds } from './deliveries';
import type { AlertDigest, DeliveryStatus } from './schemas';

/** Users whose digest is sent per run: the worker's work per tick is bounded however many are due. */
export const DIGEST_BATCH = 20;
/** Alerts listed in full in one digest; the rest are counted ("and 12 more"). */
export const DIGEST_MAX_ALERTS = 50;
/**
 * Alerts younger than this wait for the next digest: the transaction that wrote one a moment ago may not have
 * committed yet, and a digest that moved past it would never mail it.
 */
export const DIGEST_SETTLE_SECONDS = 60;

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const iso = (expression: string) => sql.raw(`to_char((${expression}) AT TIME ZONE 'UTC', ${ISO_UTC})`);

export interface DigestRunResult {
  /** Users whose digest went out. */
  sent: number[];
  /** Users whose digest could not be sent this time (retried with backoff) or whose run failed. */
  failed: { userId: number; error: unknown }[];
}

/**
 * Whether the digest of settings row `s` is due: it is on, there are alerts it has not covered (older than
 * the settle time), no digest went out (or finally failed) in the last day, and a failed one is not waiting
 * for its retry.
 */
const isDue = (settle: number) => sql`s.email_digest
  AND EXISTS (SELECT 1 FROM alerts a WHERE a.user_id = s.user_id
               AND a.created_at > coalesce(s.last_digest_at, now() - interval '1 day')
               AND a.created_at <= now() - make_interval(secs => ${settle}))
  AND NOT EXISTS (SELECT 1 FROM alert_deliveries d
                   WHERE d.user_id = s.user_id AND d.channel = 'EMAIL' AND d.alert_id IS NULL
                     AND CASE WHEN d.status = 'PENDING' THEN d.next_attempt_at > now()
                              ELSE coalesce(d.delivered_at, d.last_attempt_at) > now() - interval '1 day' END)`;

/**
 * Sends the daily digests that are due, at most `batch`: for each user, the alerts created since the last
 * digest (or since the digest was turned on), handed to `send`, and the attempt written to the delivery log.
 * A digest that is sent moves `last_digest_at` past its alerts; one that fails is tried again with the
 * webhooks' backoff, and after the last attempt its alerts are left to the app.
 *
 * Each user's digest holds that user's settings row locked while it is sent, so two workers never mail the
 * same digest; a row another worker holds is skipped, not waited for.
 */
export async function sendDueDigests(
  db: Database,
  send: (digest: AlertDigest) => Promise<void>,
  options: { batch?: number; settleSeconds?: number } = {},
): Promise<DigestRunResult> {
  const batch = options.batch ?? DIGEST_BATCH;
  const settle = options.settleSeconds ?? DIGEST_SETTLE_SECONDS;
  const candidates = rowsOf<{ userId: number }>(
    await db.execute(sql`SELECT s.user_id AS "userId" FROM notification_settings s
      WHERE ${isDue(settle)}
      ORDER BY s.last_digest_at NULLS FIRST, s.user_id
      LIMIT ${batch}`),
  );
  const result: DigestRunResult = { sent: [], failed: [] };
  for (const { userId } of candidates) {
    try {
      const outcome = await db.transaction((tx) => digestOf(tx, userId, settle, send));
      if (outcome === null) continue;
      if (outcome.ok) result.sent.push(userId);
      else result.failed.push({ userId, error: outcome.error });
    } catch (error) {
      result.failed.push({ userId, error });
    }
  }
  return result;
}

type Outcome = { ok: true } | { ok: false; error: unknown } | null;

async function digestOf(
  tx: Database,
  userId: number,
  settle: number,
  send: (digest: AlertDigest) => Promise<void>,
): Promise<Outcome> {
  const [locked] = rowsOf(
    await tx.execute(sql`SELECT 1 FROM notification_settings
      WHERE user_id = ${userId} AND email_digest FOR UPDATE SKIP LOCKED`),
  );
  if (!locked) return null;
  // A new statement sees what another worker committed before the lock was ours: check again.
  const [due] = rowsOf<{ email: string; username: string; since: string | null; until: string }>(
    await tx.execute(sql`SELECT u.email, u.username, ${iso('s.last_digest_at')} AS since,
        ${iso(`now() - make_interval(secs => ${Number(settle)})`)} AS until
      FROM notification_settings s JOIN users u ON u.id = s.user_id
      WHERE s.user_id = ${userId} AND ${isDue(settle)}`),
  );
  if (!due) return null;
  const rows = rowsOf<Alert & { total: number }>(
    await tx.execute(sql`SELECT id, kind::text AS kind, message, link, data,
        ${iso('created_at')} AS "createdAt", ${iso('read_at')} AS "readAt", count(*) OVER ()::integer AS total
      FROM alerts
      WHERE user_id = ${userId}
        AND created_at > coalesce((SELECT last_digest_at FROM notification_settings WHERE user_id = ${userId}),
                                  now() - interval '1 day')
        AND created_at <= now() - make_interval(secs => ${settle})
      ORDER BY id
      LIMIT ${DIGEST_MAX_ALERTS}`),
  );
  const total = rows[0]?.total ?? 0;
  if (total === 0) return null;
  const digest: AlertDigest = {
    userId,
    email: due.email,
    username: due.username,
    alerts: rows.map(({ total: _total, ...alert }) => alert),
    total,
    since: due.since,
    until: due.until,
  };
  let failure: { error: unknown } | null = null;
  try {
    await send(digest);
  } catch (error) {
    failure = { error };
  }
  const status = await recordDigestAttempt(tx, userId, due.email, failure);
  if (status !== 'PENDING') {
    await tx.execute(sql`UPDATE notification_settings
      SET last_digest_at = now() - make_interval(secs => ${settle}) WHERE user_id = ${userId}`);
  }
  return failure ? { ok: false, error: failure.error } : { ok: true };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The digest's entry in the delivery log: the pending one of earlier failed attempts, or a new one. */
async function recordDigestAttempt(
  tx: Database,
  userId: number,
  email: string,
  failure: { error: unknown } | null,
): Promise<DeliveryStatus> {
  const [pending] = rowsOf<{ id: number; attempts: number }>(
    await tx.execute(sql`SELECT id, attempts FROM alert_deliveries
      WHERE user_id = ${userId} AND channel = 'EMAIL' AND alert_id IS NULL AND status = 'PENDING'
      ORDER BY id DESC LIMIT 1`),
  );
  const attempts = (pending?.attempts ?? 0) + 1;
  const delay = failure ? retryDelaySeconds(attempts) : null;
  const status: DeliveryStatus = !failure ? 'DELIVERED' : delay === null ? 'FAILED' : 'PENDING';
  const message = failure ? messageOf(failure.error).slice(0, DELIVERY_ERROR_MAX_LENGTH) : null;
  const next = sql`now() + make_interval(secs => ${delay ?? 0})`;
  const delivered = status === 'DELIVERED' ? sql`now()` : sql`NULL`;
  if (pending) {
    await tx.execute(sql`UPDATE alert_deliveries
      SET status = ${status}::delivery_status, attempts = ${attempts}, target = ${email}, error = ${message},
          last_attempt_at = now(), next_attempt_at = ${next}, delivered_at = ${delivered}
      WHERE id = ${pending.id}`);
  } else {
    await tx.execute(sql`INSERT INTO alert_deliveries
        (user_id, channel, status, target, attempts, error, last_attempt_at, next_attempt_at, delivered_at)
      VALUES (${userId}, 'EMAIL', ${status}::delivery_status, ${email}, ${attempts}, ${message}, now(), ${next},
              ${delivered})`);
  }
  return status;
}
