import { loadDemoData, removeDemoData } from '@finsight/core';
import { loadDemoDataInput } from '@finsight/core/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { COSTS } from '../fairness/costs';
import { demoLoadedResource, removedDataResource } from './account-resources';
import { errorResponses, success } from './responses';
import { PROTECTED } from './security';

const tags = { ...PROTECTED, tags: ['demo'] };

/** A year of made-up but realistic data to try finsight with, and taking it out again. */
export const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/demo/',
    {
      config: { cost: COSTS.bulkWrite },
      schema: {
        ...tags,
        operationId: 'loadDemoData',
        summary: 'Load a year of demo data into an empty account',
        description: '409 once the account has transactions: demo data never mixes with real books.',
        body: loadDemoDataInput.meta({ examples: [{ months: 12 }] }),
        response: {
          201: success(demoLoadedResource, 'What was loaded'),
          ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await loadDemoData(request.db, request.userId, request.body)),
  );

  app.delete(
    '/demo/',
    {
      config: { cost: COSTS.bulkWrite },
      schema: {
        ...tags,
        operationId: 'removeDemoData',
        summary: 'Take the demo data out again',
        description:
          'What you entered yourself stays, and so do the demo categories your own transactions use.',
        response: {
          200: success(removedDataResource, 'What was removed'),
          ...errorResponses(401, 403, 429, 503),
        },
      },
    },
    async (request) => removeDemoData(request.db, request.userId),
  );
};
