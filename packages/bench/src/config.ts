import { z } from 'zod';

export const config = z
  .object({
    /** The benchmark database; `pnpm bench generate` drops and recreates it. Never point it at real data. */
    BENCH_DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/finsight_bench'),
    BENCH_USERS: z.coerce.number().int().min(2).default(1000),
    BENCH_TRANSACTIONS: z.coerce.number().int().min(1000).default(1_000_000),
    BENCH_HEAVY_USER_TRANSACTIONS: z.coerce.number().int().min(100).default(100_000),
    BENCH_MONTHS: z.coerce.number().int().min(1).default(36),
    BENCH_SEED: z.coerce.number().int().default(42),
    /**
     * Run ANALYZE after loading (default). `false` leaves the database as a fresh bulk load does when
     * autovacuum has not caught up: no planner statistics at all, which the plans must survive.
     */
    BENCH_ANALYZE: z.stringbool().default(true),
    /** Timed runs per query in `pnpm bench queries`. */
    BENCH_QUERY_RUNS: z.coerce.number().int().min(10).default(1000),
    /** Seconds per HTTP scenario. */
    BENCH_DURATION: z.coerce.number().int().min(1).default(10),
    /** Node flags for the API process only (`--cpu-prof --cpu-prof-dir=...` to profile it under load). */
    BENCH_API_NODE_ARGS: z
      .string()
      .default('')
      .transform((value) => value.split(' ').filter(Boolean)),
    /** Alternating rounds a baseline and the scenarios compared with it are measured in (see http.ts). */
    BENCH_ROUNDS: z.coerce.number().int().min(1).default(3),
    /** Seconds of load before each HTTP scenario's measured run: both servers are measured warm (JIT, pools). */
    BENCH_WARMUP: z.coerce.number().int().min(0).default(3),
    BENCH_CONNECTIONS: z.coerce.number().int().min(1).default(16),
    /** Comma-separated parts of scenario names to run (`BENCH_ONLY=retrieve,list`); baselines they compare to run too. */
    BENCH_ONLY: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((part) => part.trim().toLowerCase())
          .filter(Boolean),
      ),
  })
  .parse(process.env);

/** Every generated user logs in with this password; user 1 is the heavy one. */
export const BENCH_PASSWORD = 'bench-password-42';
export const HEAVY_USER_ID = 1;
