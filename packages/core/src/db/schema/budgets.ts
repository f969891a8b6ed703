import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  integer,
  numeric,
  pgTable,
  primaryKey,
  unique,
} from 'drizzle-orm/pg-core';
import { utcTimestamp } from '../timestamps';
import { categories } from './categories';
import { users } from './users';

/**
 * A monthly spending limit for one category, repeating every month from `start_month`. The limit itself
 * lives in `budget_amounts`, one row per change, so a change applies from its month on and earlier months
 * keep the limit they had.
 */
export const budgets = pgTable(
  'budgets',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    categoryId: bigint({ mode: 'number' }).notNull(),
    // The first day of the first budgeted month.
    startMonth: date({ mode: 'string' }).notNull(),
    // What is left over (or overspent) at a month's end carries into the next month.
    rollover: boolean().notNull().default(false),
    createdAt: utcTimestamp().notNull().defaultNow(),
    updatedAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'budgets_pkey', columns: [t.id, t.userId] }),
    // One budget per category: the trigger finds it by (user, category).
    unique('budgets_user_category_key').on(t.userId, t.categoryId),
    // Deleting a category deletes its budget; the category must be the user's own.
    foreignKey({
      name: 'budgets_category_same_user_fk',
      columns: [t.categoryId, t.userId],
      foreignColumns: [categories.id, categories.userId],
    }).onDelete('cascade'),
    check('budgets_start_month_first_day', sql`extract(day FROM ${t.startMonth}) = 1`),
  ],
);

export const budgetAmounts = pgTable(
  'budget_amounts',
  {
    budgetId: bigint({ mode: 'number' }).notNull(),
    // The budget's user, so the row lives on the budget's shard (Citus) and joins on the user.
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The first month (first day) this limit applies to; it holds until the next row's month.
    fromMonth: date({ mode: 'string' }).notNull(),
    amount: numeric({ precision: 14, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'budget_amounts_pkey', columns: [t.userId, t.budgetId, t.fromMonth] }),
    foreignKey({
      name: 'budget_amounts_budget_fk',
      columns: [t.budgetId, t.userId],
      foreignColumns: [budgets.id, budgets.userId],
    }).onDelete('cascade'),
    check('budget_amounts_amount_positive', sql`${t.amount} > 0`),
    check('budget_amounts_from_month_first_day', sql`extract(day FROM ${t.fromMonth}) = 1`),
  ],
);
