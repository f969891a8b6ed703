import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, varchar } from 'drizzle-orm/pg-core';
import { RULE_NAME_MAX_LENGTH } from '../../limits';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

/**
 * A rule: when a transaction matches every condition, the actions change it. Conditions and actions are
 * validated by the rules' zod schemas before they are stored (`rules/schemas.ts`), and read back through
 * the same schemas.
 */
export const rules = pgTable(
  'rules',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: varchar({ length: RULE_NAME_MAX_LENGTH }).notNull(),
    // Rules run in this order; a later rule's action wins over an earlier one's.
    position: integer().notNull().default(0),
    conditions: jsonb().notNull(),
    actions: jsonb().notNull(),
    createdAt: utcTimestamp().notNull().defaultNow(),
    updatedAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'rules_pkey', columns: [t.id, t.userId] }),
    index('rules_user_position_idx').on(t.userId, t.position, t.id),
    check(
      'rules_name_length',
      sql`char_length(${t.name}) BETWEEN 1 AND ${sql.raw(String(RULE_NAME_MAX_LENGTH))}`,
    ),
  ],
);
