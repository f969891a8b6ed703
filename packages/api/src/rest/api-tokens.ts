import { createApiToken, listApiTokens } from '@finsight/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthFlows } from '../auth/auth-flows';
import { apiTokenBody } from './account-bodies';
import { apiTokenResource, createdApiTokenResource } from './account-resources';
import { errorResponses, noContent, success } from './responses';
import { idParams } from './schemas';
import { PROTECTED } from './security';
import { toSnakeCase } from './serializers';

const tags = { ...PROTECTED, tags: ['account'] };
const SESSION_ONLY = { sessionOnly: true };

/** Personal API tokens (`fs_…`) for scripts and MCP clients. */
export const apiTokenRoutes: FastifyPluginAsyncZod<{ flows: AuthFlows }> = async (app, { flows }) => {
  app.get(
    '/tokens/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'listApiTokens',
        summary: 'Your personal API tokens, newest first',
        description: 'The tokens themselves are never shown again; `prefix` tells them apart.',
        response: {
          200: success(z.array(apiTokenResource), 'Your tokens'),
          ...errorResponses(401, 403, 429, 503),
        },
      },
    },
    async (request) => toSnakeCase(await listApiTokens(request.db, request.userId)),
  );

  app.post(
    '/tokens/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'createApiToken',
        summary: 'Create a personal API token',
        description:
          'Send it as `Authorization: Bearer fs_…`. A `read` token can read everything and change nothing (403); ' +
          'neither kind can manage the account. At most 100 per account.',
        body: apiTokenBody,
        response: {
          201: success(createdApiTokenResource, 'The new token, shown this once'),
          ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { name, scope, expires_in_days } = request.body;
      const created = await createApiToken(request.db, request.userId, {
        name,
        scope,
        expiresInDays: expires_in_days,
      });
      return reply.status(201).send(toSnakeCase(created));
    },
  );

  app.delete(
    '/tokens/:id/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'deleteApiToken',
        summary: 'Revoke a personal API token',
        params: idParams,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      await flows.deleteApiToken(request.principal, request.params.id);
      return reply.status(204).send();
    },
  );
};
