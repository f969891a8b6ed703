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
