import {
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  mergeCategories,
  updateCategory,
} from '@finsight/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COSTS } from '../fairness/costs';
import { restCreateOnce } from '../idempotency';
import { categoryMergeResource, categoryResource } from './resources';
import { errorResponses, noContent, success } from './responses';
import { categoryBody, categoryDeleteQuery, categoryMergeBody, categoryPatchBody, idParams } from './schemas';
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
    async (request) => (await listCategories(request.db, request.userId)).map(categoryJson),
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
      const category = await restCreateOnce(request.db, request, reply, (db) =>
        createCategory(db, request.userId, request.body),
      );
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
    async (request) => categoryJson(await getCategory(request.db, request.userId, request.params)),
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/categories/:id/',
      {
        schema: {
          ...tags,
          operationId: method === 'put' ? 'updateCategory' : 'partialUpdateCategory',
          summary: method === 'put' ? 'Rename a category, and set its kind' : 'Change a category',
          description:
            method === 'put'
              ? 'A kind left out stays as it is.'
              : 'Changes the fields given: `name`, `kind` (INCOME, EXPENSE or null for either).',
          params: idParams,
          body: method === 'put' ? categoryBody : categoryPatchBody,
          response: {
            200: success(categoryResource, 'The changed category'),
            ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429, 503),
          },
        },
      },
      async (request) =>
        categoryJson(
          await updateCategory(request.db, request.userId, { id: request.params.id, ...request.body }),
        ),
    );
  }

  app.delete(
    '/categories/:id/',
    {
      schema: {
        ...tags,
        operationId: 'deleteCategory',
        summary: 'Delete a category',
        description:
          'Refused (409) while transactions use it, unless `reassign_to` names a category to move them to first: ' +
          'the move and the delete happen in one database transaction.',
        params: idParams,
        querystring: categoryDeleteQuery,
        response: { 204: noContent, ...errorResponses(400, 401, 403, 404, 409, 429, 503) },
      },
      config: { cost: COSTS.bulkWrite },
    },
    async (request, reply) => {
      await deleteCategory(request.db, request.userId, {
        id: request.params.id,
        reassignTo: request.query.reassign_to,
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/categories/:id/merge/',
    {
      schema: {
        ...tags,
        operationId: 'mergeCategory',
        summary: 'Merge a category into another',
        description:
          'Moves its transactions, rules and recurring series (and its budget, when the other has none) into ' +
          '`into`, then deletes it; all in one database transaction.',
        params: idParams,
        body: categoryMergeBody,
        response: {
          200: success(categoryMergeResource, 'The category that remains, and how many transactions moved'),
          ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
      config: { cost: COSTS.bulkWrite },
    },
    async (request) =>
      mergeCategories(request.db, request.userId, { id: request.params.id, into: request.body.into }),
  );
};
