import { bigint, char, index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

/** Password reset links sent by email: single use, short-lived, only a hash of the token kept. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: char({ length: 64 }).notNull(),
    createdAt: utcTimestamp().notNull().defaultNow(),
    expiresAt: utcTimestamp().notNull(),
    usedAt: utcTimestamp(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'password_resets_pkey', columns: [t.id, t.userId] }),
    // The link is found by its hash in user_lookups, then here by user and hash.
    index('password_resets_user_id_idx').on(t.userId),
  ],
);
