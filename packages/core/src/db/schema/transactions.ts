import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
} from 'drizzle-orm/pg-core';
import { NOTE_MAX_LENGTH } from '../../limits';
import { utcTimestamp } from '../timestamps';
import { categories } from './categories';
import { users } from './users';

export const transactionType = pgEnum('transaction_type', ['INCOME', 'EXPENSE']);

export const transactions = pgTable(
  'transactions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    categoryId: integer().notNull(),
    type: transactionType().notNull(),
    amount: numeric({ precision: 14, scale: 2 }).notNull(),
    date: date({ mode: 'string' }).notNull(),
    note: text().notNull().default(''),
    // Made by "Load demo data", so "Remove demo data" can take exactly these away again.
    demo: boolean().notNull().default(false),
    createdAt: utcTimestamp().notNull().defaultNow(),
    updatedAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // The database itself refuses a transaction filed under another user's category, and refuses to
    // delete a category that still has transactions.
    foreignKey({
      name: 'transactions_category_same_user_fk',
      columns: [t.categoryId, t.userId],
      foreignColumns: [categories.id, categories.userId],
    }).onDelete('restrict'),
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
  ],
);
