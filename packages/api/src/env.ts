import { resolve } from 'node:path';
import { z } from 'zod';

const rateLimit = z
  .string()
  .trim()
  .regex(/^(off|\d+\/(s|sec|second|min|minute|h|hour))$/i, {
    error: 'must look like "10/min", "100/hour", "5/s" or "off"',
  })
  .transform((value) => {
    if (value.toLowerCase() === 'off') return null;
    const [count = '0', unit = 'min'] = value.toLowerCase().split('/');
    const windowMs = unit.startsWith('s') ? 1_000 : unit.startsWith('m') ? 60_000 : 3_600_000;
    return { max: Number(count), windowMs };
  });

/** Unset and empty both mean "not configured". */
const blankAsUndefined = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

const optionalUrl = (protocols: RegExp, example: string) =>
  blankAsUndefined.pipe(z.url({ protocol: protocols, error: `must be a URL like ${example}` }).optional());

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** A PostgreSQL server; without it finsight runs on embedded PGlite in DATA_DIR. */
  DATABASE_URL: optionalUrl(/^postgres(ql)?$/, 'postgres://user@host:5432/finsight'),
  /** Where the embedded database lives; relative paths are taken from the launch directory. */
  DATA_DIR: blankAsUndefined,
  /**
   * The address users reach finsight at (https://finsight.example.com), for absolute links such as the
   * list's `next`/`previous`. Unset: those links are relative, never built from the request's Host header.
   */
  PUBLIC_URL: optionalUrl(/^https?$/, 'https://finsight.example.com'),
  /** Set by pnpm to the directory a command was typed in (the repository root for `pnpm start`). */
  INIT_CWD: blankAsUndefined,
  /** HS256 key for access and refresh tokens; at least 32 characters. */
  JWT_SECRET: blankAsUndefined.pipe(
    z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  ),
  /** Comma-separated origins allowed to call the API from a browser; empty means same origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ error: 'each origin must be a URL like https://app.example.com' }))),
  /** Rate limits shared by several API processes; in memory when unset. */
  REDIS_URL: optionalUrl(/^rediss?$/, 'redis://127.0.0.1:6379'),
  /** Attempts per IP and per email on login, register and refresh, e.g. "10/min"; "off" disables. */
  AUTH_RATE_LIMIT: rateLimit.prefault('10/min'),
  /** Behind a reverse proxy, trust its X-Forwarded-For so rate limits see the real client IP. */
  TRUST_PROXY: z.stringbool({ error: 'must be true or false' }).default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built web app lives; served at / when present. */
  WEB_DIST: blankAsUndefined,
});

/** The embedded database's directory when DATA_DIR is unset, relative to the launch directory. */
export const DEFAULT_DATA_DIR = '.data/pglite';

export type Env = z.output<typeof envSchema> & {
  /** Where finsight was launched from: `.env` and a relative DATA_DIR are found there. */
  launchDirectory: string;
  /** DATA_DIR made absolute. */
  dataDir: string;
};

/** Parses the environment once at start; a bad value stops start-up with a message naming it. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return withPaths(result.data);
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${problems.join('\n')}`);
}

function withPaths(parsed: z.output<typeof envSchema>): Env {
  const launchDirectory = parsed.INIT_CWD ?? process.cwd();
  const dataDir = parsed.DATA_DIR ?? DEFAULT_DATA_DIR;
  return {
    ...parsed,
    launchDirectory,
    dataDir: dataDir.startsWith('memory://') ? dataDir : resolve(launchDirectory, dataDir),
  };
}

/** The `.env` file start-up reads: in the directory finsight was launched from. */
export function dotenvPath(source: Record<string, string | undefined> = process.env): string {
  return resolve(source.INIT_CWD || process.cwd(), '.env');
}
