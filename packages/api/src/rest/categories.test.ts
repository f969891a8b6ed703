import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restAs, restUser, startTestServer, type TestServer } from '../testing/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function household(name: string) {
  const user = await restUser(server.url, name);
  const api = restAs(server.url, user);
  const groceries = (await api.post('/api/finance/categories/', { name: 'Groceries', kind: 'EXPENSE' }))
    .body as { id: number };
  const food = (await api.post('/api/finance/categories/', { name: 'Food' })).body as { id: number };
  for (const amount of ['10.00', '20.00']) {
    await api.post('/api/finance/transactions/', {
      category: groceries.id,
      type: 'EXPENSE',
      amount,
      date: '2026-11-02',
    });
  }
  return { api, groceries, food };
}

describe('REST categories', () => {
  it('show their kind, and PATCH changes the kind alone', async () => {
    const { api, groceries, food } = await household('cat-kinds');
    expect((await api.get('/api/finance/categories/')).body).toEqual([
      { id: food.id, name: 'Food', kind: null },
      { id: groceries.id, name: 'Groceries', kind: 'EXPENSE' },
    ]);
    const patched = await api.patch(`/api/finance/categories/${food.id}/`, { kind: 'INCOME' });
    expect(patched.body).toEqual({ id: food.id, name: 'Food', kind: 'INCOME' });
    const refused = await api.patch(`/api/finance/categories/${food.id}/`, { kind: 'SAVINGS' });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ kind: [expect.any(String)] });
  });

  it('DELETE ?reassign_to= moves the transactions first, atomically; without it a used category stays', async () => {
    const { api, groceries, food } = await household('cat-reassign');
    const refused = await api.delete(`/api/finance/categories/${groceries.id}/`);
    expect(refused.status).toBe(409);
    const unknown = await api.delete(`/api/finance/categories/${groceries.id}/?reassign_to=999999`);
    expect(unknown.status).toBe(404);
    expect((await api.get(`/api/finance/categories/${groceries.id}/`)).status).toBe(200);
    const moved = await api.delete(`/api/finance/categories/${groceries.id}/?reassign_to=${food.id}`);
    expect(moved.status).toBe(204);
    expect((await api.get('/api/finance/categories/')).body).toEqual([
      { id: food.id, name: 'Food', kind: null },
    ]);
    const summary = await api.get('/api/finance/summary/?month=2026-11');
    expect(summary.body).toMatchObject({ total_expense: '30.00' });
  });

  it('POST /merge/ moves everything into the other category and says how many moved', async () => {
    const { api, groceries, food } = await household('cat-merge');
    const merged = await api.post(`/api/finance/categories/${groceries.id}/merge/`, { into: food.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({ id: food.id, moved: 2 });
    expect((await api.get(`/api/finance/categories/${groceries.id}/`)).status).toBe(404);
  });
});

describe('REST bulk changes and suggestions', () => {
  it('re-files, then deletes, many transactions in one request', async () => {
    const { api, groceries, food } = await household('bulk');
    const page = (await api.get('/api/finance/transactions/?limit=10')).body as { results: { id: number }[] };
    const ids = page.results.map((row) => row.id);
    const refiled = await api.post('/api/finance/transactions/bulk/', {
      action: 'update',
      ids,
      category: food.id,
    });
    expect(refiled.body).toEqual({ count: 2 });
    const refiledPage = await api.get(`/api/finance/transactions/?limit=10&category=${groceries.id}`);
    expect(refiledPage.body).toMatchObject({ count: 0 });
    const empty = await api.post('/api/finance/transactions/bulk/', { action: 'delete', ids: [] });
    expect(empty.status).toBe(400);
    const deleted = await api.post('/api/finance/transactions/bulk/', { action: 'delete', ids });
    expect(deleted.body).toEqual({ count: 2 });
    expect((await api.get('/api/finance/transactions/?limit=1')).body).toMatchObject({ count: 0 });
  });

  it('suggests the category last used with a payee', async () => {
    const { api, food } = await household('suggest');
    await api.post('/api/finance/transactions/', {
      category: food.id,
      type: 'EXPENSE',
      amount: '3.00',
      date: '2026-11-04',
      payee: 'Corner Bakery',
    });
    const suggestion = await api.get('/api/finance/transactions/suggest-category/?payee=corner%20bakery');
    expect(suggestion.body).toEqual({ category: food.id, source: 'history' });
  });

  it('sorts a page with ?ordering=', async () => {
    const { api } = await household('ordering');
    const page = (await api.get('/api/finance/transactions/?limit=2&ordering=-amount')).body as {
      results: { amount: string }[];
    };
    expect(page.results.map((row) => row.amount)).toEqual(['20.00', '10.00']);
    const unpaged = await api.get('/api/finance/transactions/?ordering=amount');
    expect(unpaged.status).toBe(400);
    const unknown = await api.get('/api/finance/transactions/?limit=2&ordering=salary');
    expect(unknown.status).toBe(400);
  });
});
