import {
  createAccount,
  deleteAccount,
  getAccount,
  getBalances,
  listAccounts,
  updateAccount,
} from '@finsight/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { restCreateOnce } from '../idempotency';
import { accountBody, accountPatchBody, accountPutBody, balancesQuery } from './finance-bodies';
import { accountResource, balancesResource } from './finance-resources';
import { errorResponses, noContent, success } from './responses';
import { idParams } from './schemas';
import { PROTECTED } from './security';
import { toSnakeCase } from './serializers';

const tags = { ...PROTECTED, tags: ['accounts'] };

const accountInput = (body: z.output<typeof accountPatchBody>) => ({
  name: body.name,
  kind: body.kind,
  openingBalance: body.opening_balance,
  openingDate: body.opening_date,
  archived: body.archived,
  isDefault: body.is_default,
});

export const financeAccountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/accounts/',
    {
      schema: {
        ...tags,
        operationId: 'listAccounts',
        summary: 'List your accounts with their balances',
        description:
          'Open accounts first, then by name. With `date`, each balance is at the end of that day.',
        querystring: balancesQuery,
        response: {
          200: success(z.array(accountResource), 'Every account of yours'),
          ...errorResponses(400, 401, 429, 503),
        },
      },
    },
    async (request) => toSnakeCase(await listAccounts(request.db, request.userId, request.query)),
  );

  app.get(
    '/accounts/balances/',
    {
      schema: {
        ...tags,
        operationId: 'getBalances',
        summary: 'Every account’s balance and the total',
        description: 'Now, or at the end of `date`. The total leaves archived accounts out.',
        querystring: balancesQuery,
        response: { 200: success(balancesResource, 'The balances'), ...errorResponses(400, 401, 429, 503) },
      },
    },
    async (request) => toSnakeCase(await getBalances(request.db, request.userId, request.query)),
  );

  app.post(
    '/accounts/',
    {
      schema: {
        ...tags,
        operationId: 'createAccount',
        summary: 'Open an account',
        description:
          'Names are unique per user, ignoring case. A credit card usually opens with a negative balance.',
        body: accountBody,
        response: {
          201: success(accountResource, 'The new account'),
          ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { name, kind, opening_balance, opening_date, archived } = request.body;
      const created = await restCreateOnce(request.db, request, reply, (db) =>
        createAccount(db, request.userId, {
          name,
          kind,
          openingBalance: opening_balance,
          openingDate: opening_date,
          archived,
        }),
      );
      return reply.status(201).send(toSnakeCase(created));
    },
  );

  app.get(
    '/accounts/:id/',
    {
      schema: {
        ...tags,
        operationId: 'getAccount',
        summary: 'Get an account and its balance',
        params: idParams,
        response: { 200: success(accountResource, 'The account'), ...errorResponses(401, 404, 429, 503) },
      },
    },
    async (request) => toSnakeCase(await getAccount(request.db, request.userId, request.params)),
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/accounts/:id/',
      {
        schema: {
          ...tags,
          operationId: method === 'put' ? 'updateAccount' : 'partialUpdateAccount',
          summary: method === 'put' ? 'Replace an account’s details' : 'Change some of an account’s details',
          description:
            '`is_default: true` makes it the account that takes transactions naming none. The default account ' +
            'cannot be archived.',
          params: idParams,
          body: method === 'put' ? accountPutBody : accountPatchBody,
          response: {
            200: success(accountResource, 'The account as it is now'),
            ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429, 503),
          },
        },
      },
      async (request) =>
        toSnakeCase(
          await updateAccount(request.db, request.userId, {
            id: request.params.id,
            ...accountInput(request.body),
          }),
        ),
    );
  }

  app.delete(
    '/accounts/:id/',
    {
      schema: {
        ...tags,
        // `deleteAccount` is closing your finsight login (DELETE /api/auth/me/).
        operationId: 'deleteFinanceAccount',
        summary: 'Delete an account without transactions',
        description:
          'An account with history is archived instead (PATCH `archived: true`); the default stays.',
        params: idParams,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      await deleteAccount(request.db, request.userId, request.params);
      return reply.status(204).send();
    },
  );
};
