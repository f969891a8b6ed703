import { z } from 'zod';

/**
 * The error answers an endpoint can give, as documented in the OpenAPI document. The bodies are built by
 * the error handler (errors.ts); these schemas describe them.
 */
const detail = z
  .object({ detail: z.string() })
  .meta({ id: 'Error', description: 'What went wrong, in a sentence' });
const retryAfter = {
  'Retry-After': { type: 'integer', description: 'Seconds to wait before trying again' },
} as const;

const fieldErrors = z.record(z.string(), z.array(z.string())).meta({
  id: 'FieldErrors',
  description: 'Messages per field; `non_field_errors` for the input as a whole',
  examples: [
    {
      amount: ['Ensure this value is greater than 0.'],
      date: ['Enter a valid date in the format YYYY-MM-DD.'],
    },
  ],
});

const ERROR_RESPONSES = {
  400: z.union([fieldErrors, detail]).meta({
    description:
      'Invalid input: `{"field": ["message"]}` for each field in error, or `{"detail": "..."}` when the body is not JSON',
  }),
  401: detail.meta({
    description: 'Missing, invalid or expired access token (or wrong credentials on login)',
    headers: { 'WWW-Authenticate': { type: 'string', description: '`Bearer realm="api"`' } },
    examples: [{ detail: 'Given token not valid for any token type' }],
  }),
  403: detail.meta({
    description:
      'Not allowed with these credentials: a read-only API token asked to change something, or an API token ' +
      'asked to manage the account',
    examples: [
      { detail: 'This API token can only read. Create a token with the "write" scope to make changes.' },
    ],
  }),
  404: detail.meta({
    description: 'No such object for you: missing, another user’s, or a malformed id',
    examples: [{ detail: 'Not found.' }],
  }),
  409: detail.meta({
    description: 'The object is in use, or a quota is reached',
    examples: [
      { detail: 'Cannot delete category "Food": 3 transactions use it. Move or delete them first.' },
    ],
  }),
  413: detail.meta({
    description: 'The body is over 64 KB',
    examples: [{ detail: 'Request body is too large' }],
  }),
  415: detail.meta({
    description: 'The body is not `application/json`',
    examples: [{ detail: 'Unsupported media type "text/plain" in request.' }],
  }),
  429: detail.meta({
    description:
      'Too many attempts, or over your share of the server (per-user budgets and concurrent requests); ' +
      'try again after `Retry-After` seconds',
    headers: retryAfter,
    examples: [{ detail: 'Request was throttled. Expected available in 42 seconds.' }],
  }),
  503: detail.meta({
    description: 'The database is unreachable; try again after `Retry-After` seconds',
    headers: retryAfter,
    examples: [{ detail: 'The database is unavailable right now. Please try again in a few seconds.' }],
  }),
};

type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** The documented error answers for these statuses, ready to spread into a route's `response`. */
export function errorResponses<Status extends ErrorStatus>(...statuses: Status[]) {
  return Object.fromEntries(statuses.map((status) => [status, ERROR_RESPONSES[status]])) as {
    [Key in Status]: (typeof ERROR_RESPONSES)[Key];
  };
}

/** No body: a 204. */
export const noContent = z.undefined().meta({ description: 'Done; no body' });

/** A success answer with its description (the OpenAPI document requires one). */
export function success<Schema extends z.ZodType>(schema: Schema, description: string): Schema {
  return schema.meta({ description }) as Schema;
}
