import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join, sep } from 'node:path';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import staticFiles from '@fastify/static';
import { type Database, isDatabaseReachable } from '@finsight/core';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import { createTokenService, type TokenService } from './auth/jwt';
import { memoryRateLimiter, type RateLimiter, redisRateLimiter, unlimited } from './auth/rate-limiter';
import { IMMUTABLE, NO_STORE, REVALIDATE } from './cache-control';
import { resolveUser } from './context';
import type { Env } from './env';
import { mcpRoutes } from './mcp/http';
import { handleError } from './rest/errors';
import { restApi } from './rest/plugin';
import { appRouter } from './root';
import { securityHeaders } from './security-headers';

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

  const headers = securityHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', request.id);
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
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      responseMeta: () => ({ headers: { 'cache-control': NO_STORE } }),
      createContext: async ({ req }) => ({
        db: options.db,
        tokens,
        authLimiter,
        ip: req.ip,
        ...(await resolveUser(tokens, req.headers.authorization)),
      }),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          app.log.error({ err: error.cause ?? error, path }, 'tRPC error');
      },
    } satisfies FastifyTRPCPluginOptions<typeof appRouter>['trpcOptions'],
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
      setHeaders: (reply, path) =>
        reply.header('cache-control', path.includes(`${sep}assets${sep}`) ? IMMUTABLE : REVALIDATE),
    });
    app.get('/', (_request, reply) => reply.sendFile('index.html'));
  }
  return app;
}
