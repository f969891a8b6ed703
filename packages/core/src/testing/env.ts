import { inject } from 'vitest';
import { z } from 'zod';

const testEnv = z.object({
  /** A PostgreSQL server to run the suite against; each run creates its own databases there and drops them. */
  TEST_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'TEST_DATABASE_URL must be a postgres:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export const env = testEnv.parse(process.env);

/**
 * Whether a test that needs real concurrent connections can run: on PGlite (one connection, one query at a
 * time) a race can never happen, so such a test could not fail there. Says so when it cannot.
 */
export function onPostgresServer(what: string): boolean {
  if (env.TEST_DATABASE_URL) return true;
  console.info(
    `Skipped on PGlite: ${what} needs the PostgreSQL server (TEST_DATABASE_URL), where requests can race.`,
  );
  return false;
}

/**
 * Whether a test of one PostgreSQL server's own machinery (its plans, statistics, backends) can run: not on
 * PGlite, and not on a Citus coordinator, where the shards live on other nodes. Says so when it cannot.
 */
export function onSingleNodePostgres(what: string): boolean {
  return onPostgresServer(what) && !skippedOnCitus(what);
}

/** True (and says why) when the test database is a Citus coordinator, for tests of one server's internals. */
export function skippedOnCitus(what: string): boolean {
  if (inject('testDatabase').kind !== 'citus') return false;
  console.info(
    `Skipped on Citus: ${what} is about a single PostgreSQL server, not a coordinator and its shards.`,
  );
  return true;
}
