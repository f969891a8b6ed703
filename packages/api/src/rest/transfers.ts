import { createTransfer } from '@finsight/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { restCreateOnce } from '../idempotency';
import { transferBody } from './finance-bodies';
import { transferResource } from './finance-resources';
import { errorResponses, success } from './responses';
import { PROTECTED } from './security';
import { transactionJson } from './serializers';

export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/transfers/',
    {
      schema: {
        ...PROTECTED,
        tags: ['transactions'],
        operationId: 'createTransfer',
        summary: 'Move money between two of your accounts',
        description:
          'Creates both sides, linked: an expense in `from_account` and an income in `to_account`, without a ' +
          'category. Neither counts as income or spending in summaries and insights. Deleting either side ' +
          'deletes both; a new amount or date on one side reaches the other.',
        body: transferBody,
        response: {
          201: success(transferResource, 'The two sides'),
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { from_account, to_account, ...fields } = request.body;
      const transfer = await restCreateOnce(request.db, request, reply, (db) =>
        createTransfer(db, request.userId, {
          ...fields,
          fromAccountId: from_account,
          toAccountId: to_account,
        }),
      );
      return reply
        .status(201)
        .send({ from: transactionJson(transfer.from), to: transactionJson(transfer.to) });
    },
  );
};
