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
         AND NOT EXISTS (SELECT 1 FROM alert_deliveries d
                          WHERE d.user_id = a.user_id AND d.alert_id = a.id AND d.channel = 'WEBHOOK')
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

/** Rounds of claiming when other workers took some of the candidates first. */
const CLAIM_ROUNDS = 5;

/**
 * Claims the webhook deliveries that are due, oldest first, at most `batch`: each one's attempt is counted and
 * its next attempt moved a lease ahead, so another worker leaves it alone while this one sends it (and takes
 * it again if this one dies). No `FOR UPDATE SKIP LOCKED` (Citus cannot lock rows across shards): the update
 * checks again that a candidate is still due, so a delivery another worker has just leased drops out, and
 * the places it leaves are filled from the next candidates, for a few rounds.
 */
export async function claimWebhookDeliveries(
  db: Database,
  options: { batch?: number; leaseSeconds?: number } = {},
): Promise<WebhookJob[]> {
  const batch = options.batch ?? DELIVERY_BATCH;
  const lease = options.leaseSeconds ?? DELIVERY_LEASE_SECONDS;
  const jobs: WebhookJob[] = [];
  for (let round = 0; round < CLAIM_ROUNDS && jobs.length < batch; round++) {
    const due = rowsOf<{ userId: number; id: number }>(
      await db.execute(sql`
        SELECT user_id AS "userId", id FROM alert_deliveries
         WHERE status = 'PENDING' AND next_attempt_at <= now() AND channel = 'WEBHOOK'
         ORDER BY next_attempt_at, id
         LIMIT ${batch - jobs.length}`),
    );
    if (due.length === 0) break;
    const claimed = rowsOf<WebhookJob>(
      await db.execute(sql`
        WITH claimed AS (
          UPDATE alert_deliveries d
             SET attempts = d.attempts + 1, last_attempt_at = now(),
                 next_attempt_at = now() + make_interval(secs => ${lease})
           WHERE (d.user_id, d.id) IN (
                   SELECT * FROM unnest(${`{${due.map((row) => row.userId).join(',')}}`}::integer[],
                                        ${`{${due.map((row) => row.id).join(',')}}`}::bigint[]))
             AND d.status = 'PENDING' AND d.next_attempt_at <= now()
          RETURNING d.id, d.user_id, d.alert_id, d.target, d.attempts)
        SELECT c.id AS "deliveryId", c.user_id AS "userId", c.target, s.webhook_url AS url,
               s.webhook_secret AS secret, c.attempts AS attempt,
               json_build_object('id', a.id, 'kind', a.kind, 'message', a.message, 'link', a.link, 'data', a.data,
                 'createdAt', to_char(a.created_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)})) AS alert
          FROM claimed c
          JOIN alerts a ON a.user_id = c.user_id AND a.id = c.alert_id
          JOIN notification_settings s ON s.user_id = c.user_id
         ORDER BY c.id`),
    );
    jobs.push(...claimed);
    // Every candidate was ours: either the batch is full or nothing else is due.
    if (claimed.length === due.length) break;
  }
  return jobs.sort((a, b) => a.deliveryId - b.deliveryId);
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
  userId: number,
  deliveryId: number,
  outcome: DeliveryOutcome,
): Promise<{ status: DeliveryStatus; nextAttemptAt: string | null } | null> {
  const error = outcome.delivered ? null : outcome.error.slice(0, DELIVERY_ERROR_MAX_LENGTH);
  const giveUp = !outcome.delivered && outcome.final === true;
  // The database's time is read first and passed in as seconds since 1970: in an update Citus allows only
  // immutable functions inside CASE, which to_timestamp(seconds) is and now() or timestamp + interval are
  // not. The changed row is formatted outside RETURNING, where the same rule holds.
  const [clock] = rowsOf<{ epoch: number }>(
    await db.execute(sql`SELECT extract(epoch FROM now())::float8 AS epoch`),
  );
  const now = clock?.epoch ?? Date.now() / 1000;
  const [row] = rowsOf<{ status: DeliveryStatus; nextAttemptAt: string | null }>(
    await db.execute(sql`
      WITH changed AS (UPDATE alert_deliveries SET
        response_status = ${outcome.responseStatus},
        error = ${error},
        status = CASE
          WHEN ${outcome.delivered}::boolean THEN 'DELIVERED'
          WHEN ${giveUp}::boolean OR attempts >= ${DELIVERY_MAX_ATTEMPTS} THEN 'FAILED'
          ELSE 'PENDING' END::delivery_status,
        delivered_at = CASE WHEN ${outcome.delivered}::boolean THEN to_timestamp(${now}::float8) END,
        next_attempt_at = CASE
          WHEN ${outcome.delivered}::boolean OR ${giveUp}::boolean OR attempts >= ${DELIVERY_MAX_ATTEMPTS}
            THEN next_attempt_at
          ELSE to_timestamp(${now}::float8 + ${retryDelaySql(sql`attempts`)}) END
      WHERE user_id = ${userId} AND id = ${deliveryId} AND status = 'PENDING'
      RETURNING status, next_attempt_at)
      SELECT status::text AS status,
        CASE WHEN status = 'PENDING' THEN to_char(next_attempt_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)})
        END AS "nextAttemptAt"
        FROM changed`),
  );
  return row ?? null;
}
