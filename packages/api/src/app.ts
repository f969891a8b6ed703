import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join, sep } from 'node:path';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import staticFiles from '@fastify/static';
import { type Database, isDatabaseReachable, primaryOnly, type ReadRouting } from '@finsight/core';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { type AuthFlows, createAuthFlows } from './auth/auth-flows';
import { type Authenticator, createAuthenticator } from './auth/authenticator';
import { createTokenService, type TokenService } from './auth/jwt';
import {
  type LimiterOptions,
  memoryRateLimiter,
  type RateLimiter,
  type RateLimitRule,
  redisRateLimiter,
  unlimited,
} from './auth/rate-limiter';
import { localRevocations, redisRevocations } from './auth/revocation-channel';
import { type BackgroundTasks, backgroundTasks } from './background-tasks';
import { IMMUTABLE, REVALIDATE } from './cache-control';
import type { Env } from './env';
import { concurrencyGate } from './fairness/concurrency-gate';
import { heavyWork } from './fairness/heavy-work';
import { createUserLimits, type UserLimits } from './fairness/user-limits';
import { serializeError, serializeRequest } from './logging';
import { createMailer, type Mailer } from './mail/mailer';
import { mcpRoutes } from './mcp/http';
import { createAlertWorker } from './notifications/worker';
import { recordWrites } from './read-your-writes';
import { handleError } from './rest/errors';
import { restApi } from './rest/plugin';
import { API_SECURITY_HEADERS, PAGE_SECURITY_HEADERS } from './security-headers';
import { trpcRoutes } from './trpc-http';
import { appTrpcOptions } from './trpc-options';
import { webPages } from './web-pages';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    /** The parts the transports share (tests reach them here). */
    finsight: AppParts;
  }
}

export interface AppParts {
  tokens: TokenService;
  authenticator: Authenticator;
  flows: AuthFlows;
  limits: UserLimits;
  /** Mail sent in the background (after a 202) is done once this resolves. */
  background: BackgroundTasks;
}

export interface BuildAppOptions {
  db: Database;
  /** Reads on streaming replicas (server.ts, from DATABASE_READ_URL); without it everything uses `db`. */
  reads?: ReadRouting;
  env: Env;
  jwtSecret: string;
  /** Override the rate limiter (tests); otherwise built from AUTH_RATE_LIMIT and REDIS_URL. */
  authLimiter?: RateLimiter;
  /** Override where mail goes (tests); otherwise SMTP_URL, or the outbox folder. */
  mailer?: Mailer;
  /** Override the clock of the token service (tests). */
  tokens?: TokenService;
  /** The built web app (apps/web/dist), served at / when it exists. */
  webDist?: string;
  /** Where logs go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
  /** Told of every route as it is registered (tests hold the routes against the OpenAPI document). */
  onRoute?: (route: RouteOptions) => void;
}

export const BODY_LIMIT_BYTES = 64 * 1024;

function notFound(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '';
  const hint =
    path.startsWith('/api/') && !path.endsWith('/') ? ` Did you mean ${path}/ (with a trailing slash)?` : '';
  return reply.status(404).send({ detail: `Not found.${hint}` });
}

const dbPlugin = fp(
  async (app: FastifyInstance, { db }: { db: Database }) => {
    app.decorate('db', db);
  },
  { name: 'finsight-db' },
);

/** A limiter for a rule ("off" is null): in Redis when there is one, else in this process's memory. */
function limiterFor(rule: RateLimitRule | null, redis: Redis | null, options: LimiterOptions): RateLimiter {
  if (!rule) return unlimited;
  return redis ? redisRateLimiter(rule, redis, options) : memoryRateLimiter(rule, options);
}

/**
 * Heavy requests (analyses, whole lists, exports) running at once across all users: fewer than half of the
 * database pool's 10 connections, so cheap requests always find one free.
 */
const HEAVY_AT_ONCE = 4;

/** Second-factor codes: five tries per user (and per address) in five minutes, whatever AUTH_RATE_LIMIT says. */
const MFA_RULE: RateLimitRule = { max: 5, windowMs: 5 * 60_000 };

/** Where users reach this server: PUBLIC_URL, or the address it listens on (never a request's Host header). */
function publicOriginOf(app: FastifyInstance, env: Env): () => string {
  if (env.PUBLIC_URL) {
    const origin = env.PUBLIC_URL.replace(/\/+$/, '');
    return () => origin;
  }
  return () => {
    const address = app.server.address();
    const port = address && typeof address === 'object' ? address.port : env.PORT;
    const host = ['0.0.0.0', '::', ''].includes(env.HOST) ? '127.0.0.1' : env.HOST;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  };
}

/** Builds the whole HTTP app; `server.ts` only listens and shuts down. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { env } = options;
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    // A tRPC batch names every procedure in one path parameter ("insights.summary,insights.trend,…"); at
    // Fastify's default of 100 characters a dashboard's batch of a few calls was refused with 414.
    routerOptions: { maxParamLength: 5000 },
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // A number of hops: believe X-Forwarded-For entries added by that many proxies nearest to us, no more.
    trustProxy:
      typeof env.TRUST_PROXY === 'number'
        ? (_address: string, hop: number) => hop < (env.TRUST_PROXY as number)
        : env.TRUST_PROXY,
    logger: {
      level: env.LOG_LEVEL,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Passwords, tokens and what users typed never reach the logs: bodies and query strings are not logged,
      // credentials are hidden, and errors lose the values their statements ran with.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      serializers: { err: serializeError, error: serializeError, req: serializeRequest },
    },
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  const { db } = options;
  const reads = options.reads ?? primaryOnly(db);
  const tokens = options.tokens ?? createTokenService(options.jwtSecret);
  // One connection for counters and revocation messages; commands fail fast while Redis is away, and the
  // limiters count in memory meanwhile.
  const redis = env.REDIS_URL
    ? new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : null;
  redis?.on('error', (error) =>
    app.log.warn({ err: error }, 'Redis unavailable: rate limits count in memory'),
  );
  const authLimiter =
    options.authLimiter ?? limiterFor(env.AUTH_RATE_LIMIT, redis, { prefix: 'finsight:auth' });
  const mfaLimiter = limiterFor(env.AUTH_RATE_LIMIT ? MFA_RULE : null, redis, { prefix: 'finsight:mfa' });
  const limits = createUserLimits({
    reads: limiterFor(env.USER_RATE_LIMIT, redis, { prefix: 'finsight:reads', refundRefused: true }),
    writes: limiterFor(env.USER_RATE_LIMIT && env.USER_WRITE_RATE_LIMIT, redis, {
      prefix: 'finsight:writes',
      refundRefused: true,
    }),
    gate: env.USER_CONCURRENCY === null ? null : concurrencyGate(env.USER_CONCURRENCY),
    heavy: env.USER_CONCURRENCY === null ? null : heavyWork(HEAVY_AT_ONCE),
  });
  const authenticator = createAuthenticator({
    db,
    tokens,
    channel: redis && env.REDIS_URL ? redisRevocations(env.REDIS_URL, redis, app.log) : localRevocations,
  });
  const mailer =
    options.mailer ??
    createMailer({
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      outboxDir: env.outboxDir,
      log: app.log,
      logOutboxText: env.NODE_ENV !== 'production',
    });
  const background = backgroundTasks(app.log);
  const publicOrigin = publicOriginOf(app, env);
  const flows = createAuthFlows({
    db,
    tokens,
    authenticator,
    authLimiter,
    mfaLimiter,
    mailer,
    background,
    publicOrigin,
    wrote: (userId) => reads.wrote(userId),
  });

  // Every answer starts with the API's headers; what a browser renders as a page gets the page headers
  // instead. A request id the client sent comes back with the answer (every answer of ours is logged with
  // its id, generated when none was sent; error answers carry it either way, see rest/errors.ts).
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(API_SECURITY_HEADERS);
    if (request.headers['x-request-id'] !== undefined) reply.header('x-request-id', request.id);
    done();
  });
  // Alert checks, webhooks and digests in the background once the server is ready (ALERT_WORKER=off: not in
  // this process). Stopped before anything closes: onClose hooks run last-added first, and the database's
  // (server.ts) is added after these.
  if (env.ALERT_WORKER) {
    const alertWorker = createAlertWorker({
      db,
      mailer,
      log: app.log,
      publicOrigin,
      intervalMs: env.ALERT_WORKER_INTERVAL * 1000,
      allowLoopback: env.NODE_ENV !== 'production',
    });
    app.addHook('onReady', async () => alertWorker.start());
    app.addHook('preClose', async () => alertWorker.stop());
  }
  app.addHook('onClose', async () => {
    await background.drain();
    await Promise.all([authLimiter.close(), mfaLimiter.close(), limits.close(), authenticator.close()]);
    mailer.close();
    redis?.disconnect();
  });
  app.setErrorHandler(handleError);
  const servesWeb = Boolean(options.webDist && existsSync(join(options.webDist, 'index.html')));
  const pageFile = webPages(servesWeb ? options.webDist : undefined);
  app.setNotFoundHandler((request, reply) => {
    // The web app's own routes (/transactions, /settings…) all load index.html; API paths keep a JSON 404.
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api') || path.startsWith('/trpc');
    const wantsPage = request.method === 'GET' && request.headers.accept?.includes('text/html');
    if (servesWeb && wantsPage && !isApi && !/\.\w+$/.test(path)) return reply.sendFile(pageFile(path));
    return notFound(request, reply);
  });

  await app.register(dbPlugin, { db });
  app.decorate('finsight', { tokens, authenticator, flows, limits, background });
  // A GET or HEAD has no body to decompress: those routes skip the plugin's request hook.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (methods.every((method) => method === 'GET' || method === 'HEAD')) route.decompress = false;
  });
  // JSON over 1 KB goes out as brotli (quality 4: fast enough for every response) or gzip when the client
  // takes it; the web app's files are compressed once at build time and served as they are.
  // A brotli stream's window is its memory: the default 4 MB window made 20 clients streaming a whole list
  // cost 300 MB; with 256 KB JSON compresses as well (docs/benchmarks.md).
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: {
      params: {
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        [zlib.BROTLI_PARAM_QUALITY]: 4,
        [zlib.BROTLI_PARAM_LGWIN]: 18,
      },
    },
  });
  // Without configured origins no answer carries CORS headers and a preflight is not found, exactly as the
  // plugin answers with `origin: false`; registered anyway, it copied its options on every request.
  if (env.CORS_ORIGINS.length > 0) {
    await app.register(cors, { origin: env.CORS_ORIGINS, credentials: false });
  }

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    // Replicas are reported, not required: their reads fall back to the primary. Their addresses stay private.
    const replicas = reads.replicas().map(({ healthy, lagMs }) => ({ healthy, lag_ms: lagMs }));
    if (await isDatabaseReachable(db))
      return replicas.length > 0 ? { status: 'ready', replicas } : { status: 'ready' };
    return reply.status(503).send({ status: 'unavailable', detail: 'Database unreachable.' });
  });

  // Registered plainly, not through fastify-plugin: its JSON parser must not leak into the REST scope.
  await app.register(
    async (trpc) => {
      trpc.decorateRequest('trpcAuth', null);
      if (reads.replicas().length > 0) {
        trpc.addHook(
          'onSend',
          recordWrites(reads, (request) => request.trpcAuth?.principal?.userId),
        );
      }
      await trpc.register(trpcRoutes, appTrpcOptions({ reads, authenticator, flows, limits, log: app.log }));
    },
    { prefix: '/trpc' },
  );

  await app.register(mcpRoutes, { authenticator, limits, publicOrigin });

  await app.register(restApi, {
    prefix: '/api',
    authenticator,
    flows,
    limits,
    reads,
    publicUrl: env.PUBLIC_URL,
  });

  if (servesWeb && options.webDist) {
    await app.register(staticFiles, {
      root: options.webDist,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      // Every file of the web app, index.html included wherever it is sent from, is something a browser
      // renders or runs: the page headers, and caching by whether its name carries its content's hash.
      setHeaders: (reply, path) =>
        reply
          .headers(PAGE_SECURITY_HEADERS)
          .header('cache-control', path.includes(`${sep}assets${sep}`) ? IMMUTABLE : REVALIDATE),
    });
    app.get('/', (_request, reply) => reply.sendFile(pageFile('/')));
  }
  return app;
}
