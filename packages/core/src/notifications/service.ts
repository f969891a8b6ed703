import { randomBytes } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { AppError } from '../errors';
import { parseInput } from '../validation/parse-input';
import {
  type AlertDelivery,
  type ChangedNotificationSettings,
  type DeliveryPage,
  type ListDeliveriesInput,
  listDeliveriesInput,
  type NotificationSettings,
  type UpdateNotificationSettingsInput,
  updateNotificationSettingsInput,
  WEBHOOK_SECRET_PREFIX,
} from './schemas';

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const iso = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', ${ISO_UTC})`);

// Read from the updated rows through a CTE, not in RETURNING: Citus allows only immutable functions there,
// and the timestamps are formatted with to_char.
const SETTINGS_COLUMNS = sql`email_digest AS "emailDigest", webhook_url AS "webhookUrl",
  webhook_secret IS NOT NULL AS "webhookSecretSet", ${iso('webhook_since')} AS "webhookSince",
  ${iso('last_digest_at')} AS "lastDigestAt"`;

const DEFAULT_SETTINGS: NotificationSettings = {
  emailDigest: false,
  webhookUrl: null,
  webhookSecretSet: false,
  webhookSince: null,
  lastDigestAt: null,
};

/** A new webhook secret: 256 random bits, recognisable by its prefix. */
function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Where the user's alerts go beyond the app; every channel is off until the user turns it on. */
export async function getNotificationSettings(db: Database, userId: number): Promise<NotificationSettings> {
  const [row] = rowsOf<NotificationSettings>(
    await db.execute(sql`SELECT ${SETTINGS_COLUMNS} FROM notification_settings WHERE user_id = ${userId}`),
  );
  return row ?? DEFAULT_SETTINGS;
}

/** Deliveries still waiting for a webhook the user has changed or removed: they are not sent. */
function cancelPendingWebhooks(tx: Database, userId: number, why: string) {
  return tx.execute(sql`UPDATE alert_deliveries SET status = 'FAILED', error = ${why}
     WHERE user_id = ${userId} AND channel = 'WEBHOOK' AND status = 'PENDING'`);
}

/**
 * Changes what is given. Turning the digest on starts it from now (earlier alerts are not mailed). A new
 * webhook URL gets a new secret, returned this once, and receives the alerts created from now on; deliveries
 * still waiting for the previous URL are dropped. Sending the URL it already has changes nothing.
 */
export async function updateNotificationSettings(
  db: Database,
  userId: number,
  input: UpdateNotificationSettingsInput,
): Promise<ChangedNotificationSettings> {
  const data = parseInput(updateNotificationSettingsInput, input);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`INSERT INTO notification_settings (user_id) VALUES (${userId}) ON CONFLICT (user_id) DO NOTHING`,
    );
    const [current] = rowsOf<{ emailDigest: boolean; webhookUrl: string | null }>(
      await tx.execute(sql`SELECT email_digest AS "emailDigest", webhook_url AS "webhookUrl"
        FROM notification_settings WHERE user_id = ${userId} FOR UPDATE`),
    );
    const changes: SQL[] = [sql`updated_at = now()`];
    if (data.emailDigest !== undefined) changes.push(sql`email_digest = ${data.emailDigest}`);
    if (data.emailDigest === true && !current?.emailDigest) changes.push(sql`last_digest_at = now()`);
    const url = data.webhookUrl;
    const urlChanged = url !== undefined && url !== (current?.webhookUrl ?? null);
    const secret = urlChanged && url !== null ? newWebhookSecret() : undefined;
    if (urlChanged) {
      changes.push(
        secret === undefined
          ? sql`webhook_url = NULL, webhook_secret = NULL, webhook_since = NULL`
          : sql`webhook_url = ${url}, webhook_secret = ${secret}, webhook_since = now()`,
      );
      if (current?.webhookUrl) {
        const why =
          url === null ? 'Not sent: the webhook was removed.' : 'Not sent: the webhook URL changed.';
        await cancelPendingWebhooks(tx, userId, why);
      }
    }
    const [row] = rowsOf<NotificationSettings>(
      await tx.execute(sql`WITH changed AS (UPDATE notification_settings SET ${sql.join(changes, sql`, `)}
        WHERE user_id = ${userId} RETURNING *)
        SELECT ${SETTINGS_COLUMNS} FROM changed`),
    );
    if (!row) throw new Error('notification settings update returned no row');
    return secret === undefined ? row : { ...row, webhookSecret: secret };
  });
}

/**
 * A new secret for the webhook, returned this once; the old one stops working at once (deliveries still
 * waiting are signed with the new one).
 */
export async function rotateWebhookSecret(
  db: Database,
  userId: number,
): Promise<ChangedNotificationSettings> {
  const secret = newWebhookSecret();
  const [row] = rowsOf<NotificationSettings>(
    await db.execute(sql`WITH changed AS (UPDATE notification_settings SET webhook_secret = ${secret}, updated_at = now()
      WHERE user_id = ${userId} AND webhook_url IS NOT NULL
      RETURNING *)
      SELECT ${SETTINGS_COLUMNS} FROM changed`),
  );
  if (!row)
    throw new AppError('CONFLICT', 'There is no webhook to rotate the secret of: set a webhook URL first.');
  return { ...row, webhookSecret: secret };
}

const DELIVERY_COLUMNS = sql`id, alert_id AS "alertId", channel::text AS channel, status::text AS status, target,
  attempts, response_status AS "responseStatus", error, ${iso('created_at')} AS "createdAt",
  ${iso('last_attempt_at')} AS "lastAttemptAt",
  CASE WHEN status = 'PENDING' THEN ${iso('next_attempt_at')} END AS "nextAttemptAt",
  ${iso('delivered_at')} AS "deliveredAt"`;

/** The user's delivery log, newest first, with how many entries it has. */
export async function listDeliveries(
  db: Database,
  userId: number,
  input: ListDeliveriesInput = {},
): Promise<DeliveryPage> {
  const { limit, offset } = parseInput(listDeliveriesInput, input);
  const [rows, [total]] = await Promise.all([
    db.execute(sql`SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries WHERE user_id = ${userId}
      ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`),
    db
      .execute(sql`SELECT count(*)::integer AS n FROM alert_deliveries WHERE user_id = ${userId}`)
      .then((result) => rowsOf<{ n: number }>(result)),
  ]);
  return { count: total?.n ?? 0, results: rowsOf<AlertDelivery>(rows) };
}
