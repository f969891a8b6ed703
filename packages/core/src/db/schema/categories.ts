import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { CATEGORY_NAME_MAX_LENGTH } from '../../limits';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

/** Which side of the ledger a category is for; null (the default) takes either. */
export const categoryKind = pgEnum('category_kind', ['INCOME', 'EXPENSE']);

export const categories = pgTable(
  'categories',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: varchar({ length: CATEGORY_NAME_MAX_LENGTH }).notNull(),
    // Only steers the forms (Salary is not offered for an expense); imports and rules may still cross it.
    kind: categoryKind(),
    // Made by "Load demo data", so "Remove demo data" can take exactly these away again.
    demo: boolean().notNull().default(false),
    createdAt: utcTimestamp().notNull().defaultNow(),
    updatedAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'categories_pkey', columns: [t.id, t.userId] }),
    // Uniqueness per user ignoring case; also serves the category list (user_id = ? ORDER BY lower(name)).
    uniqueIndex('categories_user_id_name_lower_key').on(t.userId, sql`lower(${t.name})`),
    check(
      'categories_name_trimmed',
      sql`${t.name} = btrim(${t.name}) AND char_length(${t.name}) BETWEEN 1 AND ${sql.raw(String(CATEGORY_NAME_MAX_LENGTH))}`,
    ),
  ],
);
