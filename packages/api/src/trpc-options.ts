import type { Database } from '@finsight/core';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { TokenService } from './auth/jwt';
import type { RateLimiter } from './auth/rate-limiter';
import { NO_STORE } from './cache-control';
import { resolveUser } from './context';
import { appRouter } from './root';

export type AppTrpcOptions = FastifyTRPCPluginOptions<typeof appRouter>['trpcOptions'];

/** How /trpc runs the router: the request-free context, the cache policy, and what gets logged. */
export function appTrpcOptions(deps: {
  db: Database;
  tokens: TokenService;
  authLimiter: RateLimiter;
  log: FastifyBaseLogger;
}): AppTrpcOptions {
  return {
    router: appRouter,
    responseMeta: () => ({ headers: { 'cache-control': NO_STORE } }),
    createContext: async ({ req }) => ({
      db: deps.db,
      tokens: deps.tokens,
      authLimiter: deps.authLimiter,
      ip: req.ip,
      ...(await resolveUser(deps.tokens, req.headers.authorization)),
    }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        deps.log.error({ err: error.cause ?? error, path }, 'tRPC error');
    },
  };
}
