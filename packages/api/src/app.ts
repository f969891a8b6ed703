import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join, sep } from 'node:path';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import staticFiles from '@fastify/static';
import { type Database, isDatabaseReachable } from '@finsight/core';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import { createTokenService, type TokenService } from './auth/jwt';
import { memoryRateLimiter, type RateLimiter, redisRateLimiter, unlimited } from './auth/rate-limiter';
import { IMMUTABLE, REVALIDATE } from './cache-control';
import type { Env } from './env';
import { mcpRoutes } from './mcp/http';
import { handleError } from './rest/errors';
import { restApi } from './rest/plugin';
import { API_SECURITY_HEADERS, PAGE_SECURITY_HEADERS } from './security-headers';
import { trpcRoutes } from './trpc-http';
import { appTrpcOptions } from './trpc-options';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export interface BuildAppOptions {
  db: Database;
  env: Env;
  jwtSecret: string;
  /** Override the rate limiter (tests); otherwise built from AUTH_RATE_LIMIT and REDIS_URL. */
  authLimiter?: RateLimiter;
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

function buildLimiter(env: Env): RateLimiter {
  if (!env.AUTH_RATE_LIMIT) return unlimited;
  return env.REDIS_URL
    ? redisRateLimiter(env.AUTH_RATE_LIMIT, env.REDIS_URL)
    : memoryRateLimiter(env.AUTH_RATE_LIMIT);
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
    trustProxy: env.TRUST_PROXY,
    logger: {
      level: env.LOG_LEVEL,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Passwords and tokens never reach the logs: bodies are not logged, and these headers are hidden.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
    },
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  const tokens = options.tokens ?? createTokenService(options.jwtSecret);
  const authLimiter = options.authLimiter ?? buildLimiter(env);

  // Every answer starts with the API's headers; what a browser renders as a page gets the page headers
  // instead. A request id the client sent comes back with the answer (every answer of ours is logged with
  // its id, generated when none was sent; error answers carry it either way, see rest/errors.ts).
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(API_SECURITY_HEADERS);
    if (request.headers['x-request-id'] !== undefined) reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onClose', async () => {
    await authLimiter.close();
  });
  app.setErrorHandler(handleError);
  const servesWeb = Boolean(options.webDist && existsSync(join(options.webDist, 'index.html')));
  app.setNotFoundHandler((request, reply) => {
    // The web app's own routes (/transactions, /settings…) all load index.html; API paths keep a JSON 404.
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api') || path.startsWith('/trpc');
    const wantsPage = request.method === 'GET' && request.headers.accept?.includes('text/html');
    if (servesWeb && wantsPage && !isApi && !/\.\w+$/.test(path)) return reply.sendFile('index.html');
    return notFound(request, reply);
  });

  await app.register(dbPlugin, { db: options.db });
  // JSON over 1 KB goes out as brotli (quality 4: fast enough for every response) or gzip when the client
  // takes it; the web app's files are compressed once at build time and served as they are.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cors, {
    origin: env.CORS_ORIGINS.length > 0 ? env.CORS_ORIGINS : false,
    credentials: false,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (await isDatabaseReachable(options.db)) return { status: 'ready' };
    return reply.status(503).send({ status: 'unavailable', detail: 'Database unreachable.' });
  });

  // Registered plainly, not through fastify-plugin: its JSON parser must not leak into the REST scope.
  await app.register(trpcRoutes, {
    prefix: '/trpc',
    trpcOptions: appTrpcOptions({ db: options.db, tokens, authLimiter, log: app.log }),
  });

  await app.register(mcpRoutes, { tokens });

  await app.register(restApi, { prefix: '/api', tokens, authLimiter, publicUrl: env.PUBLIC_URL });

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
    app.get('/', (_request, reply) => reply.sendFile('index.html'));
  }
  return app;
}
