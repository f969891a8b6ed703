import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgTable, primaryKey, smallint } from 'drizzle-orm/pg-core';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

/**
 * Derived data: one row per user and month that has transactions, maintained by the
 * `transactions_maintain_monthly_summary` trigger (see the custom migration) in the same database
 * transaction as every write to `transactions`. No service writes it except `rebuildSummaries`.
 */
export const monthlySummaries = pgTable(
  'monthly_summaries',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    year: smallint().notNull(),
    month: smallint().notNull(),
    // Wider than a single amount: a month's sum of numeric(14,2) values.
    totalIncome: numeric({ precision: 18, scale: 2 }).notNull().default('0'),
    totalExpense: numeric({ precision: 18, scale: 2 }).notNull().default('0'),
    savings: numeric({ precision: 18, scale: 2 })
      .notNull()
      .generatedAlwaysAs(sql`total_income - total_expense`),
    // Lets the trigger drop the row when a month's last transaction goes, so a summary exists exactly
    // for the months that have transactions.
    transactionCount: integer().notNull().default(0),
    createdAt: utcTimestamp().notNull().defaultNow(),
    updatedAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // One row per (user, year, month); serves the summary read, the trend and the rebuild's delete.
    primaryKey({ name: 'monthly_summaries_pkey', columns: [t.userId, t.year, t.month] }),
    check('monthly_summaries_month_range', sql`${t.month} BETWEEN 1 AND 12`),
    check(
      'monthly_summaries_non_negative',
      sql`${t.totalIncome} >= 0 AND ${t.totalExpense} >= 0 AND ${t.transactionCount} >= 0`,
    ),
  ],
);
