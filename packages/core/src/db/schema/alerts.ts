import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

export const alertKind = pgEnum('alert_kind', [
  'BUDGET_WARNING',
  'BUDGET_OVER',
  'ANOMALY',
  'RECURRING_PRICE',
  'RECURRING_MISSED',
]);

/**
 * A stored notification. `dedupe_key` names the event ("budget:12:2026-12:80"): the unique index makes a
 * second report of the same event a no-op, which is what makes every alert fire exactly once, whichever
 * writer or worker gets there first.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: alertKind().notNull(),
    dedupeKey: text().notNull(),
    message: text().notNull(),
    // Where the web app takes the reader ("/budgets?month=2026-12").
    link: text().notNull(),
    // The figures behind the message, so a client can word and format it in the reader's locale.
    data: jsonb().notNull().default({}),
    createdAt: utcTimestamp().notNull().defaultNow(),
    readAt: utcTimestamp(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'alerts_pkey', columns: [t.id, t.userId] }),
    uniqueIndex('alerts_user_dedupe_key').on(t.userId, t.dedupeKey),
    // The list, newest first (ids grow with time).
    index('alerts_user_id_idx').on(t.userId, t.id),
    // The bell's unread count.
    index('alerts_user_unread_idx').on(t.userId).where(sql`${t.readAt} IS NULL`),
  ],
);

/**
 * Outbox of alert checks too heavy for a write's own transaction (anomalies, recurring payments): the
 * transaction trigger appends a request for the writer's user, a worker runs the checks and then deletes
 * the requests it has seen. Appending never waits on another writer; a crash anywhere leaves the requests,
 * so no check is lost.
 */
export const alertCheckRequests = pgTable(
  'alert_check_requests',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'alert_check_requests_pkey', columns: [t.id, t.userId] }),
    index('alert_check_requests_user_idx').on(t.userId, t.id),
  ],
);

export const deliveryChannel = pgEnum('delivery_channel', ['WEBHOOK', 'EMAIL']);
export const deliveryStatus = pgEnum('delivery_status', ['PENDING', 'DELIVERED', 'FAILED']);

/** Where a user wants alerts delivered beyond the app; each channel is optional. */
export const notificationSettings = pgTable('notification_settings', {
  userId: integer()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  emailDigest: boolean().notNull().default(false),
  webhookUrl: text(),
  // The HMAC key the receiver checks signatures with; shown to the user once, when set.
  webhookSecret: text(),
  // Alerts created before this moment are not sent to the webhook (it was not set up yet).
  webhookSince: utcTimestamp(),
  lastDigestAt: utcTimestamp(),
  updatedAt: utcTimestamp().notNull().defaultNow(),
});

/** The delivery log: one row per alert and channel, retried with backoff until delivered or given up. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Null for a digest email, which carries many alerts.
    alertId: bigint({ mode: 'number' }),
    channel: deliveryChannel().notNull(),
    status: deliveryStatus().notNull().default('PENDING'),
    target: text().notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: utcTimestamp().notNull().defaultNow(),
    lastAttemptAt: utcTimestamp(),
    responseStatus: integer(),
    error: text(),
    createdAt: utcTimestamp().notNull().defaultNow(),
    deliveredAt: utcTimestamp(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'alert_deliveries_pkey', columns: [t.id, t.userId] }),
    foreignKey({
      name: 'alert_deliveries_alert_fk',
      columns: [t.alertId, t.userId],
      foreignColumns: [alerts.id, alerts.userId],
    }).onDelete('cascade'),
    uniqueIndex('alert_deliveries_alert_channel_key')
      .on(t.userId, t.alertId, t.channel)
      .where(sql`${t.alertId} IS NOT NULL`),
    index('alert_deliveries_user_id_idx').on(t.userId, t.id),
    index('alert_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'PENDING'`),
  ],
);
