import {
  getAnomalies,
  getCategoryBreakdown,
  getIncomeVsExpense,
  getMonthlySummary,
  summarizeMonth,
} from '@finsight/core';
import type { FastifyInstance } from 'fastify';
import { parseQuery } from './request-helpers';
import { monthQuery } from './schemas';
import { summaryJson, toSnakeCase } from './serializers';

/** Read-only insight endpoints; each takes `?month=YYYY-MM` (default: the current month). */
export async function insightRoutes(app: FastifyInstance) {
  const month = (query: unknown) => parseQuery(monthQuery, query).month;

  app.get('/summary/', async (request) =>
    summaryJson(await getMonthlySummary(app.db, request.userId, { month: month(request.query) })),
  );
  app.get('/income-vs-expense/', async (request) =>
    toSnakeCase(await getIncomeVsExpense(app.db, request.userId, month(request.query))),
  );
  app.get('/breakdown/', async (request) =>
    toSnakeCase(await getCategoryBreakdown(app.db, request.userId, month(request.query))),
  );
  app.get('/anomalies/', async (request) =>
    toSnakeCase(await getAnomalies(app.db, request.userId, month(request.query))),
  );
  app.get('/narrative/', async (request) =>
    toSnakeCase(await summarizeMonth(app.db, request.userId, month(request.query))),
  );
}
