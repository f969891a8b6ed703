import { createCategory, deleteCategory, getCategory, listCategories, renameCategory } from '@finsight/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { categoryResource } from './resources';
import { errorResponses, noContent, success } from './responses';
import { categoryBody, idParams } from './schemas';
import { PROTECTED } from './security';
import { categoryJson } from './serializers';

const tags = { ...PROTECTED, tags: ['categories'] };

export const categoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/categories/',
    {
      schema: {
        ...tags,
        operationId: 'listCategories',
        summary: 'List your categories, by name',
        response: {
          200: success(z.array(categoryResource), 'Every category of yours'),
          ...errorResponses(401, 429, 503),
        },
      },
    },
    async (request) => (await listCategories(app.db, request.userId)).map(categoryJson),
  );

  app.post(
    '/categories/',
    {
      schema: {
        ...tags,
        operationId: 'createCategory',
        summary: 'Create a category',
        description: 'Names are unique per user, ignoring case.',
        body: categoryBody,
        response: {
          201: success(categoryResource, 'The new category'),
          ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const category = await createCategory(app.db, request.userId, request.body);
      return reply.status(201).send(categoryJson(category));
    },
  );

  app.get(
    '/categories/:id/',
    {
      schema: {
        ...tags,
        operationId: 'getCategory',
        summary: 'Get a category',
        params: idParams,
        response: { 200: success(categoryResource, 'The category'), ...errorResponses(401, 404, 429, 503) },
      },
    },
    async (request) => categoryJson(await getCategory(app.db, request.userId, request.params)),
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/categories/:id/',
      {
        schema: {
          ...tags,
          operationId: method === 'put' ? 'updateCategory' : 'partialUpdateCategory',
          summary: 'Rename a category',
          description: 'A category has one writable field, so PUT and PATCH do the same.',
          params: idParams,
          body: categoryBody,
          response: {
            200: success(categoryResource, 'The renamed category'),
            ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
          },
        },
      },
      async (request) =>
        categoryJson(
          await renameCategory(app.db, request.userId, { id: request.params.id, name: request.body.name }),
        ),
    );
  }

  app.delete(
    '/categories/:id/',
    {
      schema: {
        ...tags,
        operationId: 'deleteCategory',
        summary: 'Delete a category no transaction uses',
        params: idParams,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      await deleteCategory(app.db, request.userId, request.params);
      return reply.status(204).send();
    },
  );
};
