import {
  createTransaction,
  deleteTransaction,
  getTransaction,
  listAllTransactions,
  listTransactions,
  updateTransaction,
} from '@finsight/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageUrl, parseBody, parseQuery, pathId } from './request-helpers';
import { transactionBody, transactionListQuery, transactionPatchBody } from './schemas';
import { transactionJson } from './serializers';

type WithId = { Params: { id: string } };

export async function transactionRoutes(app: FastifyInstance) {
  /** A plain array, or DRF's `{count, next, previous, results}` page when `?limit=` is given. */
  app.get('/transactions/', async (request) => {
    const query = parseQuery(transactionListQuery, request.query);
    const filters = {
      from: query.start,
      to: query.end,
      type: query.type,
      categoryId: query.category,
      search: query.search,
    };
    if (query.limit === undefined) {
      return (await listAllTransactions(app.db, request.userId, filters)).map(transactionJson);
    }
    const offset = query.offset ?? 0;
    const page = await listTransactions(app.db, request.userId, {
      ...filters,
      limit: query.limit,
      offset,
      includeTotal: true,
    });
    const count = page.total ?? 0;
    return {
      count,
      next: offset + query.limit < count ? pageUrl(request, { offset: offset + query.limit }) : null,
      previous: offset > 0 ? pageUrl(request, { offset: Math.max(0, offset - query.limit) }) : null,
      results: page.items.map(transactionJson),
    };
  });

  app.post('/transactions/', async (request, reply) => {
    const { category, ...fields } = parseBody(transactionBody, request.body);
    const created = await createTransaction(app.db, request.userId, { ...fields, categoryId: category });
    return reply.status(201).send(transactionJson(created));
  });

  app.get<WithId>('/transactions/:id/', async (request, reply) => {
    const id = pathId(request, reply);
    if (id === undefined) return reply;
    return transactionJson(await getTransaction(app.db, request.userId, { id }));
  });

  /** PUT replaces every writable field (all required); PATCH changes the ones given. */
  const update =
    (schema: typeof transactionBody | typeof transactionPatchBody) =>
    async (request: FastifyRequest<WithId>, reply: FastifyReply) => {
      const id = pathId(request, reply);
      if (id === undefined) return reply;
      const { category, ...fields } = parseBody(schema, request.body);
      return transactionJson(
        await updateTransaction(app.db, request.userId, { id, ...fields, categoryId: category }),
      );
    };
  app.put<WithId>('/transactions/:id/', update(transactionBody));
  app.patch<WithId>('/transactions/:id/', update(transactionPatchBody));

  app.delete<WithId>('/transactions/:id/', async (request, reply) => {
    const id = pathId(request, reply);
    if (id === undefined) return reply;
    await deleteTransaction(app.db, request.userId, { id });
    return reply.status(204).send();
  });
}
