import type { FastifyInstance } from 'fastify';
import { NO_CREDENTIALS, type TokenService } from '../auth/jwt';
import type { RateLimiter } from '../auth/rate-limiter';
import { resolveUser } from '../context';
import { authRoutes } from './auth';
import { categoryRoutes } from './categories';
import { insightRoutes } from './insights';
import { transactionRoutes } from './transactions';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user of a /api/finance request, from the access token only. */
    userId: number;
  }
}

export interface RestOptions {
  tokens: TokenService;
  authLimiter: RateLimiter;
}

/** The documented REST endpoints, registered under /api: a public auth scope and a protected finance scope. */
export async function restApi(app: FastifyInstance, options: RestOptions) {
  await app.register(authRoutes, { prefix: '/auth', ...options });

  await app.register(
    async (finance) => {
      finance.decorateRequest('userId', 0);
      finance.addHook('preHandler', async (request, reply) => {
        const { userId, authProblem } = await resolveUser(options.tokens, request.headers.authorization);
        if (userId === null) {
          return reply
            .status(401)
            .header('www-authenticate', 'Bearer realm="api"')
            .send({ detail: authProblem ?? NO_CREDENTIALS });
        }
        request.userId = userId;
      });
      await finance.register(categoryRoutes);
      await finance.register(transactionRoutes);
      await finance.register(insightRoutes);
    },
    { prefix: '/finance' },
  );
}
