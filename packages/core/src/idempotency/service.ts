import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { AppError } from '../errors';

/** How long a key answers repeats; after that it may be used again (as Stripe and the IETF draft do). */
export const IDEMPOTENCY_KEY_HOURS = 24;
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The message for a key that is not 1 to 255 visible ASCII characters. */
export const INVALID_IDEMPOTENCY_KEY =
  'The Idempotency-Key header must be 1 to 255 visible ASCII characters, e.g. a UUID.';

export function isIdempotencyKey(value: string): boolean {
  return KEY.test(value);
}

/** JSON with sorted object keys, so `{a, b}` and `{b, a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface IdempotentRequest {
  key: string;
  /** What is being called, e.g. "transactions.create": a key is only ever good for one kind of call. */
  scope: string;
  /** The request as received; a repeat must send the same. */
  input: unknown;
}

/**
 * Runs `create` once per key: the first call claims the key and stores the result in the same database
 * transaction as the create itself; a repeat within 24 hours answers that stored result and writes nothing.
 * A repeat sent while the first is still running waits for it (on the key's primary key) rather than racing
 * it. A failed create stores nothing, so the client may retry with the same key.
 */
export async function runIdempotently<Result>(
  db: Database,
  userId: number,
  request: IdempotentRequest,
  create: (db: Database) => Promise<Result>,
): Promise<{ result: Result; replayed: boolean }> {
  if (!isIdempotencyKey(request.key)) throw new AppError('BAD_REQUEST', INVALID_IDEMPOTENCY_KEY);
  const fingerprint = createHash('sha256')
    .update(`${request.scope}\n${canonical(request.input)}`)
    .digest('hex');
  return db.transaction(async (tx) => {
    // An expired key is taken over in place; a live one is left alone (no row comes back). The time comes
    // from the proposed row and the age is a difference of two timestamps, not now() or timestamp minus
    // interval: Citus accepts only immutable functions in an upsert's update and its condition.
    const claimed = rowsOf<{ claimed: number }>(
      await tx.execute(sql`
        INSERT INTO idempotency_keys (user_id, key, scope, fingerprint, response)
        VALUES (${userId}, ${request.key}, ${request.scope}, ${fingerprint}, 'null'::jsonb)
        ON CONFLICT (user_id, key) DO UPDATE
          SET scope = excluded.scope, fingerprint = excluded.fingerprint, response = excluded.response,
              created_at = excluded.created_at
          WHERE excluded.created_at - idempotency_keys.created_at > make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})
        RETURNING 1 AS claimed`),
    );
    if (claimed.length > 0) {
      const result = await create(tx);
      await tx.execute(sql`
        UPDATE idempotency_keys SET response = ${JSON.stringify(result ?? null)}::jsonb
        WHERE user_id = ${userId} AND key = ${request.key}`);
      return { result, replayed: false };
    }
    const [stored] = rowsOf<{ scope: string; fingerprint: string; response: unknown }>(
      await tx.execute(sql`
        SELECT scope, fingerprint, response FROM idempotency_keys
        WHERE user_id = ${userId} AND key = ${request.key}`),
    );
    if (!stored || stored.scope !== request.scope || stored.fingerprint !== fingerprint) {
      throw new AppError(
        'UNPROCESSABLE_CONTENT',
        'This Idempotency-Key was already used for a different request. Send a new key with each new request.',
      );
    }
    const response = typeof stored.response === 'string' ? JSON.parse(stored.response) : stored.response;
    return { result: response as Result, replayed: true };
  });
}

/** Keys forgotten per prune: a bounded statement, however many expired at once. */
const PRUNE_BATCH = 10_000;

/** Forgets up to 10,000 keys older than 24 hours; run hourly by the API's background worker. */
export async function pruneIdempotencyKeys(db: Database): Promise<number> {
  const [row] = rowsOf<{ count: number }>(
    await db.execute(sql`
      WITH gone AS (
        DELETE FROM idempotency_keys WHERE (user_id, key) IN (
          SELECT user_id, key FROM idempotency_keys
          WHERE created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})
          LIMIT ${PRUNE_BATCH})
        RETURNING 1
      )
      SELECT count(*)::int AS count FROM gone`),
  );
  return row?.count ?? 0;
}
