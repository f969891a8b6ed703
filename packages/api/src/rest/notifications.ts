import {
  getNotificationSettings,
  listDeliveries,
  rotateWebhookSecret,
  updateNotificationSettings,
} from '@finsight/core';
import {
  type AlertDelivery,
  type ChangedNotificationSettings,
  DELIVERIES_DEFAULT_LIMIT,
  DELIVERIES_MAX_LIMIT,
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  updateNotificationSettingsInput,
} from '@finsight/core/schemas';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PageLinks } from './page-links';
import { errorResponses, success } from './responses';
import { PROTECTED } from './security';
import { verbatim } from './wire-strings';

const tags = { ...PROTECTED, tags: ['notifications'] };

const timestamp = verbatim(
  z.string().meta({ description: 'ISO 8601, UTC', examples: ['2026-12-02T09:30:00.123456Z'] }),
);
const nullableTimestamp = z
  .string()
  .nullable()
  .meta({ description: 'ISO 8601, UTC, or null', examples: ['2026-12-02T09:30:00.123456Z'] });

const settingsExample = {
  email_digest: true,
  webhook_url: 'https://hooks.example.com/finsight',
  webhook_secret_set: true,
  webhook_since: '2026-12-01T08:00:00.000000Z',
  last_digest_at: '2026-12-02T07:59:00.000000Z',
};

export const notificationSettingsResource = z
  .object({
    email_digest: z
      .boolean()
      .meta({ description: 'A daily email with the alerts of the day, when there were any' }),
    webhook_url: z.string().nullable().meta({ description: 'Where each new alert is POSTed; null when off' }),
    webhook_secret_set: z.boolean().meta({ description: 'Whether the webhook has a signing secret' }),
    webhook_since: nullableTimestamp.meta({
      description: 'Alerts created from this moment on go to the webhook',
    }),
    last_digest_at: nullableTimestamp.meta({
      description: 'The end of what the last digest covered (or when the digest was turned on)',
    }),
    webhook_secret: z
      .string()
      .optional()
      .meta({
        description:
          'Only in the answer that made it (a new webhook URL, or a rotation): the key to check signatures with. ' +
          'It is never shown again.',
      }),
  })
  .meta({
    id: 'NotificationSettings',
    examples: [
      settingsExample,
      { ...settingsExample, webhook_secret: 'whsec_3q2-7wEjNd0Ff3k0mZb1H9cQx4rTgUeVvWyXzA5B6C8' },
    ],
  });

const deliveryExample = {
  id: 31,
  alert: 118,
  channel: 'WEBHOOK',
  status: 'PENDING',
  target: 'https://hooks.example.com/finsight',
  attempts: 1,
  response_status: 500,
  error: 'HTTP 500: Internal Server Error',
  created_at: '2026-12-02T09:30:00.123456Z',
  last_attempt_at: '2026-12-02T09:30:01.201000Z',
  next_attempt_at: '2026-12-02T09:30:31.201000Z',
  delivered_at: null,
};

export const deliveryResource = z
  .object({
    id: z.number().int(),
    alert: z.number().int().nullable().meta({ description: 'The alert sent; null for a digest mail' }),
    channel: verbatim(z.enum(DELIVERY_CHANNELS)),
    status: verbatim(z.enum(DELIVERY_STATUSES)),
    target: z.string().meta({ description: 'The webhook URL or the email address' }),
    attempts: z.number().int(),
    response_status: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The receiver’s HTTP status, last attempt' }),
    error: z.string().nullable().meta({ description: 'Why the last attempt failed' }),
    created_at: timestamp,
    last_attempt_at: nullableTimestamp,
    next_attempt_at: nullableTimestamp.meta({ description: 'When it is tried again; null once done' }),
    delivered_at: nullableTimestamp,
  })
  .meta({ id: 'AlertDelivery', examples: [deliveryExample] });

export const deliveryPage = z
  .object({
    count: z.number().int().meta({ description: 'All your deliveries' }),
    next: z.string().nullable().meta({ description: 'The next page, or null on the last one' }),
    previous: z.string().nullable().meta({ description: 'The previous page, or null on the first one' }),
    results: z.array(deliveryResource),
  })
  .meta({
    id: 'AlertDeliveryPage',
    examples: [
      {
        count: 42,
        next: '/api/finance/notifications/deliveries/?limit=20&offset=20',
        previous: null,
        results: [deliveryExample],
      },
    ],
  });

const settings = updateNotificationSettingsInput.shape;
export const notificationSettingsBody = z
  .strictObject({ email_digest: settings.emailDigest, webhook_url: settings.webhookUrl })
  .meta({ examples: [{ email_digest: true, webhook_url: 'https://hooks.example.com/finsight' }] });

/** A whole number written in a URL, documented as an integer. */
const integerText = (minimum: number, maximum: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, { error: 'A valid integer is required.' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(minimum, { error: `Ensure this value is greater than or equal to ${minimum}.` })
        .max(maximum, { error: `Ensure this value is less than or equal to ${maximum}.` }),
    )
    .meta({ type: 'integer', minimum, maximum });

export const deliveriesQuery = z.object({
  limit: integerText(1, DELIVERIES_MAX_LIMIT)
    .optional()
    .meta({ description: `Page size (${DELIVERIES_DEFAULT_LIMIT} when omitted)` }),
  offset: integerText(0, 1_000_000).optional().meta({ description: 'Deliveries to skip' }),
});

const settingsJson = (value: ChangedNotificationSettings): z.output<typeof notificationSettingsResource> => ({
  email_digest: value.emailDigest,
  webhook_url: value.webhookUrl,
  webhook_secret_set: value.webhookSecretSet,
  webhook_since: value.webhookSince,
  last_digest_at: value.lastDigestAt,
  ...(value.webhookSecret !== undefined && { webhook_secret: value.webhookSecret }),
});

const deliveryJson = (delivery: AlertDelivery): z.output<typeof deliveryResource> => ({
  id: delivery.id,
  alert: delivery.alertId,
  channel: delivery.channel,
  status: delivery.status,
  target: delivery.target,
  attempts: delivery.attempts,
  response_status: delivery.responseStatus,
  error: delivery.error,
  created_at: delivery.createdAt,
  last_attempt_at: delivery.lastAttemptAt,
  next_attempt_at: delivery.nextAttemptAt,
  delivered_at: delivery.deliveredAt,
});

/** What a GET gave back and a client may send again: ignored, as the documented framework ignores read-only fields. */
const READ_ONLY = ['webhook_secret_set', 'webhook_since', 'last_digest_at', 'webhook_secret'];
function dropReadOnly(request: FastifyRequest, _reply: FastifyReply, done: () => void) {
  const body = request.body;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    request.body = Object.fromEntries(Object.entries(body).filter(([key]) => !READ_ONLY.includes(key)));
  }
  done();
}

const DESCRIPTION =
  'Alerts can also reach you outside the app, each way optional. **Daily digest**: one email a day with the ' +
  'alerts since the last one, when there were any. **Webhook**: each new alert is POSTed as JSON ' +
  '`{id, kind, message, link, data, created_at}` to your https:// URL, with the headers `X-Finsight-Delivery` ' +
  '(the delivery id), `X-Finsight-Timestamp` (Unix seconds) and `X-Finsight-Signature: sha256=<hex>`, the ' +
  'HMAC-SHA256 of `<timestamp>.<body>` keyed with your secret (`whsec_…`, shown once). Answer with a 2xx within ' +
  '5 s; anything else is retried after 30 s, 2 min, 10 min, 1 h and 6 h, then given up.';

/** Where alerts go beyond the app: the daily email digest and a signed webhook, with their delivery log. */
export const notificationRoutes: FastifyPluginAsyncZod<{ pageLinks: PageLinks }> = async (
  app,
  { pageLinks },
) => {
  app.get(
    '/notifications/',
    {
      schema: {
        ...tags,
        operationId: 'getNotificationSettings',
        summary: 'Where your alerts are delivered',
        description: DESCRIPTION,
        response: {
          200: success(notificationSettingsResource, 'Your settings (the secret is never shown here)'),
          ...errorResponses(401, 429, 503),
        },
      },
    },
    async (request) => settingsJson(await getNotificationSettings(request.db, request.userId)),
  );

  app.patch(
    '/notifications/',
    {
      preValidation: dropReadOnly,
      schema: {
        ...tags,
        operationId: 'updateNotificationSettings',
        summary: 'Turn the digest or the webhook on or off',
        description:
          'Changes what is given. A new `webhook_url` gets a new secret, in `webhook_secret` of this answer ' +
          'only, and receives the alerts created from now on; `null` turns the webhook off. Sending the URL it ' +
          'already has changes nothing. Turning the digest on starts it from now.',
        body: notificationSettingsBody,
        response: {
          200: success(notificationSettingsResource, 'Your settings, with a new secret if one was made'),
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const { email_digest, webhook_url } = request.body;
      return settingsJson(
        await updateNotificationSettings(request.db, request.userId, {
          emailDigest: email_digest,
          webhookUrl: webhook_url,
        }),
      );
    },
  );

  app.post(
    '/notifications/rotate-secret/',
    {
      schema: {
        ...tags,
        operationId: 'rotateWebhookSecret',
        summary: 'Replace the webhook’s signing secret',
        description:
          'The new secret is in `webhook_secret` of this answer only; the old one stops working at once. ' +
          '409 when no webhook is set.',
        response: {
          200: success(notificationSettingsResource, 'Your settings, with the new secret'),
          ...errorResponses(401, 403, 409, 429, 503),
        },
      },
    },
    async (request) => settingsJson(await rotateWebhookSecret(request.db, request.userId)),
  );

  app.get(
    '/notifications/deliveries/',
    {
      schema: {
        ...tags,
        operationId: 'listAlertDeliveries',
        summary: 'The delivery log: every webhook call and digest mail, newest first',
        description: 'A page: `{count, next, previous, results}`.',
        querystring: deliveriesQuery,
        response: {
          200: success(deliveryPage, 'One page of deliveries'),
          ...errorResponses(400, 401, 429, 503),
        },
      },
    },
    async (request) => {
      const { limit = DELIVERIES_DEFAULT_LIMIT, offset = 0 } = request.query;
      const page = await listDeliveries(request.db, request.userId, { limit, offset });
      return {
        count: page.count,
        next: offset + limit < page.count ? pageLinks(request.url, { offset: offset + limit }) : null,
        previous: offset > 0 ? pageLinks(request.url, { offset: Math.max(0, offset - limit) }) : null,
        results: page.results.map(deliveryJson),
      };
    },
  );
};
