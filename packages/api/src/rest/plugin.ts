import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NO_CREDENTIALS, type TokenService } from '../auth/jwt';
import type { RateLimiter } from '../auth/rate-limiter';
import { resolveUser } from '../context';
import { authRoutes } from './auth';
import { categoryRoutes } from './categories';
import { serializerCompiler, validatorCompiler } from './compilers';
import { insightRoutes } from './insights';
import { openApi } from './openapi';
import { pageLinks } from './page-links';
import { READ_ONLY_FIELDS } from './schemas';
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
  /** Where users reach finsight (PUBLIC_URL): absolute links and the document's server. */
  publicUrl?: string;
}

/**
 * What a body is validated as: no body at all is an empty object (an explicit JSON null is not, and is
 * refused), and the read-only fields a client echoes back from a GET (`id`, `created_at`…) are dropped, as
 * the documented framework ignores them.
 */
function writableBody(request: FastifyRequest, _reply: FastifyReply, done: () => void) {
  const body = request.body;
  if (body === undefined) {
    request.body = {};
  } else if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    request.body = Object.fromEntries(
      Object.entries(body).filter(([key]) => !READ_ONLY_FIELDS.includes(key)),
    );
  }
  done();
}

/**
 * The documented REST endpoints under /api: the OpenAPI document and its UI, a public auth scope and a
 * protected finance scope. Every route declares zod schemas for what it takes and answers; they validate,
 * serialise and document it.
 */
export async function restApi(app: FastifyInstance, options: RestOptions) {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await openApi(app, { publicUrl: options.publicUrl });

  await app.register(async (scope) => {
    // Only routes that take a body pay for the hook.
    scope.addHook('onRoute', (route) => {
      if (route.schema?.body) route.preValidation = [writableBody, route.preValidation ?? []].flat();
    });
    await scope.register(authRoutes, {
      prefix: '/auth',
      tokens: options.tokens,
      authLimiter: options.authLimiter,
    });

    await scope.register(
      async (finance) => {
        finance.decorateRequest('userId', 0);
        // Before the body is read or validated: an anonymous request learns nothing about its input.
        finance.addHook('onRequest', async (request, reply) => {
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
        await finance.register(transactionRoutes, { pageLinks: pageLinks(options.publicUrl) });
        await finance.register(insightRoutes);
      },
      { prefix: '/finance' },
    );
  });
}
