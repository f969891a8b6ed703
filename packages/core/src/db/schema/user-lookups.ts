import { index, integer, pgEnum, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { users } from './users';

export const userLookupKind = pgEnum('user_lookup_kind', [
  'EMAIL',
  'USERNAME',
  'API_TOKEN',
  'PASSWORD_RESET',
]);

/**
 * What finds a user before anyone is signed in: an email, a username (lower-cased), the hash of an API
 * token or of a password reset token. Each is unique across all users, which a table split by user cannot
 * promise, so uniqueness lives here, in one small table that a Citus cluster copies to every node (a
 * reference table): a lookup is local wherever it runs, and the user's own rows are then one shard away.
 * The services write an entry in the same transaction as the row it stands for (accounts, api-tokens).
 */
export const userLookups = pgTable(
  'user_lookups',
  {
    kind: userLookupKind().notNull(),
    key: text().notNull(),
    // Cascades on one server; on Citus, where a reference table cannot point into a sharded one, the
    // distribution step drops this foreign key and the services' own deletes keep the table clean.
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ name: 'user_lookups_pkey', columns: [t.kind, t.key] }),
    index('user_lookups_user_idx').on(t.userId),
  ],
);
