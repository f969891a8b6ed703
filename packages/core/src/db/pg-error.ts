/**
 * The SQLSTATE and constraint of a PostgreSQL error, whichever driver raised it (postgres.js puts them on
 * `code`/`constraint_name`, PGlite on `code`/`constraint`) and however deep Drizzle wrapped it.
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

export function pgErrorInfo(error: unknown): PgErrorInfo | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as {
      code?: unknown;
      constraint?: unknown;
      constraint_name?: unknown;
      cause?: unknown;
    };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      const constraint = candidate.constraint_name ?? candidate.constraint;
      return { code: candidate.code, constraint: typeof constraint === 'string' ? constraint : undefined };
    }
    current = candidate.cause;
  }
  return undefined;
}

export function isConstraintViolation(error: unknown, code: string, constraint: string): boolean {
  const info = pgErrorInfo(error);
  return info?.code === code && info.constraint === constraint;
}
