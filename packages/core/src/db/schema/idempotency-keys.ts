import { sql } from 'drizzle-orm';
import { char, index, integer, jsonb, pgTable, primaryKey, varchar } from 'drizzle-orm/pg-core';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

/**
 * The `Idempotency-Key`s of creates, for 24 hours: a repeat of a key answers the first result and writes
 * nothing. The row is written in the same transaction as what it creates, so a key and its effect commit (or
 * vanish) together, and a concurrent repeat waits on the primary key until the first has finished.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: varchar({ length: 255 }).notNull(),
    // What was called ("transactions.create"), and a hash of its input: the same key with another request
    // is a client bug, refused rather than answered with an unrelated result.
    scope: varchar({ length: 64 }).notNull(),
    fingerprint: char({ length: 64 }).notNull(),
    response: jsonb().notNull(),
    createdAt: utcTimestamp().notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.key] }),
    // The hourly prune of expired keys.
    index('idempotency_keys_created_at_idx').on(t.createdAt),
  ],
);
