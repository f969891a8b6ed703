import { afterAll, describe, expect, it } from 'vitest';
import { call, restUser, startTestServer, type TestServer } from '../testing/server';
import { testTrpcClient } from '../testing/trpc-client';
import { TOO_MANY_AT_ONCE } from './user-limits';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});
async function started(env: Record<string, string> = {}) {
  const server = await startTestServer({ env });
  servers.push(server);
  return server;
}

const batchOf = (count: number, procedure = 'categories.list') =>
  `/trpc/${Array(count).fill(procedure).join(',')}?batch=1&input=${encodeURIComponent(
    JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [i, {}]))),
  )}`;

describe('batches', () => {
  it('tRPC: at most 20 calls in one request; more is a 400 that says so, and nothing runs', async () => {
    const server = await started();
    const jane = await restUser(server.url, 'batcher');
    const twenty = await call(server.url, 'GET', batchOf(20), undefined, jane.access);
    expect(twenty.status).toBe(200);
    expect(twenty.body).toHaveLength(20);
    const more = await call(server.url, 'GET', batchOf(21), undefined, jane.access);
    expect(more.status).toBe(400);
    expect(more.body).toMatchObject({
      error: {
        message: 'A batch may hold at most 20 calls; this one has 21. Send them in smaller batches.',
        data: { code: 'BAD_REQUEST' },
      },
    });
    // Loading demo data 50 times in one batch is refused before the first load.
    const demo = await call(
      server.url,
      'POST',
      `/trpc/${Array(50).fill('demo.load').join(',')}?batch=1`,
      {},
      jane.access,
    );
    expect(demo.status).toBe(400);
    expect(
      (await call(server.url, 'GET', '/api/finance/transactions/', undefined, jane.access)).body,
    ).toEqual([]);
  });

  it('MCP: at most 10 JSON-RPC messages in one request', async () => {
    const server = await started();
    const jane = await restUser(server.url, 'mcp-batcher');
    const messages = Array.from({ length: 11 }, (_, id) => ({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'get_anomalies', arguments: {} },
    }));
    const answer = await call(server.url, 'POST', '/mcp', messages, jane.access, {
      accept: 'application/json, text/event-stream',
    });
    expect(answer).toMatchObject({
      status: 400,
      body: {
        jsonrpc: '2.0',
        error: { code: -32600, message: expect.stringContaining('at most 10 messages') },
      },
    });
  });
});

describe('per-user budgets', () => {
  it('turn a user away with 429 and Retry-After beyond their reads, and leave other users alone', async () => {
    const server = await started({ USER_RATE_LIMIT: '12/min' });
    const greedy = await restUser(server.url, 'greedy');
    const modest = await restUser(server.url, 'modest');
    // Anomalies cost 10 reads: one fits, the second does not.
    expect((await call(server.url, 'GET', '/api/finance/anomalies/', undefined, greedy.access)).status).toBe(
      200,
    );
    const limited = await call(server.url, 'GET', '/api/finance/anomalies/', undefined, greedy.access);
    expect(limited).toMatchObject({ status: 429, body: { detail: expect.stringMatching(/throttled/) } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await expect(testTrpcClient(server.url, greedy).api.categories.list.query()).resolves.toEqual([]);
    await expect(testTrpcClient(server.url, greedy).api.insights.anomalies.query({})).rejects.toMatchObject({
      data: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) },
    });
    expect((await call(server.url, 'GET', '/api/finance/anomalies/', undefined, modest.access)).status).toBe(
      200,
    );
  });

  it('count writes on their own budget', async () => {
    const server = await started({ USER_RATE_LIMIT: '1000/min', USER_WRITE_RATE_LIMIT: '3/min' });
    const jane = await restUser(server.url, 'writer');
    for (const name of ['A', 'B', 'C']) {
      expect((await call(server.url, 'POST', '/api/finance/categories/', { name }, jane.access)).status).toBe(
        201,
      );
    }
    expect(
      (await call(server.url, 'POST', '/api/finance/categories/', { name: 'D' }, jane.access)).status,
    ).toBe(429);
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, jane.access)).status).toBe(
      200,
    );
  });

  it('count every call of a tRPC batch', async () => {
    const server = await started({ USER_RATE_LIMIT: '10/min' });
    const jane = await restUser(server.url, 'batch-cost');
    expect((await call(server.url, 'GET', batchOf(10), undefined, jane.access)).status).toBe(200);
    expect((await call(server.url, 'GET', batchOf(1), undefined, jane.access)).status).toBe(429);
  });

  it('are off with USER_RATE_LIMIT=off', async () => {
    const server = await started({ USER_RATE_LIMIT: 'off' });
    const jane = await restUser(server.url, 'unlimited');
    for (let n = 0; n < 30; n++) {
      expect((await call(server.url, 'GET', '/api/finance/anomalies/', undefined, jane.access)).status).toBe(
        200,
      );
    }
  });

  it('still count, in memory, while Redis is unreachable', async () => {
    const server = await started({ USER_RATE_LIMIT: '2/min', REDIS_URL: 'redis://127.0.0.1:1' });
    const jane = await restUser(server.url, 'outage');
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, jane.access)).status).toBe(
      200,
    );
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, jane.access)).status).toBe(
      200,
    );
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, jane.access)).status).toBe(
      429,
    );
  });
});

describe('concurrent requests of one user', () => {
  it('run a few at a time; a burst beyond what can wait is turned away, and another user is not', async () => {
    const server = await started({ USER_CONCURRENCY: '1' });
    const greedy = await restUser(server.url, 'burst');
    const modest = await restUser(server.url, 'patient');
    await call(server.url, 'POST', '/api/finance/demo/', { months: 12 }, greedy.access);
    const burst = Array.from({ length: 60 }, () =>
      call(server.url, 'GET', '/api/finance/transactions/', undefined, greedy.access),
    );
    const meanwhile = await call(server.url, 'GET', '/api/finance/categories/', undefined, modest.access);
    const answers = await Promise.all(burst);
    expect(meanwhile.status).toBe(200);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(429);
    expect(answers.find((answer) => answer.status === 429)?.body).toEqual({ detail: TOO_MANY_AT_ONCE });
    // Every slot is given back: the next request runs.
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, greedy.access)).status).toBe(
      200,
    );
  });
});
