import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { claimKey, findUserId, releaseKey } from '../accounts/user-lookups';
import type { Database } from '../db/client';
import { isConstraintViolation, PG_UNIQUE_VIOLATION } from '../db/pg-error';
import { preparedSql } from '../db/prepared';
import { apiTokens } from '../db/schema';
import { isoTimestamp } from '../db/timestamps';
import { AppError, notFound } from '../errors';
import { QUOTAS } from '../limits';
import { type ByIdInput, byIdInput } from '../validation/ids';
import { parseInput } from '../validation/parse-input';
import {
  API_TOKEN_PREFIX,
  type ApiToken,
  type ApiTokenOwner,
  type CreateApiTokenInput,
  type CreatedApiToken,
  createApiTokenInput,
} from './schemas';

/** A token is 256 random bits: a plain SHA-256 is all a stored hash needs (nothing to guess). */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a bearer credential is a personal API token rather than a JWT. */
export function isApiToken(credential: string): boolean {
  return credential.startsWith(API_TOKEN_PREFIX);
}

const columns = {
  id: apiTokens.id,
  name: apiTokens.name,
  scope: apiTokens.scope,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
};

function toApiToken(row: ApiToken): ApiToken {
  return {
    ...row,
    createdAt: isoTimestamp(row.createdAt),
    lastUsedAt: row.lastUsedAt === null ? null : isoTimestamp(row.lastUsedAt),
    expiresAt: row.expiresAt === null ? null : isoTimestamp(row.expiresAt),
  };
}

export async function createApiToken(
  db: Database,
  userId: number,
  input: CreateApiTokenInput,
): Promise<CreatedApiToken> {
  const data = parseInput(createApiTokenInput, input);
  const [existing] = await db.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, userId));
  if ((existing?.n ?? 0) >= QUOTAS.apiTokens) {
    throw new AppError(
      'CONFLICT',
      `You have ${QUOTAS.apiTokens} API tokens, the most an account can have. Delete one you no longer use first.`,
    );
  }
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  try {
    const row = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(apiTokens)
        .values({
          userId,
          name: data.name,
          scope: data.scope,
          tokenHash: hashApiToken(token),
          prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
          expiresAt: sql`now() + make_interval(days => ${data.expiresInDays})`,
        })
        .returning(columns);
      if (!inserted) throw new Error('insert returned no row');
      await claimKey(tx, userId, 'API_TOKEN', hashApiToken(token));
      return inserted;
    });
    return { ...toApiToken(row), token };
  } catch (error) {
    if (isConstraintViolation(error, PG_UNIQUE_VIOLATION, 'api_tokens_user_id_name_lower_key')) {
      const message = `You already have a token named "${data.name}".`;
      throw new AppError('CONFLICT', message, { name: [message] });
    }
    throw error;
  }
}

/** The user's tokens, newest first (the tokens themselves are never shown again). */
export async function listApiTokens(db: Database, userId: number): Promise<ApiToken[]> {
  const rows = await db
    .select(columns)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(toApiToken);
}

/** Revokes (deletes) one of the user's tokens. */
export async function deleteApiToken(db: Database, userId: number, input: ByIdInput): Promise<void> {
  const { id } = parseInput(byIdInput, input);
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
      .returning({ tokenHash: apiTokens.tokenHash });
    if (!deleted) throw notFound();
    await releaseKey(tx, userId, 'API_TOKEN', deleted.tokenHash);
  });
}

/**
 * The owner and scope of a live (unexpired, not deleted) API token; null for anything else. Also notes, at
 * most once a minute, that the token was used.
 */
export async function findApiTokenOwner(db: Database, token: string): Promise<ApiTokenOwner | null> {
  if (!isApiToken(token) || token.length > 200) return null;
  const tokenHash = hashApiToken(token);
  // The owner first (a local lookup on any node), then the token among that user's own rows.
  const userId = await findUserId(db, 'API_TOKEN', tokenHash);
  if (userId === null) return null;
  const [row] = await preparedSql<ApiTokenOwner>(
    db,
    'api_tokens_owner',
    () => sql`WITH live AS (
        SELECT id, user_id, scope, last_used_at FROM api_tokens
         WHERE user_id = ${sql.placeholder('userId')} AND token_hash = ${sql.placeholder('tokenHash')}
           AND (expires_at IS NULL OR expires_at > now())),
      touched AS (
        UPDATE api_tokens t SET last_used_at = now() FROM live
         WHERE t.user_id = live.user_id AND t.id = live.id
           AND (live.last_used_at IS NULL OR live.last_used_at < now() - interval '1 minute')
        RETURNING 1)
      SELECT user_id AS "userId", id AS "tokenId", scope::text AS scope FROM live`,
  ).execute({ userId, tokenHash });
  return row ?? null;
}
