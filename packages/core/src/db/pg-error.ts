/**
 * The SQLSTATE and constraint of a PostgreSQL error, whichever driver raised it (postgres.js puts them on
 * `code`/`constraint_name`, PGlite on `code`/`constraint`) and however deep Drizzle wrapped it. A violation
 * found on a Citus worker arrives without the constraint field and names the shard's copy of the constraint
 * (`transactions_amount_positive_102008`): the name is then read from the message, without the shard id.
 */
export interface PgErrorInfo {
  code: string;
  constraint: string | undefined;
}

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';
/** PostgreSQL 18 (PGlite) reports ON DELETE RESTRICT with its own code; 15 uses 23503. */
export const PG_RESTRICT_VIOLATION = '23001';

const CONSTRAINT_IN_MESSAGE = /constraint "([^"]+)"/;
// Citus shard ids start at 102008; no constraint of finsight's ends in digits.
const SHARD_SUFFIX = /_\d{6,}$/;

export function pgErrorInfo(error: unknown): PgErrorInfo | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as {
      code?: unknown;
      constraint?: unknown;
      constraint_name?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      const named = candidate.constraint_name ?? candidate.constraint;
      const constraint =
        typeof named === 'string' ? named : CONSTRAINT_IN_MESSAGE.exec(String(candidate.message ?? ''))?.[1];
      return { code: candidate.code, constraint: constraint?.replace(SHARD_SUFFIX, '') };
    }
    current = candidate.cause;
  }
  return undefined;
}

export function isConstraintViolation(error: unknown, code: string, constraint: string): boolean {
  const info = pgErrorInfo(error);
  return info?.code === code && info.constraint === constraint;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database is unavailable right now. Please try again in a few seconds.';

/** postgres.js / Node socket error codes for a connection that is gone or cannot be made. */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECTION_CLOSED',
  'CONNECT_TIMEOUT',
]);

/**
 * True when the database itself is unreachable (down, restarting, refusing connections) rather than the
 * query being wrong: callers should answer "try again shortly" (503), not "internal error" (500).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      // SQLSTATE class 08 (connection exception); 57P01-03: shutting down, crashed, not accepting yet.
      if (CONNECTION_ERRORS.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code)) return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A write for a user that no longer exists (deleted while one of their tokens was still in use): the
 * foreign key from the user's row refuses it. Callers answer as for a token that is no longer valid.
 */
export function isUnknownUser(error: unknown): boolean {
  const info = pgErrorInfo(error);
  return info?.code === PG_FOREIGN_KEY_VIOLATION && /_user_id_users_id_fk$/.test(info.constraint ?? '');
}

/** simplejwt's wording for a token whose user is gone. */
export const USER_NOT_FOUND = 'User not found';
