import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { API_TOKEN_NAME_MAX_LENGTH } from '../../limits';
import { utcTimestamp } from '../timestamps';
import { users } from './users';

export const apiTokenScope = pgEnum('api_token_scope', ['read', 'write']);

/** Personal API tokens for scripts and MCP clients: only a hash of the token is kept. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: varchar({ length: API_TOKEN_NAME_MAX_LENGTH }).notNull(),
    scope: apiTokenScope().notNull(),
    // SHA-256 of the token, hex. The token is 256 random bits, so a fast hash is enough (no password to guess).
    tokenHash: char({ length: 64 }).notNull(),
    // The first characters of the token, so a person can tell their tokens apart.
    prefix: varchar({ length: 16 }).notNull(),
    createdAt: utcTimestamp().notNull().defaultNow(),
    lastUsedAt: utcTimestamp(),
    expiresAt: utcTimestamp(),
  },
  (t) => [
    // The user is part of every key, so each row has a home shard on Citus (docs/scaling.md).
    primaryKey({ name: 'api_tokens_pkey', columns: [t.id, t.userId] }),
    // The token is found by its hash in user_lookups, then here by user and hash.
    // Names are unique per user ignoring case; also serves the user's token list.
    uniqueIndex('api_tokens_user_id_name_lower_key').on(t.userId, sql`lower(${t.name})`),
  ],
);
