import { listAlerts, markAlert, markAllAlertsRead } from '@finsight/core';
import type { Alert } from '@finsight/core/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { PageLinks } from './page-links';
import { alertListQuery, alertPatchBody } from './planning-bodies';
import { alertPage, alertResource, readAllResource } from './planning-resources';
import { errorResponses, success } from './responses';
import { idParams } from './schemas';
import { PROTECTED } from './security';

const tags = { ...PROTECTED, tags: ['alerts'] };

const alertJson = (alert: Alert): z.output<typeof alertResource> => ({
  id: alert.id,
  kind: alert.kind,
  message: alert.message,
  link: alert.link,
  data: alert.data,
  read: alert.readAt !== null,
  created_at: alert.createdAt,
  read_at: alert.readAt,
});

const DESCRIPTION =
  'Alerts tell you about your money before the month is over: a budget passing 80 % or 100 % of its limit ' +
  '(`BUDGET_WARNING`, `BUDGET_OVER`), a new anomaly this month (`ANOMALY`), a recurring payment that changed ' +
  'price (`RECURRING_PRICE`) or did not arrive (`RECURRING_MISSED`). Each event is reported exactly once.';

export const alertRoutes: FastifyPluginAsyncZod<{ pageLinks: PageLinks }> = async (app, { pageLinks }) => {
  app.get(
    '/alerts/',
    {
      schema: {
        ...tags,
        operationId: 'listAlerts',
        summary: 'List your alerts, newest first',
        description: `${DESCRIPTION} A page: \`{count, unread, next, previous, results}\`.`,
        querystring: alertListQuery,
        response: { 200: success(alertPage, 'One page of alerts'), ...errorResponses(400, 401, 429, 503) },
      },
    },
    async (request) => {
      const { unread, limit = 50, offset = 0 } = request.query;
      const page = await listAlerts(request.db, request.userId, { unread, limit, offset });
      return {
        count: page.count,
        unread: page.unread,
        next: offset + limit < page.count ? pageLinks(request.url, { offset: offset + limit }) : null,
        previous: offset > 0 ? pageLinks(request.url, { offset: Math.max(0, offset - limit) }) : null,
        results: page.results.map(alertJson),
      };
    },
  );

  app.patch(
    '/alerts/:id/',
    {
      schema: {
        ...tags,
        operationId: 'partialUpdateAlert',
        summary: 'Mark an alert read or unread',
        params: idParams,
        body: alertPatchBody,
        response: {
          200: success(alertResource, 'The alert'),
          ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
    },
    async (request) =>
      alertJson(
        await markAlert(request.db, request.userId, { id: request.params.id, read: request.body.read }),
      ),
  );

  app.post(
    '/alerts/read-all/',
    {
      schema: {
        ...tags,
        operationId: 'markAllAlertsRead',
        summary: 'Mark every alert read',
        response: {
          200: success(readAllResource, 'How many alerts were unread'),
          ...errorResponses(401, 403, 429, 503),
        },
      },
    },
    async (request) => markAllAlertsRead(request.db, request.userId),
  );
};
