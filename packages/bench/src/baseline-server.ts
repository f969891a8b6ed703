import { postgresPool } from '@finsight/core';
import Fastify from 'fastify';

/**
 * The limit to compare against: bare Fastify routes running the same SQL as the API's list, retrieve and
 * create (packages/core/src/transactions/statements.ts), with no tRPC, no validation, no auth, no security
 * headers and no serialisation step beyond JSON.stringify.
 */
// The API's driver settings (ids read as numbers, timestamps as UTC ISO text), so both answer the same rows.
const sql = postgresPool(process.env.BENCH_DATABASE_URL ?? '', { maxConnections: 10 });
const app = Fastify({ logger: false });

const columns = sql`t.id, t.category_id AS "categoryId", c.name AS "categoryName", t.type::text AS type,
  t.amount::text AS amount, t.date::text AS date, t.note,
  to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt",
  to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"`;

app.get<{ Params: { id: string }; Querystring: { user: string } }>(
  '/base/transactions/:id',
  async (request) => {
    const user = Number(request.query.user);
    const [row] = await sql`SELECT ${columns} FROM transactions t
      JOIN categories c ON c.id = t.category_id AND c.user_id = ${user}
      WHERE t.id = ${Number(request.params.id)} AND t.user_id = ${user}`;
    return row;
  },
);

app.get<{ Querystring: { user: string } }>('/base/transactions', async (request) => {
  const user = Number(request.query.user);
  return sql`SELECT ${columns}, (SELECT coalesce(sum(s.transaction_count), 0)::integer
      FROM monthly_summaries s WHERE s.user_id = ${user}) AS total
    FROM (SELECT * FROM transactions t WHERE t.user_id = ${user} ORDER BY t.date DESC, t.id DESC
      LIMIT ${51} OFFSET ${0}) t
    JOIN categories c ON c.id = t.category_id AND c.user_id = ${user}
    ORDER BY t.date DESC, t.id DESC`;
});

app.post<{ Querystring: { user: string }; Body: Record<string, string | number> }>(
  '/base/transactions',
  async (request, reply) => {
    const user = Number(request.query.user);
    const body = request.body;
    const [row] = await sql`WITH t AS (
        INSERT INTO transactions (user_id, category_id, type, amount, date, note)
        VALUES (${user}, ${Number(body.category)}, ${String(body.type)}, ${String(body.amount)},
          ${String(body.date)}, ${String(body.note ?? '')})
        RETURNING *)
      SELECT ${columns} FROM t JOIN categories c ON c.id = t.category_id AND c.user_id = ${user}`;
    return reply.status(201).send(row);
  },
);

const address = await app.listen({ port: Number(process.env.PORT ?? 3101), host: '127.0.0.1' });
console.log(`baseline up on ${address}`);
