import {
  createBudget,
  deleteBudget,
  getBudget,
  getBudgetStatus,
  listBudgets,
  updateBudget,
} from '@finsight/core';
import type { Budget, BudgetStatus } from '@finsight/core/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { restCreateOnce } from '../idempotency';
import { budgetBody, budgetPatchBody, budgetPutBody, monthOnlyQuery } from './planning-bodies';
import { budgetResource, budgetStatusResource } from './planning-resources';
import { errorResponses, noContent, success } from './responses';
import { idParams } from './schemas';
import { PROTECTED } from './security';

const tags = { ...PROTECTED, tags: ['budgets'] };

const budgetJson = (budget: Budget): z.output<typeof budgetResource> => ({
  id: budget.id,
  category: budget.categoryId,
  category_name: budget.category,
  amount: budget.amount,
  start_month: budget.startMonth,
  rollover: budget.rollover,
  changes: budget.changes,
  created_at: budget.createdAt,
  updated_at: budget.updatedAt,
});

const statusJson = (status: BudgetStatus): z.output<typeof budgetStatusResource> => ({
  month: status.month,
  budgets: status.budgets.map((line) => ({
    budget: line.budget,
    category: line.categoryId,
    category_name: line.category,
    limit: line.limit,
    carried_in: line.carriedIn,
    spent: line.spent,
    remaining: line.remaining,
    percent: line.percent,
    status: line.status,
    rollover: line.rollover,
  })),
  totals: {
    limit: status.totals.limit,
    carried_in: status.totals.carriedIn,
    spent: status.totals.spent,
    remaining: status.totals.remaining,
    percent: status.totals.percent,
  },
  unbudgeted: status.unbudgeted,
});

const DESCRIPTION =
  'A budget is a monthly limit for one category, repeating every month from `start_month`. A new `amount` ' +
  'applies from `effective_month` on; earlier months keep the limit they had. With `rollover`, what is left ' +
  'over (or overspent) carries into the next month. Passing 80 % and 100 % of a month’s limit raises an ' +
  'alert, once per month.';

export const budgetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/budgets/',
    {
      schema: {
        ...tags,
        operationId: 'listBudgets',
        summary: 'List your budgets',
        description: DESCRIPTION,
        response: {
          200: success(budgetResource.array(), 'Every budget of yours'),
          ...errorResponses(401, 429, 503),
        },
      },
    },
    async (request) => (await listBudgets(request.db, request.userId)).map(budgetJson),
  );

  app.get(
    '/budgets/status/',
    {
      schema: {
        ...tags,
        operationId: 'getBudgetStatus',
        summary: 'Where each budget stands in a month',
        description:
          'Per budget: the limit, what carried in, what was spent, what remains, the percentage and a status ' +
          '(`ok`, `warning` from 80 %, `over` past 100 %); the totals; and the spending no budget covers.',
        querystring: monthOnlyQuery,
        response: {
          200: success(budgetStatusResource, 'The month’s budgets'),
          ...errorResponses(400, 401, 429, 503),
        },
      },
    },
    async (request) => statusJson(await getBudgetStatus(request.db, request.userId, request.query)),
  );

  app.post(
    '/budgets/',
    {
      schema: {
        ...tags,
        operationId: 'createBudget',
        summary: 'Create a budget for a category',
        description: DESCRIPTION,
        body: budgetBody,
        response: {
          201: success(budgetResource, 'The new budget'),
          ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { category, start_month, ...rest } = request.body;
      const budget = await restCreateOnce(request.db, request, reply, (db) =>
        createBudget(db, request.userId, { ...rest, categoryId: category, startMonth: start_month }),
      );
      return reply.status(201).send(budgetJson(budget));
    },
  );

  app.get(
    '/budgets/:id/',
    {
      schema: {
        ...tags,
        operationId: 'getBudget',
        summary: 'Get a budget',
        params: idParams,
        response: { 200: success(budgetResource, 'The budget'), ...errorResponses(401, 404, 429, 503) },
      },
    },
    async (request) => budgetJson(await getBudget(request.db, request.userId, request.params)),
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/budgets/:id/',
      {
        schema: {
          ...tags,
          operationId: method === 'put' ? 'updateBudget' : 'partialUpdateBudget',
          summary: method === 'put' ? 'Replace a budget' : 'Change part of a budget',
          description: DESCRIPTION,
          params: idParams,
          body: method === 'put' ? budgetPutBody : budgetPatchBody,
          response: {
            200: success(budgetResource, 'The budget as it is now'),
            ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
          },
        },
      },
      async (request) => {
        const { category, effective_month, start_month, ...rest } = request.body;
        const budget = await updateBudget(request.db, request.userId, {
          ...rest,
          id: request.params.id,
          categoryId: category,
          effectiveMonth: effective_month,
          startMonth: start_month,
        });
        return budgetJson(budget);
      },
    );
  }

  app.delete(
    '/budgets/:id/',
    {
      schema: {
        ...tags,
        operationId: 'deleteBudget',
        summary: 'Delete a budget',
        description: 'Its alerts stay in your list.',
        params: idParams,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      await deleteBudget(request.db, request.userId, request.params);
      return reply.status(204).send();
    },
  );
};
