import { authenticate, register } from '@finsight/core';
import type { FastifyInstance } from 'fastify';
import { throttleAuth } from '../auth/auth-throttle';
import type { TokenService } from '../auth/jwt';
import type { RateLimiter } from '../auth/rate-limiter';
import { parseBody } from './request-helpers';
import { loginBody, refreshBody, registerBody } from './schemas';
import { userJson } from './serializers';

export interface AuthRoutesOptions {
  tokens: TokenService;
  authLimiter: RateLimiter;
}

/** POST /api/auth/register/, /login/, /refresh/ — public, rate-limited per IP and per email. */
export async function authRoutes(app: FastifyInstance, { tokens, authLimiter }: AuthRoutesOptions) {
  const emailOf = (body: unknown) => (body as { email?: unknown } | null)?.email;

  app.post('/register/', async (request, reply) => {
    await throttleAuth(authLimiter, 'register', request.ip, emailOf(request.body));
    const profile = await register(app.db, parseBody(registerBody, request.body));
    return reply.status(201).send(userJson(profile));
  });

  app.post('/login/', async (request) => {
    await throttleAuth(authLimiter, 'login', request.ip, emailOf(request.body));
    const user = await authenticate(app.db, parseBody(loginBody, request.body));
    return tokens.issuePair(user.id);
  });

  app.post('/refresh/', async (request) => {
    await throttleAuth(authLimiter, 'refresh', request.ip);
    const { refresh } = parseBody(refreshBody, request.body);
    return { access: await tokens.signAccess(await tokens.verifyRefresh(refresh)) };
  });
}
