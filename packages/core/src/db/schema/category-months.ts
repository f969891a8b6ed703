import { sql } from 'drizzle-orm';
import { bigint, check, date, integer, numeric, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Derived data: what each category took and brought in each month, kept by the same row trigger as
 * `monthly_summaries` (drizzle/0005) in the transaction of every write. Budgets read a month's spending
 * per category from one row instead of summing thousands of transactions, and the trigger can see the
 * moment a write takes a budget past a threshold. Transfers have no category and never appear here.
 */
export const categoryMonths = pgTable(
  'category_months',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    categoryId: bigint({ mode: 'number' }).notNull(),
    // The first day of the month.
    month: date({ mode: 'string' }).notNull(),
    income: numeric({ precision: 18, scale: 2 }).notNull().default('0'),
    expense: numeric({ precision: 18, scale: 2 }).notNull().default('0'),
    transactionCount: integer().notNull().default(0),
  },
  (t) => [
    // The budget status reads a user's categories in a month range; the trigger one (category, month).
    primaryKey({ name: 'category_months_pkey', columns: [t.userId, t.categoryId, t.month] }),
    check('category_months_count_non_negative', sql`${t.transactionCount} >= 0`),
  ],
);
