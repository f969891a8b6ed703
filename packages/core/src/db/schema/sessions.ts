import { bigint, index, integer, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';
import { USER_AGENT_MAX_LENGTH } from '../../limits';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

/**
 * A login: what a refresh token and the access tokens minted from it belong to. Ending one (logout, a
 * password change, a stolen refresh token presented twice) ends every token of it.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The generation of the one refresh token that may be used next; every refresh moves it on, so an older
    // refresh token presented again is recognised as reuse.
    refreshGeneration: integer().notNull().default(0),
    // Coarse on purpose: enough for a person to recognise a device, not to track one.
    userAgent: varchar({ length: USER_AGENT_MAX_LENGTH }).notNull().default(''),
    ipPrefix: varchar({ length: 64 }).notNull().default(''),
    createdAt: utcTimestamp().notNull().defaultNow(),
    lastUsedAt: utcTimestamp().notNull().defaultNow(),
    // However active it stays, a session ends this long after the login (the password is asked again).
    expiresAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
    revokedAt: utcTimestamp(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'sessions_pkey', columns: [t.id, t.userId] }),
    index('sessions_user_id_created_at_idx').on(t.userId, t.createdAt),
  ],
);
