import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  varchar,
} from 'drizzle-orm/pg-core';
import { utcTimestamp } from '../timestamps';
import { financeAccounts } from './finance-accounts';
import { users } from './users';

/** One bank file brought in: the history the user sees, and what "undo" takes away (its transactions). */
export const imports = pgTable(
  'imports',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: bigint({ mode: 'number' }).notNull(),
    format: varchar({ length: 8 }).notNull(),
    fileName: text().notNull().default(''),
    imported: integer().notNull().default(0),
    duplicatesSkipped: integer().notNull().default(0),
    errors: integer().notNull().default(0),
    categoriesCreated: integer().notNull().default(0),
    firstDate: text(),
    lastDate: text(),
    createdAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'imports_pkey', columns: [t.id, t.userId] }),
    foreignKey({
      name: 'imports_account_same_user_fk',
      columns: [t.accountId, t.userId],
      foreignColumns: [financeAccounts.id, financeAccounts.userId],
    }).onDelete('cascade'),
    index('imports_user_created_idx').on(t.userId, t.id.desc()),
    check('imports_counts_non_negative', sql`${t.imported} >= 0 AND ${t.duplicatesSkipped} >= 0`),
  ],
);
