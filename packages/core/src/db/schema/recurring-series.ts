import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { utcTimestamp } from '../timestamps';
import { transactionType } from './transactions';
import { users } from './users';

export const recurringCadence = pgEnum('recurring_cadence', [
  'WEEKLY',
  'BIWEEKLY',
  'MONTHLY',
  'QUARTERLY',
  'YEARLY',
]);
export const recurringStatus = pgEnum('recurring_status', ['DETECTED', 'CONFIRMED', 'DISMISSED']);

/**
 * A recurring payment found in the history (rent, salary, a subscription). Detection refreshes the
 * detected figures; the user's decision (`status`) and edits (the `custom_*` columns, which win over what
 * detection finds) stay, so a dismissed series stays dismissed however often it is detected again.
 */
export const recurringSeries = pgTable(
  'recurring_series',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // What detection identifies the series by (direction, counterparty, cadence).
    key: text().notNull(),
    status: recurringStatus().notNull().default('DETECTED'),
    payee: text().notNull(),
    // No foreign key: a deleted category leaves the series to be detected again under its new one.
    categoryId: bigint({ mode: 'number' }),
    type: transactionType().notNull(),
    cadence: recurringCadence().notNull(),
    amount: numeric({ precision: 14, scale: 2 }).notNull(),
    amountMin: numeric({ precision: 14, scale: 2 }).notNull(),
    amountMax: numeric({ precision: 14, scale: 2 }).notNull(),
    lastDate: date({ mode: 'string' }).notNull(),
    nextExpected: date({ mode: 'string' }).notNull(),
    confidence: real().notNull(),
    occurrences: integer().notNull(),
    customPayee: text(),
    customCadence: recurringCadence(),
    customAmount: numeric({ precision: 14, scale: 2 }),
    // The last date a "did not arrive" alert was raised for, so a missing payment is reported once.
    missedAlertedFor: date({ mode: 'string' }),
    // Still found in the latest detection; a series that ended stays (with the user's decision) but is hidden.
    active: boolean().notNull().default(true),
    detectedAt: utcTimestamp().notNull().defaultNow(),
    updatedAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'recurring_series_pkey', columns: [t.id, t.userId] }),
    unique('recurring_series_user_key').on(t.userId, t.key),
    // The sweep for payments that did not arrive.
    index('recurring_series_next_expected_idx')
      .on(t.nextExpected)
      .where(sql`${t.active} AND ${t.status} <> 'DISMISSED'`),
    check('recurring_series_amounts', sql`${t.amountMin} <= ${t.amountMax}`),
  ],
);
