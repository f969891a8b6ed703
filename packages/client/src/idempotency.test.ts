import { call, type RestUser, restUser, startTestServer, type TestServer } from '@finsight/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFinsightClient } from './create-client';

let server: TestServer;
let jane: RestUser;
let categoryId: number;

beforeAll(async () => {
  server = await startTestServer();
  jane = await restUser(server.url, 'jane');
  const category = await call(server.url, 'POST', '/api/finance/categories/', { name: 'Food' }, jane.access);
  categoryId = (category.body as { id: number }).id;
});
afterAll(() => server.close());

const total = async () =>
  (await call(server.url, 'GET', '/api/finance/transactions/?limit=1', undefined, jane.access)).body as {
    count: number;
  };

describe('a create with an idempotency key, from the typed client', () => {
  it('happens once however often it is sent, even in one batch with other calls', async () => {
    const client = createFinsightClient({ url: server.url, tokens: jane });
    const before = (await total()).count;
    const input = { categoryId, type: 'EXPENSE', amount: '4.20', date: '2026-11-02' } as const;
    const context = { idempotencyKey: 'client-double-click' };
    // Sent in the same tick, as a double click does: the keyed calls go out on their own requests.
    const [first, second, list] = await Promise.all([
      client.api.transactions.create.mutate(input, { context }),
      client.api.transactions.create.mutate(input, { context }),
      client.api.transactions.list.query({ limit: 1 }),
    ]);
    expect(second).toEqual(first);
    expect(list.items.length).toBeLessThanOrEqual(1);
    expect((await total()).count).toBe(before + 1);
    // Without a key, two sends are two transactions, as before.
    await client.api.transactions.create.mutate(input);
    await client.api.transactions.create.mutate(input);
    expect((await total()).count).toBe(before + 3);
  });
});

describe('a create with an Idempotency-Key header, over REST', () => {
  it('answers a repeat with the first result, says it replayed, and refuses the key for another body', async () => {
    const body = { category: categoryId, type: 'EXPENSE', amount: '9.99', date: '2026-11-03' };
    const headers = { 'idempotency-key': 'rest-key-1' };
    const before = (await total()).count;
    const first = await call(server.url, 'POST', '/api/finance/transactions/', body, jane.access, headers);
    const again = await call(server.url, 'POST', '/api/finance/transactions/', body, jane.access, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect((await total()).count).toBe(before + 1);

    const other = await call(
      server.url,
      'POST',
      '/api/finance/transactions/',
      { ...body, amount: '10.00' },
      jane.access,
      headers,
    );
    expect(other.status).toBe(422);
    expect(other.body).toEqual({ detail: expect.stringContaining('different request') });
    const invalid = await call(server.url, 'POST', '/api/finance/categories/', { name: 'X' }, jane.access, {
      'idempotency-key': 'x'.repeat(300),
    });
    expect(invalid.status).toBe(400);
    expect((await total()).count).toBe(before + 1);
  });

  it('keeps the keys of two users apart', async () => {
    const sam = await restUser(server.url, 'sam');
    const created = await call(server.url, 'POST', '/api/finance/categories/', { name: 'Food' }, sam.access, {
      'idempotency-key': 'rest-key-1',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('idempotent-replayed')).toBeNull();
  });
});
