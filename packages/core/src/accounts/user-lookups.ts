import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { preparedSql } from '../db/prepared';
import { rowsOf } from '../db/rows';
import { userLookups } from '../db/schema';

/**
 * The keys that find a user before sign-in, each unique across all users (`user_lookups`, a reference table
 * on Citus): an email, a username, the hash of an API token or of a password reset token. Keys are kept in
 * lower case, by PostgreSQL's `lower()`, so "Alice" and "alice" are one username (emails are stored lower-case
 * and hashes are hex already).
 */
export type LookupKind = (typeof userLookups.kind.enumValues)[number];

/** The user a key belongs to, or null. One index probe, on whichever node runs it. */
export async function findUserId(db: Database, kind: LookupKind, key: string): Promise<number | null> {
  const [row] = await preparedSql<{ userId: number }>(
    db,
    'user_lookups_find',
    () => sql`SELECT user_id AS "userId" FROM user_lookups
      WHERE kind = ${sql.placeholder('kind')}::user_lookup_kind AND key = lower(${sql.placeholder('key')})`,
  ).execute({ kind, key });
  return row?.userId ?? null;
}

/**
 * Claims a key for the user, in the caller's transaction. False when another user holds it: of two
 * transactions claiming one key at once, the second waits for the first and then sees it taken.
 */
export async function claimKey(
  db: Database,
  userId: number,
  kind: LookupKind,
  key: string,
): Promise<boolean> {
  const claimed = await db.execute(sql`
    INSERT INTO user_lookups (kind, key, user_id) VALUES (${kind}::user_lookup_kind, lower(${key}), ${userId})
    ON CONFLICT (kind, key) DO NOTHING RETURNING 1`);
  if (rowsOf(claimed).length > 0) return true;
  return (await findUserId(db, kind, key)) === userId;
}

/** Lets go of one of the user's keys (a deleted token, a username changed). */
export async function releaseKey(db: Database, userId: number, kind: LookupKind, key: string): Promise<void> {
  await db
    .delete(userLookups)
    .where(
      and(
        eq(userLookups.kind, kind),
        eq(userLookups.key, sql`lower(${key})`),
        eq(userLookups.userId, userId),
      ),
    );
}

/** Lets go of the user's other keys of a kind (the old username once the new one is claimed). */
export async function keepOnlyKey(
  db: Database,
  userId: number,
  kind: LookupKind,
  key: string,
): Promise<void> {
  await db
    .delete(userLookups)
    .where(
      and(
        eq(userLookups.kind, kind),
        eq(userLookups.userId, userId),
        ne(userLookups.key, sql`lower(${key})`),
      ),
    );
}

/** Lets go of every key of the user, before the user is deleted. */
export async function releaseAllKeys(db: Database, userId: number): Promise<void> {
  await db.delete(userLookups).where(eq(userLookups.userId, userId));
}
