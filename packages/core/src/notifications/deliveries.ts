import { type SQL, sql } from 'drizzle-orm';
import type { AlertKind } from '../alerts/schemas';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { DELIVERY_MAX_ATTEMPTS, DELIVERY_RETRY_SECONDS, type DeliveryStatus } from './schemas';

/** Deliveries enqueued, claimed or sent per step: a worker's work per tick is bounded however many alerts wait. */
export const DELIVERY_BATCH = 50;
/**
 * How long a claimed delivery is left to its worker before another may take it (the worker died mid-way):
 * well over the 5-second webhook timeout.
 */
export const DELIVERY_LEASE_SECONDS = 120;
/** The longest error text kept in the delivery log. */
export const DELIVERY_ERROR_MAX_LENGTH = 500;

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * Seconds until the next attempt after `attempts` failed ones (30 s, 2 min, 10 min, 1 h, 6 h); null when
 * that was the last attempt and the delivery has failed for good.
 */
export function retryDelaySeconds(attempts: number): number | null {
  if (attempts >= DELIVERY_MAX_ATTEMPTS) return null;
  return DELIVERY_RETRY_SECONDS[Math.max(0, attempts - 1)] ?? null;
}

/** `retryDelaySeconds` as SQL, for the attempts a row holds. */
const retryDelaySql = (attempts: SQL) =>
  sql`(${`{${DELIVERY_RETRY_SECONDS.join(',')}}`}::integer[])[greatest(${attempts}, 1)]`;

/**
 * Queues a webhook delivery for each alert created since its user's webhook was set up that has none yet,
 * at most `batch`. Two workers queueing the same alert meet the unique index and one insert is a no-op.
 */
export async function enqueueWebhookDeliveries(
  db: Database,
  options: { batch?: number } = {},
): Promise<number> {
  const batch = options.batch ?? DELIVERY_BATCH;
  const inserted = rowsOf(
    await db.execute(sql`
      INSERT INTO alert_deliveries (user_id, alert_id, channel, target)
      SELECT a.user_id, a.id, 'WEBHOOK', s.webhook_url
        FROM notification_settings s
        JOIN alerts a ON a.user_id = s.user_id AND a.created_at >= s.webhook_since
       WHERE s.webhook_url IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id AND d.channel = 'WEBHOOK')
       ORDER BY a.id
       LIMIT ${batch}
      ON CONFLICT DO NOTHING
      RETURNING 1`),
  );
  return inserted.length;
}

/** A webhook delivery a worker has claimed: what to send, where, and the key to sign it with. */
export interface WebhookJob {
  deliveryId: number;
  userId: number;
  /** The URL the delivery was queued for. */
  target: string;
  /** The user's webhook now: null (or another URL) when it was removed or changed since. */
  url: string | null;
  secret: string | null;
  /** This attempt's number (1 for the first). */
  attempt: number;
  alert: {
    id: number;
    kind: AlertKind;
    message: string;
    link: string;
    data: Record<string, unknown>;
    createdAt: string;
  };
}

/**
 * Claims the webhook deliveries that are due, oldest first, at most `batch`: each one's attempt is counted and
 * its next attempt moved a lease ahead, so another worker leaves it alone while this one sends it (and takes
 * it again if this one dies). Rows another worker is claiming right now are skipped, not waited for.
 */
export async function claimWebhookDeliveries(
  db: Database,
  options: { batch?: number; leaseSeconds?: number } = {},
): Promise<WebhookJob[]> {
  const batch = options.batch ?? DELIVERY_BATCH;
  const lease = options.leaseSeconds ?? DELIVERY_LEASE_SECONDS;
  return rowsOf<WebhookJob>(
    await db.execute(sql`
      WITH due AS (
        SELECT id FROM alert_deliveries
         WHERE status = 'PENDING' AND next_attempt_at <= now() AND channel = 'WEBHOOK'
         ORDER BY next_attempt_at
         LIMIT ${batch}
         FOR UPDATE SKIP LOCKED),
      claimed AS (
        UPDATE alert_deliveries d
           SET attempts = d.attempts + 1, last_attempt_at = now(),
               next_attempt_at = now() + make_interval(secs => ${lease})
          FROM due WHERE d.id = due.id
        RETURNING d.id, d.user_id, d.alert_id, d.target, d.attempts)
      SELECT c.id AS "deliveryId", c.user_id AS "userId", c.target, s.webhook_url AS url,
             s.webhook_secret AS secret, c.attempts AS attempt,
             json_build_object('id', a.id, 'kind', a.kind, 'message', a.message, 'link', a.link, 'data', a.data,
               'createdAt', to_char(a.created_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)})) AS alert
        FROM claimed c
        JOIN alerts a ON a.id = c.alert_id
        LEFT JOIN notification_settings s ON s.user_id = c.user_id
       ORDER BY c.id`),
  );
}

/** What became of one attempt. `final` gives up at once (there is nowhere to send it any more). */
export type DeliveryOutcome =
  | { delivered: true; responseStatus: number | null }
  | { delivered: false; responseStatus: number | null; error: string; final?: boolean };

/**
 * Records an attempt's outcome: delivered, or failed and due again after the backoff for its number of
 * attempts, or failed for good after the last one. A delivery no longer pending (cancelled meanwhile) keeps
 * its state.
 */
export async function recordDeliveryOutcome(
  db: Database,
  deliveryId: number,
  outcome: DeliveryOutcome,
): Promise<{ status: DeliveryStatus; nextAttemptAt: string | null } | null> {
  const error = outcome.delivered ? null : outcome.error.slice(0, DELIVERY_ERROR_MAX_LENGTH);
  const giveUp = !outcome.delivered && outcome.final === true;
  const [row] = rowsOf<{ status: DeliveryStatus; nextAttemptAt: string | null }>(
    await db.execute(sql`
      UPDATE alert_deliveries SET
        response_status = ${outcome.responseStatus},
        error = ${error},
        status = CASE
          WHEN ${outcome.delivered}::boolean THEN 'DELIVERED'
          WHEN ${giveUp}::boolean OR attempts >= ${DELIVERY_MAX_ATTEMPTS} THEN 'FAILED'
          ELSE 'PENDING' END::delivery_status,
        delivered_at = CASE WHEN ${outcome.delivered}::boolean THEN now() END,
        next_attempt_at = CASE
          WHEN ${outcome.delivered}::boolean OR ${giveUp}::boolean OR attempts >= ${DELIVERY_MAX_ATTEMPTS}
            THEN next_attempt_at
          ELSE now() + make_interval(secs => ${retryDelaySql(sql`attempts`)}) END
      WHERE id = ${deliveryId} AND status = 'PENDING'
      RETURNING status::text AS status,
        CASE WHEN status = 'PENDING' THEN to_char(next_attempt_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)})
        END AS "nextAttemptAt"`),
  );
  return row ?? null;
}
