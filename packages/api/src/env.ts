import { isIP } from 'node:net';
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

/** A whole number, or "off" (null). */
const countOrOff = (example: string) =>
  z
    .string()
    .trim()
    .regex(/^(off|[1-9]\d{0,5})$/i, { error: `must be a whole number like ${example}, or "off"` })
    .transform((value) => (value.toLowerCase() === 'off' ? null : Number(value)));

/** An address or network (CIDR) of a proxy in front of finsight. */
function isAddressOrNetwork(entry: string): boolean {
  const [address = '', bits, extra] = entry.split('/');
  if (extra !== undefined || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128);
}

/**
 * Which proxies' X-Forwarded-For to believe: none (false), a number of hops, or the proxies' addresses and
 * networks. `true` means one hop: believing every hop lets any client pick its own address by sending the
 * header, and walk past the per-address login limit.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): false | number | string[] => {
    const lowered = value.toLowerCase();
    if (lowered === '' || lowered === 'false' || lowered === '0') return false;
    if (lowered === 'true') return 1;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isAddressOrNetwork)) return entries;
    ctx.addIssue({
      code: 'custom',
      message: 'must be false, a number of proxy hops (1), or proxy addresses/networks like 10.0.0.0/8,::1',
    });
    return z.NEVER;
  });

/** Unset and empty both mean "not configured". */
const blankAsUndefined = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

/** A comma-separated list (unset or empty: none), each entry trimmed and checked by `item`. */
const commaSeparated = <Item extends z.ZodType<unknown, string>>(item: Item) =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

const optionalUrl = (protocols: RegExp, example: string) =>
  blankAsUndefined.pipe(z.url({ protocol: protocols, error: `must be a URL like ${example}` }).optional());

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    /** A PostgreSQL server; without it finsight runs on embedded PGlite in DATA_DIR. */
    DATABASE_URL: optionalUrl(/^postgres(ql)?$/, 'postgres://user@host:5432/finsight'),
    /**
     * Streaming replicas of DATABASE_URL, comma-separated: reads go there, writes and a user's reads right
     * after their own writes go to the primary.
     */
    DATABASE_READ_URL: commaSeparated(
      z.url({
        protocol: /^postgres(ql)?$/,
        error: 'each replica must be a URL like postgres://user@replica-host:5432/finsight',
      }),
    ),
    /**
     * `citus` insists that DATABASE_URL is a Citus coordinator and shards the tables by user there; unset,
     * finsight shards whenever the database has the citus extension.
     */
    DATABASE_DISTRIBUTED: z
      .enum(['citus'], { error: 'must be citus, or unset to detect Citus by itself' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
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
    CORS_ORIGINS: commaSeparated(z.url({ error: 'each origin must be a URL like https://app.example.com' })),
    /** Rate limits shared by several API processes; in memory when unset. */
    REDIS_URL: optionalUrl(/^rediss?$/, 'redis://127.0.0.1:6379'),
    /** Attempts per IP and per email on login, register and refresh, e.g. "10/min"; "off" disables. */
    AUTH_RATE_LIMIT: rateLimit.prefault('10/min'),
    /**
     * Each signed-in user's budget of requests, weighted by cost (a read 1, an insight more), e.g. "1200/min";
     * "off" turns every per-user rate limit off (load tests).
     */
    USER_RATE_LIMIT: rateLimit.prefault('1200/min'),
    /** Each signed-in user's budget of writes, e.g. "300/min"; "off" disables. */
    USER_WRITE_RATE_LIMIT: rateLimit.prefault('300/min'),
    /** How many requests of one user run at once; more wait briefly, then get a 429. "off" disables. */
    USER_CONCURRENCY: countOrOff('4').prefault('4'),
    /** Behind reverse proxies: how many hops, or which addresses, to believe X-Forwarded-For from. */
    TRUST_PROXY: trustProxy.prefault('false'),
    /** Where mail goes: smtp://user:pass@host:587 or smtps://…; unset, mails are written to .data/outbox/. */
    SMTP_URL: optionalUrl(/^smtps?$/, 'smtp://user:password@mail.example.com:587'),
    /** The sender of finsight's mails. */
    MAIL_FROM: z.string().trim().min(3).prefault('finsight <no-reply@finsight.local>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Whether this process runs the alert worker (alert checks, webhooks, daily digests): "on" or "off". Several
     * processes may run it; each claims its own rows.
     */
    ALERT_WORKER: z
      .enum(['on', 'off'], { error: 'must be "on" or "off"' })
      .default('on')
      .transform((value) => value === 'on'),
    /** Seconds between the alert worker's rounds. */
    ALERT_WORKER_INTERVAL: z.coerce
      .number({ error: 'must be a number of seconds like 30' })
      .int({ error: 'must be a whole number of seconds like 30' })
      .min(1, { error: 'must be at least 1 second' })
      .max(3600, { error: 'must be at most 3600 seconds' })
      .default(30),
    /** Where the built web app lives; served at / when present. */
    WEB_DIST: blankAsUndefined,
  })
  .refine((env) => env.DATABASE_DISTRIBUTED === undefined || env.DATABASE_URL !== undefined, {
    path: ['DATABASE_DISTRIBUTED'],
    error: 'needs DATABASE_URL: Citus is a PostgreSQL server, not the embedded database',
  })
  .refine((env) => env.DATABASE_READ_URL.length === 0 || env.DATABASE_URL !== undefined, {
    path: ['DATABASE_READ_URL'],
    error: 'needs DATABASE_URL: replicas copy a PostgreSQL server, not the embedded database',
  });

/** The embedded database's directory when DATA_DIR is unset, relative to the launch directory. */
export const DEFAULT_DATA_DIR = '.data/pglite';

export type Env = z.output<typeof envSchema> & {
  /** Where finsight was launched from: `.env` and a relative DATA_DIR are found there. */
  launchDirectory: string;
  /** DATA_DIR made absolute. */
  dataDir: string;
  /** Where mails go when no SMTP server is configured: `outbox/` beside the embedded database. */
  outboxDir: string;
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
  const inMemory = dataDir.startsWith('memory://');
  const absolute = inMemory ? dataDir : resolve(launchDirectory, dataDir);
  return {
    ...parsed,
    launchDirectory,
    dataDir: absolute,
    outboxDir: inMemory ? resolve(launchDirectory, '.data/outbox') : resolve(absolute, '../outbox'),
  };
}

/** The `.env` file start-up reads: in the directory finsight was launched from. */
export function dotenvPath(source: Record<string, string | undefined> = process.env): string {
  return resolve(source.INIT_CWD || process.cwd(), '.env');
}
