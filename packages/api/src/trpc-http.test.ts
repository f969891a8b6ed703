import { primaryOnly } from '@finsight/core';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type RestUser, restUser, startTestServer, type TestServer } from './testing/server';
import { appTrpcOptions } from './trpc-options';

/**
 * finsight's /trpc endpoint answers ordinary requests itself and hands everything else to @trpc/server's
 * Fastify adapter. Here the same requests go to both: to finsight, and to the official adapter mounted on
 * the same router, database and token service. Every answer must be the same, status and body.
 */
let server: TestServer;
let official: FastifyInstance;
let officialUrl: string;
let jane: RestUser;
let category: number;
let transaction: number;

beforeAll(async () => {
  server = await startTestServer();
  official = Fastify();
  const { authenticator, flows, limits } = server.app.finsight;
  const options = appTrpcOptions({
    reads: primaryOnly(server.database.db),
    authenticator,
    flows,
    limits,
    log: official.log,
  });
  // The credentials are checked before tRPC runs, as finsight's endpoint does.
  official.decorateRequest('trpcAuth', null);
  official.addHook('onRequest', (request, reply) => options.admit(request, reply, []));
  await official.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions: options.trpcOptions });
  officialUrl = await official.listen({ port: 0, host: '127.0.0.1' });
  jane = await restUser(server.url, 'jane');
  category = (
    (await call(server.url, 'POST', '/api/finance/categories/', { name: 'Food' }, jane.access)).body as {
      id: number;
    }
  ).id;
  transaction = (
    (
      await call(
        server.url,
        'POST',
        '/api/finance/transactions/',
        { category, type: 'EXPENSE', amount: '12.50', date: '2026-11-03', note: 'Lunch' },
        jane.access,
      )
    ).body as { id: number }
  ).id;
});
afterAll(async () => {
  await official?.close();
  await server?.close();
});

interface Request {
  name: string;
  method?: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  anonymous?: boolean;
}

const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;
const json = { 'content-type': 'application/json' };

function corpus(): Request[] {
  return [
    { name: 'a query without input', path: '/trpc/categories.list' },
    { name: 'a query with input', path: `/trpc/transactions.byId?${input({ id: transaction })}` },
    { name: 'a page of a list', path: `/trpc/transactions.list?${input({ limit: 1, includeTotal: true })}` },
    { name: 'not found', path: `/trpc/transactions.byId?${input({ id: 999_999 })}` },
    { name: 'invalid input', path: `/trpc/transactions.byId?${input({ id: 'one' })}` },
    {
      name: 'an impossible cursor',
      path: `/trpc/transactions.list?${input({ cursor: Buffer.from('2026-13-45|1').toString('base64url') })}`,
    },
    { name: 'no token', path: '/trpc/auth.me', anonymous: true },
    {
      name: 'a bad token',
      path: '/trpc/auth.me',
      headers: { authorization: 'Bearer nonsense' },
      anonymous: true,
    },
    {
      name: 'a batch of queries',
      path: `/trpc/categories.list,transactions.byId,auth.me?batch=1&${input({ 1: { id: transaction } })}`,
    },
    {
      name: 'a batch with one failure (207)',
      path: `/trpc/categories.list,transactions.byId?batch=1&${input({ 1: { id: 999_999 } })}`,
    },
    {
      name: 'a failing mutation',
      method: 'POST',
      path: '/trpc/categories.create',
      body: '{"name":""}',
      headers: json,
    },
    {
      name: 'a mutation that changes nothing',
      method: 'POST',
      path: '/trpc/auth.updateProfile',
      body: JSON.stringify({ preferredCurrency: 'USD' }),
      headers: json,
    },
    {
      name: 'a batch of mutations',
      method: 'POST',
      path: '/trpc/auth.updateProfile,transactions.update?batch=1',
      body: JSON.stringify({ 0: { preferredCurrency: 'USD' }, 1: { id: transaction, amount: 'x' } }),
      headers: json,
    },
    {
      name: 'wrong credentials',
      method: 'POST',
      path: '/trpc/auth.login',
      body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong-password' }),
      headers: json,
      anonymous: true,
    },
    // Handed to the official adapter: the answers are tRPC's own by construction, and must stay so.
    {
      name: 'a query sent as POST',
      method: 'POST',
      path: '/trpc/categories.list',
      body: '{}',
      headers: json,
    },
    { name: 'a mutation sent as GET', path: `/trpc/categories.create?${input({ name: 'x' })}` },
    { name: 'an unknown procedure', path: '/trpc/transactions.explode' },
    { name: 'broken input JSON', path: '/trpc/transactions.list?input=%7B' },
    { name: 'a batch input that is not an object', path: `/trpc/categories.list?batch=1&${input([1])}` },
    { name: 'an empty body', method: 'POST', path: '/trpc/categories.create', body: '', headers: json },
    {
      name: 'a body that is not JSON',
      method: 'POST',
      path: '/trpc/categories.create',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    },
    { name: 'HEAD', method: 'HEAD', path: '/trpc/categories.list' },
    {
      name: 'a streaming batch',
      path: '/trpc/categories.list?batch=1',
      headers: { 'trpc-accept': 'application/jsonl' },
    },
  ];
}

async function send(base: string, request: Request) {
  const response = await fetch(`${base}${request.path}`, {
    method: request.method ?? 'GET',
    headers: { ...(request.anonymous ? {} : { authorization: `Bearer ${jane.access}` }), ...request.headers },
    body: request.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? '' : JSON.parse(text);
  } catch {
    // streamed lines: compared as text
  }
  // The media type is compared, not its charset parameter (UTF-8 either way).
  return { status: response.status, mediaType: response.headers.get('content-type')?.split(';')[0], body };
}

describe('the /trpc endpoint', () => {
  it('answers every request of the corpus exactly as @trpc/server’s own Fastify adapter does', async () => {
    const differences: string[] = [];
    for (const request of corpus()) {
      const ours = await send(server.url, request);
      const theirs = await send(officialUrl, request);
      try {
        expect(ours).toEqual(theirs);
      } catch {
        differences.push(
          `${request.name}: ours ${JSON.stringify(ours)}\n  official ${JSON.stringify(theirs)}`,
        );
      }
    }
    expect(differences).toEqual([]);
  });

  it('sends no-store and the Vary header tRPC sends', async () => {
    const response = await fetch(`${server.url}/trpc/categories.list`, {
      headers: { authorization: `Bearer ${jane.access}` },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('vary')).toBe('trpc-accept, accept');
  });
});
