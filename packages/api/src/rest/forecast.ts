import { getForecast } from '@finsight/core';
import type { Forecast, ForecastPart } from '@finsight/core/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { COSTS } from '../fairness/costs';
import { monthOnlyQuery } from './planning-bodies';
import { forecastResource } from './planning-resources';
import { errorResponses, success } from './responses';
import { PROTECTED } from './security';

const partJson = (part: ForecastPart) => ({
  booked: part.booked,
  recurring_due: part.recurringDue,
  variable: part.variable,
  expected: part.expected,
  low: part.low,
  high: part.high,
});

const forecastJson = (forecast: Forecast): z.output<typeof forecastResource> => ({
  month: forecast.month,
  as_of: forecast.asOf,
  days_left: forecast.daysLeft,
  income: partJson(forecast.income),
  expense: partJson(forecast.expense),
  safe_to_spend_per_day: forecast.safeToSpendPerDay,
  due: forecast.due.map((due) => ({
    payee: due.payee,
    category: due.categoryId,
    type: due.type,
    date: due.date,
    amount: due.amount,
  })),
});

export const forecastRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/forecast/',
    {
      config: { cost: COSTS.analysis },
      schema: {
        ...PROTECTED,
        tags: ['insights'],
        operationId: 'getForecast',
        summary: 'Expected income and expense at the month’s end, and what is safe to spend per day',
        description:
          'Each figure is what is already booked, plus the recurring payments still due, plus the typical ' +
          'variable spending per category for the days left, with a range. The current month when `month` is ' +
          'omitted; an earlier month gives what it ended at; a later one is refused.',
        querystring: monthOnlyQuery,
        response: { 200: success(forecastResource, 'The forecast'), ...errorResponses(400, 401, 429, 503) },
      },
    },
    async (request) => forecastJson(await getForecast(request.db, request.userId, request.query)),
  );
};
