import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthFlows } from '../auth/auth-flows';
import { sessionResource } from './account-resources';
import { errorResponses, noContent, success } from './responses';
import { idParams } from './schemas';
import { PROTECTED } from './security';
import { toSnakeCase } from './serializers';

const tags = { ...PROTECTED, tags: ['account'] };
const SESSION_ONLY = { sessionOnly: true };

/** Where the user is signed in, and ending any of those sessions. */
export const sessionRoutes: FastifyPluginAsyncZod<{ flows: AuthFlows }> = async (app, { flows }) => {
  app.get(
    '/sessions/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'listSessions',
        summary: 'Your live sessions, most recently used first',
        response: {
          200: success(z.array(sessionResource), 'Every session that can still be used'),
          ...errorResponses(401, 403, 429, 503),
        },
      },
    },
    async (request) => toSnakeCase(await flows.sessions(request.principal)),
  );

  app.delete(
    '/sessions/:id/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'revokeSession',
        summary: 'End a session',
        description: 'Its tokens stop working at once, on every API process within seconds.',
        params: idParams,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      await flows.endSession(request.principal, request.params.id);
      return reply.status(204).send();
    },
  );
};
