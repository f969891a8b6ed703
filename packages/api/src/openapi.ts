import { z } from 'zod';
import * as rest from './rest/schemas';

type Schema = z.ZodType;

const jsonSchema = (schema: Schema, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const json = (schema: Schema) => ({
  content: { 'application/json': { schema: jsonSchema(schema, 'output') } },
});
const body = (schema: Schema) => ({
  required: true,
  content: { 'application/json': { schema: jsonSchema(schema, 'input') } },
});

const errors = {
  400: { description: 'Validation error: `{"field": ["message"]}`', ...json(rest.fieldErrorsResource) },
  401: { description: 'Missing, invalid or expired access token', ...json(rest.detailResource) },
  404: { description: 'Not found (also another user’s object)', ...json(rest.detailResource) },
};

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const monthParam = {
  name: 'month',
  in: 'query',
  required: false,
  description: 'YYYY-MM; defaults to the current month',
  schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
};

function queryParams(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchema(field as Schema, 'input'),
  }));
}

const secured = { security: [{ bearerAuth: [] }] };
const insight = (summary: string, schema: Schema) => ({
  get: {
    tags: ['insights'],
    summary,
    ...secured,
    parameters: [monthParam],
    responses: { 200: json(schema), 400: errors[400], 401: errors[401] },
  },
});

/** The OpenAPI 3.1 document of the REST adapter, generated from the same zod schemas it validates with. */
export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'finsight REST API',
      version: '0.1.0',
      description:
        'Personal-finance tracking. Log in at /api/auth/login/ and send `Authorization: Bearer <access>`. ' +
        'Money is a decimal string ("12.50"); dates are YYYY-MM-DD.',
    },
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths: {
      '/api/auth/register/': {
        post: {
          tags: ['auth'],
          summary: 'Create an account',
          requestBody: body(rest.registerBody),
          responses: { 201: json(rest.userResource), 400: errors[400] },
        },
      },
      '/api/auth/login/': {
        post: {
          tags: ['auth'],
          summary: 'Get an access and a refresh token',
          requestBody: body(rest.loginBody),
          responses: { 200: json(rest.tokenPairResource), 401: errors[401] },
        },
      },
      '/api/auth/refresh/': {
        post: {
          tags: ['auth'],
          summary: 'Get a new access token',
          requestBody: body(rest.refreshBody),
          responses: { 200: json(rest.accessResource), 401: errors[401] },
        },
      },
      '/api/finance/categories/': {
        get: {
          tags: ['categories'],
          summary: 'List your categories',
          ...secured,
          responses: { 200: json(z.array(rest.categoryResource)), 401: errors[401] },
        },
        post: {
          tags: ['categories'],
          summary: 'Create a category',
          ...secured,
          requestBody: body(rest.categoryBody),
          responses: { 201: json(rest.categoryResource), 400: errors[400], 401: errors[401] },
        },
      },
      '/api/finance/categories/{id}/': {
        parameters: [idParam],
        get: {
          tags: ['categories'],
          summary: 'Get a category',
          ...secured,
          responses: { 200: json(rest.categoryResource), 401: errors[401], 404: errors[404] },
        },
        patch: {
          tags: ['categories'],
          summary: 'Rename a category',
          ...secured,
          requestBody: body(rest.categoryBody),
          responses: {
            200: json(rest.categoryResource),
            400: errors[400],
            401: errors[401],
            404: errors[404],
          },
        },
        delete: {
          tags: ['categories'],
          summary: 'Delete an unused category',
          ...secured,
          responses: {
            204: { description: 'Deleted' },
            401: errors[401],
            404: errors[404],
            409: { description: 'Transactions use it', ...json(rest.detailResource) },
          },
        },
      },
      '/api/finance/transactions/': {
        get: {
          tags: ['transactions'],
          summary: 'List transactions, newest first',
          description: 'A plain array, or `{count, next, previous, results}` when `limit` is given.',
          ...secured,
          parameters: queryParams(rest.transactionListQuery),
          responses: {
            200: json(z.union([z.array(rest.transactionResource), rest.transactionPage])),
            400: errors[400],
            401: errors[401],
          },
        },
        post: {
          tags: ['transactions'],
          summary: 'Record a transaction',
          ...secured,
          requestBody: body(rest.transactionBody),
          responses: { 201: json(rest.transactionResource), 400: errors[400], 401: errors[401] },
        },
      },
      '/api/finance/transactions/{id}/': {
        parameters: [idParam],
        get: {
          tags: ['transactions'],
          summary: 'Get a transaction',
          ...secured,
          responses: { 200: json(rest.transactionResource), 401: errors[401], 404: errors[404] },
        },
        put: {
          tags: ['transactions'],
          summary: 'Replace a transaction',
          ...secured,
          requestBody: body(rest.transactionBody),
          responses: {
            200: json(rest.transactionResource),
            400: errors[400],
            401: errors[401],
            404: errors[404],
          },
        },
        patch: {
          tags: ['transactions'],
          summary: 'Change some fields of a transaction',
          ...secured,
          requestBody: body(rest.transactionPatchBody),
          responses: {
            200: json(rest.transactionResource),
            400: errors[400],
            401: errors[401],
            404: errors[404],
          },
        },
        delete: {
          tags: ['transactions'],
          summary: 'Delete a transaction',
          ...secured,
          responses: { 204: { description: 'Deleted' }, 401: errors[401], 404: errors[404] },
        },
      },
      '/api/finance/summary/': insight(
        'The stored monthly summary (zeros for an empty month)',
        rest.summaryResource,
      ),
      '/api/finance/income-vs-expense/': insight(
        'Income vs expense and the savings rate',
        rest.incomeVsExpenseResource,
      ),
      '/api/finance/breakdown/': insight('Expenses per category with shares', rest.breakdownResource),
      '/api/finance/anomalies/': insight(
        'Unusual spending compared with your own history',
        rest.anomaliesResource,
      ),
    },
  };
}
