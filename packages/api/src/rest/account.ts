import { Readable } from 'node:stream';
import { exportAccount, getProfile, resetAccountData, todayIn, updateProfile } from '@finsight/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthFlows } from '../auth/auth-flows';
import { COSTS } from '../fairness/costs';
import { passwordBody, passwordChangeBody, profilePatchBody } from './account-bodies';
import { profileResource, removedDataResource } from './account-resources';
import { clientOf } from './auth';
import { accountResource } from './finance-resources';
import { categoryResource, tokenPairResource, transactionResource } from './resources';
import { errorResponses, noContent, success } from './responses';
import { PROTECTED } from './security';
import { categoryJson, profileJson, toSnakeCase, transactionJsonText } from './serializers';

const tags = { ...PROTECTED, tags: ['account'] };
/** Managing the account takes a login session: a personal API token cannot. */
const SESSION_ONLY = { sessionOnly: true };

const exportResource = z
  .object({
    format: z.literal('finsight-export'),
    version: z.literal(1),
    exported_at: z.string(),
    profile: profileResource,
    transactions: z.array(transactionResource),
    categories: z.array(categoryResource),
    accounts: z.array(accountResource),
  })
  .meta({
    id: 'AccountExport',
    description: 'Everything in the account, as one JSON document',
    examples: [
      {
        format: 'finsight-export',
        version: 1,
        exported_at: '2026-12-01T09:30:00.000Z',
        profile: {
          id: 1,
          username: 'jane',
          email: 'jane@example.com',
          currency: 'EUR',
          time_zone: 'Europe/Berlin',
          locale: 'de-DE',
          two_factor_enabled: false,
          created_at: '2026-11-24T09:30:00.123456Z',
        },
        transactions: [
          {
            id: 42,
            category: 1,
            type: 'EXPENSE',
            amount: '12.50',
            date: '2026-11-24',
            note: 'Lunch',
            created_at: '2026-11-24T09:30:00.123456Z',
            account: 1,
            payee: 'Corner Café',
            transfer: null,
          },
        ],
        categories: [{ id: 1, name: 'Groceries', kind: 'EXPENSE' }],
        accounts: [
          {
            id: 1,
            name: 'Main account',
            kind: 'CHECKING',
            opening_balance: '0.00',
            opening_date: null,
            archived: false,
            is_default: true,
            balance: '-12.50',
            transaction_count: 1,
            created_at: '2026-11-01T08:00:00.000000Z',
            updated_at: '2026-11-01T08:00:00.000000Z',
          },
        ],
      },
    ],
  });

/** The streamed export: the profile, then the transactions batch by batch, then the categories. */
async function* exportDocument(data: Awaited<ReturnType<typeof exportAccount>>): AsyncGenerator<string> {
  const head = {
    format: 'finsight-export',
    version: 1,
    exported_at: new Date().toISOString(),
    profile: profileJson(data.profile),
  };
  yield `${JSON.stringify(head).slice(0, -1)},"transactions":[`;
  let first = true;
  for await (const batch of data.transactions()) {
    let text = '';
    for (const row of batch) text += text ? `,${transactionJsonText(row)}` : transactionJsonText(row);
    yield first ? text : `,${text}`;
    first = false;
  }
  yield `],"categories":${JSON.stringify((await data.categories()).map(categoryJson))},"accounts":${JSON.stringify(toSnakeCase(await data.accounts()))}}\n`;
}

/** The signed-in user's account: profile, password, export, reset and deletion. */
export const accountRoutes: FastifyPluginAsyncZod<{ flows: AuthFlows }> = async (app, { flows }) => {
  app.get(
    '/me/',
    {
      schema: {
        ...tags,
        operationId: 'getProfile',
        summary: 'Your profile',
        response: { 200: success(profileResource, 'Your profile'), ...errorResponses(401, 429, 503) },
      },
    },
    async (request) => profileJson(await getProfile(request.db, request.userId)),
  );

  app.patch(
    '/me/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'updateProfile',
        summary: 'Change your username, currency or time zone',
        description: 'Only the fields sent change. The time zone decides which month "this month" is.',
        body: profilePatchBody,
        response: {
          200: success(profileResource, 'Your profile as it is now'),
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const { username, currency, time_zone, locale } = request.body;
      return profileJson(
        await updateProfile(request.db, request.userId, {
          username,
          preferredCurrency: currency,
          timeZone: time_zone,
          locale,
        }),
      );
    },
  );

  app.delete(
    '/me/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'deleteAccount',
        summary: 'Delete your account and all its data',
        description:
          'Takes the password. Cannot be undone: export your data first. Every token stops working.',
        body: passwordBody,
        response: { 204: noContent, ...errorResponses(400, 401, 403, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      await flows.deleteAccount(request.principal, request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/me/export/',
    {
      config: { cost: COSTS.export },
      schema: {
        ...tags,
        operationId: 'exportAccount',
        summary: 'Download everything in your account as JSON',
        description:
          'Streamed: the profile, every transaction (newest first, in the shape of the transaction endpoints) and ' +
          'every category. Memory stays flat whatever the size.',
        response: { 200: success(exportResource, 'The whole account'), ...errorResponses(401, 429, 503) },
      },
    },
    async (request, reply) => {
      const data = await exportAccount(request.db, request.userId);
      const day = todayIn(data.profile.timeZone);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="finsight-export-${day}.json"`)
        .send(Readable.from(exportDocument(data), { highWaterMark: 1 }) as never);
    },
  );

  app.post(
    '/me/reset/',
    {
      config: { ...SESSION_ONLY, cost: COSTS.bulkWrite },
      schema: {
        ...tags,
        operationId: 'resetAccountData',
        summary: 'Empty your account, keeping the login',
        description:
          'Every transaction and category goes; the login, its settings and sessions stay. Takes the password.',
        body: passwordBody,
        response: {
          200: success(removedDataResource, 'What was removed'),
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request) => resetAccountData(request.db, request.userId, request.body),
  );

  app.post(
    '/password/change/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'changePassword',
        summary: 'Change your password',
        description:
          'The same rules as at registration. Every other session ends; the answer is a token pair for a fresh ' +
          'session in place of this one.',
        body: passwordChangeBody,
        response: {
          200: success(tokenPairResource, 'A token pair for this client'),
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request) =>
      flows.changePassword(
        request.principal,
        { oldPassword: request.body.old_password, newPassword: request.body.new_password },
        clientOf(request),
      ),
  );

  app.post(
    '/logout/all/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'logoutAll',
        summary: 'End every session, this one included',
        response: { 204: noContent, ...errorResponses(401, 403, 429, 503) },
      },
    },
    async (request, reply) => {
      await flows.logoutEverywhere(request.principal);
      return reply.status(204).send();
    },
  );
};
