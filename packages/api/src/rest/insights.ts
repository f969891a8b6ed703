import {
  getAnomalies,
  getCategoryBreakdown,
  getIncomeVsExpense,
  getMonthlySummary,
  summarizeMonth,
} from '@finsight/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { COSTS } from '../fairness/costs';
import {
  anomaliesResource,
  breakdownResource,
  incomeVsExpenseResource,
  narrativeResource,
  summaryResource,
} from './resources';
import { errorResponses, success } from './responses';
import { monthQuery } from './schemas';
import { PROTECTED } from './security';
import { summaryJson, toSnakeCase } from './serializers';

const tags = { ...PROTECTED, tags: ['insights'] };
const errors = errorResponses(400, 401, 429, 503);

/** Read-only insight endpoints; each takes `?month=YYYY-MM` (default: the current month). */
export const insightRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/summary/',
    {
      schema: {
        ...tags,
        operationId: 'getMonthlySummary',
        summary: 'The stored monthly summary',
        description: 'Kept exact by the database with every write; zeros for a month without transactions.',
        querystring: monthQuery,
        response: { 200: success(summaryResource, 'The month’s totals'), ...errors },
      },
    },
    async (request) => summaryJson(await getMonthlySummary(request.db, request.userId, request.query)),
  );

  app.get(
    '/income-vs-expense/',
    {
      schema: {
        ...tags,
        operationId: 'getIncomeVsExpense',
        summary: 'Income against expense, and the savings rate',
        querystring: monthQuery,
        response: { 200: success(incomeVsExpenseResource, 'Income, expense and savings'), ...errors },
      },
    },
    async (request) => toSnakeCase(await getIncomeVsExpense(request.db, request.userId, request.query.month)),
  );

  app.get(
    '/breakdown/',
    {
      config: { cost: COSTS.aggregate },
      schema: {
        ...tags,
        operationId: 'getCategoryBreakdown',
        summary: 'Expenses per category, largest first, with shares',
        querystring: monthQuery,
        response: { 200: success(breakdownResource, 'Where the month’s money went'), ...errors },
      },
    },
    async (request) =>
      toSnakeCase(await getCategoryBreakdown(request.db, request.userId, request.query.month)),
  );

  app.get(
    '/anomalies/',
    {
      config: { cost: COSTS.analysis },
      schema: {
        ...tags,
        operationId: 'getAnomalies',
        summary: 'Unusual spending compared with your own history',
        description:
          'A category far above its usual level, a single unusually large expense, or a large spend in a new ' +
          'category, each with what was usual (the median of the previous 12 months) and a one-line reason.',
        querystring: monthQuery,
        response: { 200: success(anomaliesResource, 'The month’s anomalies'), ...errors },
      },
    },
    async (request) => toSnakeCase(await getAnomalies(request.db, request.userId, request.query.month)),
  );

  app.get(
    '/narrative/',
    {
      config: { cost: COSTS.analysis },
      schema: {
        ...tags,
        operationId: 'getMonthNarrative',
        summary: 'The month in a few plain sentences',
        description:
          'Every number in `text` is one of the fields beside it, so a client can check or restyle it.',
        querystring: monthQuery,
        response: { 200: success(narrativeResource, 'The month, told'), ...errors },
      },
    },
    async (request) => toSnakeCase(await summarizeMonth(request.db, request.userId, request.query.month)),
  );
};
