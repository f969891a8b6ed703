import {
  applyRule,
  createRule,
  deleteRule,
  getRule,
  listRules,
  replaceRule,
  updateRule,
} from '@finsight/core';
import type { Rule } from '@finsight/core/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COSTS } from '../fairness/costs';
import { restCreateOnce } from '../idempotency';
import { ruleApplyBody, ruleBody, rulePatchBody } from './finance-bodies';
import { ruleApplicationResource, ruleResource } from './finance-resources';
import { errorResponses, noContent, success } from './responses';
import { idParams } from './schemas';
import { PROTECTED } from './security';

const tags = { ...PROTECTED, tags: ['rules'] };

const ruleJson = (rule: Rule): z.output<typeof ruleResource> => ({
  id: rule.id,
  name: rule.name,
  position: rule.position,
  conditions: rule.conditions,
  ...(rule.amountMin !== undefined && { amount_min: rule.amountMin }),
  ...(rule.amountMax !== undefined && { amount_max: rule.amountMax }),
  ...(rule.type !== undefined && { type: rule.type }),
  ...(rule.accountId !== undefined && { account: rule.accountId }),
  actions: {
    ...(rule.actions.categoryId !== undefined && { category: rule.actions.categoryId }),
    ...(rule.actions.renamePayee !== undefined && { rename_payee: rule.actions.renamePayee }),
    ...(rule.actions.appendNote !== undefined && { append_note: rule.actions.appendNote }),
  },
  created_at: rule.createdAt,
  updated_at: rule.updatedAt,
});

/** A rule body in the core service's names; fields left out stay out. */
function ruleInput(body: z.output<typeof rulePatchBody>) {
  const { amount_min, amount_max, account, actions, ...rest } = body;
  return {
    ...rest,
    amountMin: amount_min,
    amountMax: amount_max,
    accountId: account,
    actions:
      actions === undefined
        ? undefined
        : {
            categoryId: actions.category,
            renamePayee: actions.rename_payee,
            appendNote: actions.append_note,
          },
  };
}

const DESCRIPTION =
  'A rule changes the transactions that match all its conditions: payee or note `contains`, `equals` or ' +
  '`matches` a pattern (`*` any run of characters, `?` one character; ignoring case), an amount range, a ' +
  'type, an account. Its actions set a category, rename the payee (`AMZN MKTP US*2K3` → `Amazon`) or add to ' +
  'the note. Rules run in `position` order on every import; run one over your existing transactions with ' +
  '`POST /api/finance/rules/{id}/apply/`.';

export const ruleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/rules/',
    {
      schema: {
        ...tags,
        operationId: 'listRules',
        summary: 'List your rules in the order they run',
        description: DESCRIPTION,
        response: {
          200: success(z.array(ruleResource), 'Every rule of yours'),
          ...errorResponses(401, 429, 503),
        },
      },
    },
    async (request) => (await listRules(request.db, request.userId)).map(ruleJson),
  );

  app.post(
    '/rules/',
    {
      schema: {
        ...tags,
        operationId: 'createRule',
        summary: 'Create a rule',
        description: DESCRIPTION,
        body: ruleBody,
        response: {
          201: success(ruleResource, 'The new rule'),
          ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { actions, ...input } = ruleInput(request.body);
      const rule = await restCreateOnce(request.db, request, reply, (db) =>
        createRule(db, request.userId, { ...input, name: request.body.name, actions: actions ?? {} }),
      );
      return reply.status(201).send(ruleJson(rule));
    },
  );

  app.get(
    '/rules/:id/',
    {
      schema: {
        ...tags,
        operationId: 'getRule',
        summary: 'Get a rule',
        params: idParams,
        response: { 200: success(ruleResource, 'The rule'), ...errorResponses(401, 404, 429, 503) },
      },
    },
    async (request) => ruleJson(await getRule(request.db, request.userId, request.params)),
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/rules/:id/',
      {
        schema: {
          ...tags,
          operationId: method === 'put' ? 'updateRule' : 'partialUpdateRule',
          summary: method === 'put' ? 'Replace a rule' : 'Change part of a rule',
          description: '`conditions` and `actions` are replaced whole when given.',
          params: idParams,
          body: method === 'put' ? ruleBody : rulePatchBody,
          response: {
            200: success(ruleResource, 'The rule as it is now'),
            ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
          },
        },
      },
      async (request) => {
        const { actions, ...input } = ruleInput(request.body);
        const id = request.params.id;
        if (method === 'patch')
          return ruleJson(await updateRule(request.db, request.userId, { id, ...input, actions }));
        // PUT replaces the whole rule: what the body leaves out is gone.
        const name = request.body.name ?? '';
        return ruleJson(
          await replaceRule(request.db, request.userId, { id, ...input, name, actions: actions ?? {} }),
        );
      },
    );
  }

  app.delete(
    '/rules/:id/',
    {
      schema: {
        ...tags,
        operationId: 'deleteRule',
        summary: 'Delete a rule',
        description: 'The transactions it changed stay as they are.',
        params: idParams,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      await deleteRule(request.db, request.userId, request.params);
      return reply.status(204).send();
    },
  );

  app.post(
    '/rules/:id/apply/',
    {
      config: { cost: COSTS.bulkImport },
      schema: {
        ...tags,
        operationId: 'applyRule',
        summary: 'Run a rule over your existing transactions',
        description:
          'With `dry_run: true`, counts the transactions it matches and would change, and changes nothing. ' +
          'Transfers are left alone.',
        params: idParams,
        body: ruleApplyBody,
        response: {
          200: success(ruleApplicationResource, 'What the rule matched and changed'),
          ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const result = await applyRule(request.db, request.userId, {
        id: request.params.id,
        dryRun: request.body.dry_run,
      });
      return { matched: result.matched, changed: result.changed, dry_run: result.dryRun };
    },
  );
};
