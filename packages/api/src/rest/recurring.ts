import { listRecurring, updateRecurring } from '@finsight/core';
import type { RecurringSeries } from '@finsight/core/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { COSTS } from '../fairness/costs';
import { recurringListQuery, recurringPatchBody } from './planning-bodies';
import { recurringResource } from './planning-resources';
import { errorResponses, success } from './responses';
import { idParams } from './schemas';
import { PROTECTED } from './security';

const tags = { ...PROTECTED, tags: ['recurring'] };

const seriesJson = (series: RecurringSeries): z.output<typeof recurringResource> => ({
  id: series.id,
  payee: series.payee,
  category: series.categoryId,
  category_name: series.category,
  type: series.type,
  cadence: series.cadence,
  amount: series.amount,
  amount_min: series.amountMin,
  amount_max: series.amountMax,
  last_date: series.lastDate,
  next_expected: series.nextExpected,
  confidence: series.confidence,
  occurrences: series.occurrences,
  status: series.status,
  edited: series.edited,
});

export const recurringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/recurring/',
    {
      // Detection reads up to fifteen months of history when the books changed since the last one.
      config: { cost: COSTS.analysis },
      schema: {
        ...tags,
        operationId: 'listRecurringPayments',
        summary: 'Your recurring payments, soonest first',
        description:
          'Rent, salary, subscriptions, insurance and other series found in your history: weekly, every two ' +
          'weeks, monthly, quarterly or yearly, with amounts that may drift and dates that move with weekends. ' +
          'Dismissed series are left out unless `include_dismissed=true`, and stay dismissed.',
        querystring: recurringListQuery,
        response: {
          200: success(recurringResource.array(), 'The series found'),
          ...errorResponses(400, 401, 429, 503),
        },
      },
    },
    // On the primary: the detection it keeps must be made from the latest history, not a replica's.
    async (request) =>
      (
        await listRecurring(app.db, request.userId, { includeDismissed: request.query.include_dismissed })
      ).map(seriesJson),
  );

  app.patch(
    '/recurring/:id/',
    {
      schema: {
        ...tags,
        operationId: 'partialUpdateRecurringPayment',
        summary: 'Confirm, dismiss or edit a recurring payment',
        description:
          '`status`: `CONFIRMED`, `DISMISSED` (it stays dismissed whenever it is found again) or `DETECTED`. ' +
          '`payee`, `cadence` and `amount` set your own values; `null` goes back to what was detected.',
        params: idParams,
        body: recurringPatchBody,
        response: {
          200: success(recurringResource, 'The series as it is now'),
          ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
    },
    async (request) =>
      seriesJson(
        await updateRecurring(request.db, request.userId, { id: request.params.id, ...request.body }),
      ),
  );
};
