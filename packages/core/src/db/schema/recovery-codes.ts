import { char, index, integer, pgTable } from 'drizzle-orm/pg-core';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

/** Single-use 2FA recovery codes, for when the authenticator is lost: only hashes are kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: char({ length: 64 }).notNull(),
    usedAt: utcTimestamp(),
  },
  (t) => [index('recovery_codes_user_id_idx').on(t.userId)],
);
