import { byIdSql, insertSql, pageSql, postgresPool } from '@finsight/core';
import { fillPlaceholders, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import Fastify from 'fastify';

/**
 * The limit to compare against: bare Fastify routes running exactly the SQL the API's list, retrieve and
 * create run (core's own statement text, so the two cannot drift apart), through postgres.js with no
 * Drizzle, no tRPC, no validation, no auth, no security headers and no serialisation step beyond
 * JSON.stringify.
 */
// The API's driver settings (ids read as numbers, timestamps as UTC ISO text), so both answer the same rows.
const sql = postgresPool(process.env.BENCH_DATABASE_URL ?? '', { maxConnections: 10 });
const app = Fastify({ logger: false });

const dialect = new PgDialect();

/** A statement's text, run with its named placeholders filled in as Drizzle fills them. */
function statement(query: SQL) {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (values: Record<string, unknown>) =>
    sql.unsafe(text, fillPlaceholders(params, values) as never[], { prepare: true });
}

const page = statement(pageSql({ given: [], after: false, withTotal: true }));
const byId = statement(byIdSql());
const insert = statement(insertSql());

app.get<{ Params: { id: string }; Querystring: { user: string } }>(
  '/base/transactions/:id',
  async (request) => {
    const [row] = await byId({ id: Number(request.params.id), userId: Number(request.query.user) });
    return row;
  },
);

app.get<{ Querystring: { user: string } }>('/base/transactions', async (request) =>
  page({ userId: Number(request.query.user), limit: 51, offset: 0 }),
);

app.post<{ Querystring: { user: string }; Body: Record<string, string | number> }>(
  '/base/transactions',
  async (request, reply) => {
    const body = request.body;
    const [row] = await insert({
      userId: Number(request.query.user),
      categoryId: Number(body.category),
      accountId: null,
      type: String(body.type),
      amount: String(body.amount),
      date: String(body.date),
      note: String(body.note ?? ''),
      payee: String(body.payee ?? ''),
    });
    return reply.status(201).send(row);
  },
);

const address = await app.listen({ port: Number(process.env.PORT ?? 3101), host: '127.0.0.1' });
console.log(`baseline up on ${address}`);
