import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { ACCOUNT_NAME_MAX_LENGTH } from '../../limits';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

export const accountKind = pgEnum('account_kind', ['CHECKING', 'SAVINGS', 'CREDIT_CARD', 'CASH', 'OTHER']);

/**
 * Where money is kept (a current account, a card, a wallet). Every transaction belongs to one. Every user
 * has exactly one default account, made by a trigger when the user is created (drizzle/0004), which takes
 * the transactions of clients that name no account.
 */
export const financeAccounts = pgTable(
  'accounts',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: varchar({ length: ACCOUNT_NAME_MAX_LENGTH }).notNull(),
    kind: accountKind().notNull().default('CHECKING'),
    // Signed: a credit card usually opens owing money.
    openingBalance: numeric({ precision: 14, scale: 2 }).notNull().default('0'),
    openingDate: date({ mode: 'string' }),
    archived: boolean().notNull().default(false),
    isDefault: boolean().notNull().default(false),
    createdAt: utcTimestamp().notNull().defaultNow(),
    updatedAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'accounts_pkey', columns: [t.id, t.userId] }),
    uniqueIndex('accounts_user_id_name_lower_key').on(t.userId, sql`lower(${t.name})`),
    // One default account per user; also how the insert trigger finds it.
    uniqueIndex('accounts_one_default_per_user').on(t.userId).where(sql`${t.isDefault}`),
    check(
      'accounts_name_trimmed',
      sql`${t.name} = btrim(${t.name}) AND char_length(${t.name}) BETWEEN 1 AND ${sql.raw(String(ACCOUNT_NAME_MAX_LENGTH))}`,
    ),
    check('accounts_default_not_archived', sql`NOT (${t.isDefault} AND ${t.archived})`),
  ],
);

/**
 * Derived data, like `monthly_summaries`: each account's net movement per month, maintained by the
 * transactions trigger in the same database transaction as every write (drizzle/0004). A balance at any
 * date is the opening balance, the whole months before it from here, and that month's own rows up to the
 * date: a few dozen rows read whatever the account's size.
 */
export const accountMonths = pgTable(
  'account_months',
  {
    accountId: bigint({ mode: 'number' }).notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    year: smallint().notNull(),
    month: smallint().notNull(),
    net: numeric({ precision: 18, scale: 2 }).notNull().default('0'),
    transactionCount: integer().notNull().default(0),
  },
  (t) => [
    // User first: also every balance of one user at once (the account list, the navigation).
    primaryKey({ name: 'account_months_pkey', columns: [t.userId, t.accountId, t.year, t.month] }),
    foreignKey({
      name: 'account_months_account_fk',
      columns: [t.accountId, t.userId],
      foreignColumns: [financeAccounts.id, financeAccounts.userId],
    }).onDelete('cascade'),
    check('account_months_count_non_negative', sql`${t.transactionCount} >= 0`),
  ],
);
