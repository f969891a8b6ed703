import { Readable } from 'node:stream';
import type { Database } from '@finsight/core';
import {
  bulkUpdateTransactions,
  createTransaction,
  deleteTransaction,
  getBalances,
  getProfile,
  getTransaction,
  listParsedTransactions,
  streamTransactions,
  streamTransactionsAsJson,
  suggestCategory,
  transactionDateRange,
  updateTransaction,
} from '@finsight/core';
import {
  BULK_MAX_IDS,
  type BulkTransactionsInput,
  CSV_HEADER,
  csvLines,
  type ExportFormat,
  type ListTransactionsData,
  ofxHead,
  ofxTail,
  ofxTransactions,
  type Transaction,
  type TransactionFilters,
  type TransactionFiltersInput,
} from '@finsight/core/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { COSTS } from '../fairness/costs';
import { restCreateOnce } from '../idempotency';
import { exportFileResource } from './finance-resources';
import type { PageLinks } from './page-links';
import {
  bulkResultResource,
  categorySuggestionResource,
  transactionList,
  transactionResource,
} from './resources';
import { errorResponses, noContent, success } from './responses';
import {
  bulkTransactionsBody,
  exportQuery,
  idParams,
  suggestCategoryQuery,
  type TransactionFilterQuery,
  type TransactionListQuery,
  transactionBody,
  transactionListQuery,
  transactionPatchBody,
} from './schemas';
import { PROTECTED } from './security';
import { TRANSACTION_JSON_LAYOUT, transactionJson, transactionJsonText } from './serializers';

const tags = { ...PROTECTED, tags: ['transactions'] };

/** A page's query as the service's parsed input: the same values (see schemas.ts), the service's names. */
export function pageInputOf(query: TransactionListQuery, limit: number) {
  const { offset = 0, ordering = '-date' } = query;
  return {
    ...filtersOf(query),
    limit,
    offset,
    ordering,
    includeSums: false,
    includeTotal: true,
  } satisfies ListTransactionsData;
}

/** The list's filters under the service's names; their values are already the service's (schemas.ts). */
export function filtersOf(query: TransactionFilterQuery): TransactionFilters {
  const { start, end, type, category, account, search } = query;
  return { from: start, to: end, type, categoryId: category, accountId: account, search };
}

const writeBatch = (batch: Transaction[]) => {
  let text = '';
  for (const row of batch) text += text ? `,${transactionJsonText(row)}` : transactionJsonText(row);
  return text;
};

/**
 * The unpaginated list as DRF's plain array, written batch by batch as the database hands them over, each
 * batch already JSON text written by PostgreSQL: memory stays flat however many rows there are, and a slow
 * reader holds no database connection. The first batch is read before anything is sent, so a failure to
 * read is still an ordinary error answer.
 */
async function streamedList(db: Database, userId: number, filters: TransactionFiltersInput) {
  const batches = streamTransactionsAsJson(db, userId, filters, TRANSACTION_JSON_LAYOUT);
  const first = await batches.next();
  if (first.done) return '[]';
  return Readable.from(
    (async function* () {
      yield `[${first.value}`;
      for await (const batch of batches) yield `,${batch}`;
      yield ']';
    })(),
    // One batch ahead of the socket at most (Readable.from would read 16 ahead): memory per client stays
    // about one batch, however slowly it reads.
    { highWaterMark: 1 },
  );
}

/** The export file, batch by batch as the database hands them over: flat memory at any size. */
async function* exportFile(
  db: Database,
  userId: number,
  format: ExportFormat,
  filters: TransactionFiltersInput,
): AsyncGenerator<string> {
  if (format === 'csv') {
    yield CSV_HEADER;
    for await (const batch of streamTransactions(db, userId, filters)) yield csvLines(batch);
    return;
  }
  const [profile, range, balances] = await Promise.all([
    getProfile(db, userId),
    transactionDateRange(db, userId, filters),
    getBalances(db, userId, filters.to ? { date: filters.to } : {}),
  ]);
  const account = balances.accounts.find((entry) => entry.accountId === filters.accountId);
  const statement = {
    currency: profile.preferredCurrency,
    accountId: filters.accountId === undefined ? 'all-accounts' : String(filters.accountId),
    firstDate: filters.from ?? range.first,
    lastDate: filters.to ?? range.last,
    balance: account?.balance ?? balances.total,
    generatedAt: new Date(),
  };
  yield ofxHead(statement);
  for await (const batch of streamTransactions(db, userId, filters)) yield ofxTransactions(batch);
  yield ofxTail(statement);
}

export const transactionRoutes: FastifyPluginAsyncZod<{ pageLinks: PageLinks }> = async (
  app,
  { pageLinks },
) => {
  app.get(
    '/transactions/export/',
    {
      config: { cost: COSTS.export },
      schema: {
        ...tags,
        operationId: 'exportTransactions',
        summary: 'Download your transactions as CSV or OFX',
        description:
          'The list’s filters apply. CSV: `Date,Payee,Note,Category,Amount` with money out negative — the shape ' +
          'the importer reads back with no configuration. OFX: a 2.2 bank statement. Streamed, in flat memory at ' +
          'any size.',
        querystring: exportQuery,
        response: {
          200: {
            description: 'The file, as an attachment',
            content: {
              'text/csv': { schema: exportFileResource },
              'application/x-ofx': { schema: exportFileResource },
            },
          },
          ...errorResponses(400, 401, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const filters = filtersOf(request.query);
      // Refused filters are an ordinary 400 before the first byte goes out.
      await transactionDateRange(request.db, request.userId, filters);
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ofx; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="finsight-transactions-${day}.${format}"`)
        .send(
          Readable.from(exportFile(request.db, request.userId, format, filters), {
            highWaterMark: 1,
          }) as never,
        );
    },
  );

  app.get(
    '/transactions/',
    {
      config: {
        // Every row the user has, without `limit`.
        cost: (request) => ('limit' in (request.query as object) ? COSTS.read : COSTS.fullList),
      },
      schema: {
        ...tags,
        operationId: 'listTransactions',
        summary: 'List your transactions, newest first',
        description:
          'Without `limit`, every matching transaction as a plain array. With `limit` (and `offset`), a page: ' +
          '`{count, next, previous, results}`. `next` and `previous` are relative to this server unless it is ' +
          'configured with PUBLIC_URL.',
        querystring: transactionListQuery,
        response: {
          200: success(transactionList, 'The matching transactions, or one page of them'),
          ...errorResponses(400, 401, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { limit } = request.query;
      if (limit === undefined) {
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .send((await streamedList(request.db, request.userId, filtersOf(request.query))) as never);
      }
      const input = pageInputOf(request.query, limit);
      const { offset } = input;
      const page = await listParsedTransactions(request.db, request.userId, input);
      const count = page.total ?? 0;
      const next = offset + limit < count ? pageLinks(request.url, { offset: offset + limit }) : null;
      const previous = offset > 0 ? pageLinks(request.url, { offset: Math.max(0, offset - limit) }) : null;
      // The page in the response schema's shape, written directly (as the streamed list is): the list is the
      // busiest endpoint, and a wire object per row cost more than writing the row (serializers.test.ts holds
      // the two to the same JSON).
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .send(
          `{"count":${count},"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)},"results":[${writeBatch(page.items)}]}` as never,
        );
    },
  );

  app.post(
    '/transactions/',
    {
      schema: {
        ...tags,
        operationId: 'createTransaction',
        summary: 'Record a transaction',
        description: 'The monthly summary of its month changes in the same database transaction.',
        body: transactionBody,
        response: {
          201: success(transactionResource, 'The new transaction'),
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { category, account, ...fields } = request.body;
      const created = await restCreateOnce(request.db, request, reply, (db) =>
        createTransaction(db, request.userId, { ...fields, categoryId: category, accountId: account }),
      );
      return reply.status(201).send(transactionJson(created));
    },
  );

  app.post(
    '/transactions/bulk/',
    {
      config: { cost: COSTS.bulkWrite },
      schema: {
        ...tags,
        operationId: 'bulkTransactions',
        summary: 'Delete, re-file or move many transactions at once',
        description:
          `\`delete\` or \`update\` (with \`category\` and/or \`account\`) up to ${BULK_MAX_IDS} of your transactions, all or ` +
          'nothing: an id that is not yours, or a transfer side in an update, refuses the whole request.',
        body: bulkTransactionsBody,
        response: {
          200: success(bulkResultResource, 'How many transactions changed'),
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const { action, ids, category, account } = request.body;
      // The core schema checks the ids; the body only names the fields the REST way.
      const input =
        action === 'delete'
          ? { action, ids }
          : {
              action,
              ids,
              ...(category === undefined ? {} : { categoryId: category }),
              ...(account === undefined ? {} : { accountId: account }),
            };
      return bulkUpdateTransactions(request.db, request.userId, input as BulkTransactionsInput);
    },
  );

  app.get(
    '/transactions/suggest-category/',
    {
      schema: {
        ...tags,
        operationId: 'suggestCategory',
        summary: 'Suggest a category for a payee',
        description:
          'Your first rule that files such a payee, else the category you used most with it among your latest ' +
          '2,000 transactions; `category` is null when there is nothing to go on.',
        querystring: suggestCategoryQuery,
        response: {
          200: success(categorySuggestionResource, 'The suggestion'),
          ...errorResponses(400, 401, 429, 503),
        },
      },
    },
    async (request) => {
      const suggestion = await suggestCategory(request.db, request.userId, request.query);
      return { category: suggestion.categoryId, source: suggestion.source };
    },
  );

  app.get(
    '/transactions/:id/',
    {
      schema: {
        ...tags,
        operationId: 'getTransaction',
        summary: 'Get a transaction',
        params: idParams,
        response: {
          200: success(transactionResource, 'The transaction'),
          ...errorResponses(401, 404, 429, 503),
        },
      },
    },
    async (request) => transactionJson(await getTransaction(request.db, request.userId, request.params)),
  );

  app.put(
    '/transactions/:id/',
    {
      schema: {
        ...tags,
        operationId: 'updateTransaction',
        summary: 'Replace a transaction',
        description:
          'Every writable field is required; read-only fields sent back (`id`, `created_at`) are ignored.',
        params: idParams,
        body: transactionBody,
        response: {
          200: success(transactionResource, 'The transaction as it is now'),
          ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const { category, account, ...fields } = request.body;
      const input = { id: request.params.id, ...fields, categoryId: category, accountId: account };
      return transactionJson(await updateTransaction(request.db, request.userId, input));
    },
  );

  app.patch(
    '/transactions/:id/',
    {
      schema: {
        ...tags,
        operationId: 'partialUpdateTransaction',
        summary: 'Change some fields of a transaction',
        description: 'Moving it to another month moves it in the monthly summaries too.',
        params: idParams,
        body: transactionPatchBody,
        response: {
          200: success(transactionResource, 'The transaction as it is now'),
          ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const { category, account, ...fields } = request.body;
      const input = { id: request.params.id, ...fields, categoryId: category, accountId: account };
      return transactionJson(await updateTransaction(request.db, request.userId, input));
    },
  );

  app.delete(
    '/transactions/:id/',
    {
      schema: {
        ...tags,
        operationId: 'deleteTransaction',
        summary: 'Delete a transaction',
        params: idParams,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      await deleteTransaction(request.db, request.userId, request.params);
      return reply.status(204).send();
    },
  );
};
