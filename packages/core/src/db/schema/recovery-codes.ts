import { bigint, char, index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

/** Single-use 2FA recovery codes, for when the authenticator is lost: only hashes are kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: char({ length: 64 }).notNull(),
    usedAt: utcTimestamp(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'recovery_codes_pkey', columns: [t.id, t.userId] }),
    index('recovery_codes_user_id_idx').on(t.userId),
  ],
);
