import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';
import { NOTE_MAX_LENGTH, PAYEE_MAX_LENGTH } from '../../limits';
import { utcTimestamp } from '../timestamps';
import { categories } from './categories';
import { financeAccounts } from './finance-accounts';
import { users } from './users';

export const transactionType = pgEnum('transaction_type', ['INCOME', 'EXPENSE']);

export const transactions = pgTable(
  'transactions',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Null only on the two sides of a transfer, which are neither income nor expense.
    categoryId: bigint({ mode: 'number' }),
    // Filled with the user's default account by a trigger when an insert names none (drizzle/0004); the
    // NULL lets Drizzle inserts leave it out.
    accountId: bigint({ mode: 'number' })
      .notNull()
      .$defaultFn(() => sql`NULL`),
    type: transactionType().notNull(),
    amount: numeric({ precision: 14, scale: 2 }).notNull(),
    date: date({ mode: 'string' }).notNull(),
    note: text().notNull().default(''),
    // The counterparty ("Amazon", "ACME Payroll"), apart from the free-text note.
    payee: text().notNull().default(''),
    // The other side of a transfer between two of the user's accounts; deleting either deletes both.
    transferPeerId: bigint({ mode: 'number' }),
    // The import that brought this row in, so undoing the import removes exactly its rows. No foreign key:
    // only undoing deletes an import, after its rows, and a check per imported row cost a tenth of an
    // import's time.
    importId: bigint({ mode: 'number' }),
    // Made by "Load demo data", so "Remove demo data" can take exactly these away again.
    demo: boolean().notNull().default(false),
    createdAt: utcTimestamp().notNull().defaultNow(),
    updatedAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'transactions_pkey', columns: [t.id, t.userId] }),
    // The database itself refuses a transaction filed under another user's category, and refuses to
    // delete a category that still has transactions.
    foreignKey({
      name: 'transactions_category_same_user_fk',
      columns: [t.categoryId, t.userId],
      foreignColumns: [categories.id, categories.userId],
    }).onDelete('restrict'),
    // Both sides of a transfer are the same user's.
    foreignKey({
      name: 'transactions_transfer_peer_fk',
      columns: [t.transferPeerId, t.userId],
      foreignColumns: [t.id, t.userId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'transactions_account_same_user_fk',
      columns: [t.accountId, t.userId],
      foreignColumns: [financeAccounts.id, financeAccounts.userId],
    }),
    // A transfer is neither income nor expense, so it has no category; everything else has one.
    check(
      'transactions_category_unless_transfer',
      sql`(${t.categoryId} IS NULL) = (${t.transferPeerId} IS NOT NULL)`,
    ),
    check('transactions_payee_length', sql`char_length(${t.payee}) <= ${sql.raw(String(PAYEE_MAX_LENGTH))}`),
    check('transactions_amount_positive', sql`${t.amount} > 0`),
    check('transactions_note_length', sql`char_length(${t.note}) <= ${sql.raw(String(NOTE_MAX_LENGTH))}`),
    // The transaction list (newest first, keyset and offset pages), date-range filters, getTransactions,
    // the per-month scans of the breakdown and anomaly queries, and rebuildSummaries per user.
    // NULLS FIRST is what a plain `ORDER BY date DESC, id DESC` means, so the planner can walk this index.
    index('transactions_user_date_id_idx').on(t.userId, t.date.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The list filtered by category, and the foreign key's own RESTRICT lookup when a category is deleted
    // (PostgreSQL does not index referencing columns by itself).
    index('transactions_user_category_date_idx').on(
      t.userId,
      t.categoryId,
      t.date.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // An account's register (newest first) and a balance's partial month. The user first, as in every query
    // of a user's rows, so on Citus the register is one shard's.
    index('transactions_user_account_date_idx').on(
      t.userId,
      t.accountId,
      t.date.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // The cascade from one transfer side to the other, and undoing an import.
    index('transactions_transfer_peer_idx').on(t.transferPeerId).where(sql`${t.transferPeerId} IS NOT NULL`),
    index('transactions_import_idx').on(t.importId).where(sql`${t.importId} IS NOT NULL`),
  ],
);
