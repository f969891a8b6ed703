import Fastify from 'fastify';
import postgres from 'postgres';

/**
 * The limit to compare against: a bare Fastify route running the same SQL as the API's retrieve and list,
 * with no tRPC, no validation, no auth and no serialisation step.
 */
const sql = postgres(process.env.BENCH_DATABASE_URL ?? '', { max: 10, onnotice: () => {} });
const app = Fastify({ logger: false });
const columns = sql`t.id, t.category_id, c.name AS category_name, t.type, t.amount, t.date::text AS date, t.note, t.created_at, t.updated_at`;

app.get<{ Params: { id: string }; Querystring: { user: string } }>(
  '/base/transactions/:id',
  async (request) => {
    const [row] = await sql`SELECT ${columns} FROM transactions t
    JOIN categories c ON c.id = t.category_id AND c.user_id = t.user_id
    WHERE t.id = ${Number(request.params.id)} AND t.user_id = ${Number(request.query.user)}`;
    return row;
  },
);

app.get<{ Querystring: { user: string } }>(
  '/base/transactions',
  async (request) =>
    sql`SELECT ${columns} FROM transactions t
    JOIN categories c ON c.id = t.category_id AND c.user_id = t.user_id
    WHERE t.user_id = ${Number(request.query.user)}
    ORDER BY t.date DESC, t.id DESC LIMIT 51`,
);

const address = await app.listen({ port: Number(process.env.PORT ?? 3101), host: '127.0.0.1' });
console.log(`baseline up on ${address}`);
