import { z } from 'zod';

const testEnv = z.object({
  /** A PostgreSQL server to run the suite against; each run creates its own databases there and drops them. */
  TEST_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'TEST_DATABASE_URL must be a postgres:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export const env = testEnv.parse(process.env);
