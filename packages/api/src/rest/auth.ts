import { authenticate, register } from '@finsight/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { throttleAuth } from '../auth/auth-throttle';
import type { TokenService } from '../auth/jwt';
import type { RateLimiter } from '../auth/rate-limiter';
import { accessResource, tokenPairResource, userResource } from './resources';
import { errorResponses, success } from './responses';
import { loginBody, refreshBody, registerBody } from './schemas';
import { userJson } from './serializers';

export interface AuthRoutesOptions {
  tokens: TokenService;
  authLimiter: RateLimiter;
}

/** Public: no token needed (and none looked at). */
const PUBLIC = { tags: ['auth'], security: [] };

/** POST /api/auth/register/, /login/, /refresh/ — public, rate-limited per IP and per email. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { tokens, authLimiter }) => {
  app.post(
    '/register/',
    {
      schema: {
        ...PUBLIC,
        operationId: 'register',
        summary: 'Create an account',
        description: 'Passwords are checked against common and guessable ones. Emails are stored lower-case.',
        body: registerBody,
        response: {
          201: success(userResource, 'The new account'),
          ...errorResponses(400, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      await throttleAuth(authLimiter, 'register', request.ip, request.body.email);
      const profile = await register(app.db, request.body);
      return reply.status(201).send(userJson(profile));
    },
  );

  app.post(
    '/login/',
    {
      schema: {
        ...PUBLIC,
        operationId: 'login',
        summary: 'Get an access and a refresh token',
        body: loginBody,
        response: {
          200: success(tokenPairResource, 'A token pair for the account'),
          ...errorResponses(400, 401, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      await throttleAuth(authLimiter, 'login', request.ip, request.body.email);
      const user = await authenticate(app.db, request.body);
      return tokens.issuePair(user.id);
    },
  );

  app.post(
    '/refresh/',
    {
      schema: {
        ...PUBLIC,
        operationId: 'refreshToken',
        summary: 'Trade a refresh token for a new access token',
        body: refreshBody,
        response: {
          200: success(accessResource, 'A new access token'),
          ...errorResponses(400, 401, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      await throttleAuth(authLimiter, 'refresh', request.ip);
      return { access: await tokens.signAccess(await tokens.verifyRefresh(request.body.refresh)) };
    },
  );
};
