import { char, index, integer, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

/** Password reset links sent by email: single use, short-lived, only a hash of the token kept. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: char({ length: 64 }).notNull(),
    createdAt: utcTimestamp().notNull().defaultNow(),
    expiresAt: utcTimestamp().notNull(),
    usedAt: utcTimestamp(),
  },
  (t) => [
    uniqueIndex('password_resets_token_hash_key').on(t.tokenHash),
    index('password_resets_user_id_idx').on(t.userId),
  ],
);
