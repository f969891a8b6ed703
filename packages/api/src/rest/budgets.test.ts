import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restAs, restUser, startTestServer, type TestServer } from '../testing/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const thisMonth = () => new Date().toISOString().slice(0, 7);
const today = () => new Date().toISOString().slice(0, 10);

async function withCategory(name = 'Groceries') {
  const user = await restUser(server.url, 'budgets');
  const api = restAs(server.url, user);
  const category = (await api.post('/api/finance/categories/', { name })).body as { id: number };
  return { user, api, category };
}

describe('REST budgets', () => {
  it('are created, read, changed from a month on, and deleted in the documented shapes', async () => {
    const { api, category } = await withCategory();
    const created = await api.post('/api/finance/budgets/', {
      category: category.id,
      amount: '400',
      rollover: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      category: category.id,
      category_name: 'Groceries',
      amount: '400.00',
      start_month: thisMonth(),
      rollover: true,
      changes: [{ month: thisMonth(), amount: '400.00' }],
      created_at: expect.stringMatching(/Z$/),
      updated_at: expect.stringMatching(/Z$/),
    });
    const id = (created.body as { id: number }).id;
    expect((await api.get('/api/finance/budgets/')).body).toEqual([created.body]);
    const changed = await api.patch(`/api/finance/budgets/${id}/`, { amount: '450.50' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      amount: '450.50',
      changes: [{ month: thisMonth(), amount: '450.50' }],
    });
    // A GET-modify-PUT round trip.
    const put = await api.put(`/api/finance/budgets/${id}/`, {
      ...(changed.body as object),
      rollover: false,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ rollover: false, amount: '450.50' });
    expect((await api.delete(`/api/finance/budgets/${id}/`)).status).toBe(204);
    expect((await api.get(`/api/finance/budgets/${id}/`)).status).toBe(404);
  });

  it('refuse bad input with field errors and change nothing', async () => {
    const { api, category } = await withCategory();
    const bad = await api.post('/api/finance/budgets/', {
      category: category.id,
      amount: 12.5,
      start_month: '2026-13',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ start_month: ['Enter a valid month in the format YYYY-MM.'] });
    const float = await api.post('/api/finance/budgets/', { category: category.id, amount: '1.234' });
    expect(float.body).toEqual({ amount: ['Ensure that there are no more than 2 decimal places.'] });
    await api.post('/api/finance/budgets/', { category: category.id, amount: '10' });
    const twice = await api.post('/api/finance/budgets/', { category: category.id, amount: '20' });
    expect(twice.status).toBe(400);
    expect(twice.body).toEqual({
      category: ['This category already has a budget: change that one instead.'],
    });
    expect((await api.get('/api/finance/budgets/')).body).toHaveLength(1);
  });

  it('never show or touch another user’s budget', async () => {
    const { api, category } = await withCategory();
    const id = (
      (await api.post('/api/finance/budgets/', { category: category.id, amount: '10' })).body as {
        id: number;
      }
    ).id;
    const other = restAs(server.url, await restUser(server.url, 'intruder'));
    expect((await other.get(`/api/finance/budgets/${id}/`)).status).toBe(404);
    expect((await other.patch(`/api/finance/budgets/${id}/`, { amount: '1' })).status).toBe(404);
    expect((await other.delete(`/api/finance/budgets/${id}/`)).status).toBe(404);
    expect((await other.post('/api/finance/budgets/', { category: category.id, amount: '1' })).status).toBe(
      400,
    );
    expect((await other.get('/api/finance/budgets/status/')).body).toMatchObject({ budgets: [] });
  });

  it('report the month’s status, and an alert when spending passes 80 %', async () => {
    const { api, category } = await withCategory();
    await api.post('/api/finance/budgets/', { category: category.id, amount: '100' });
    await api.post('/api/finance/transactions/', {
      category: category.id,
      type: 'EXPENSE',
      amount: '85.00',
      date: today(),
    });
    const status = await api.get('/api/finance/budgets/status/');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      month: thisMonth(),
      budgets: [
        {
          category: category.id,
          category_name: 'Groceries',
          limit: '100.00',
          carried_in: '0.00',
          spent: '85.00',
          remaining: '15.00',
          percent: 85,
          status: 'warning',
        },
      ],
      totals: { limit: '100.00', spent: '85.00', remaining: '15.00', percent: 85 },
      unbudgeted: '0.00',
    });
    expect((await api.get('/api/finance/budgets/status/?month=2026-13')).status).toBe(400);

    const alerts = await api.get('/api/finance/alerts/?unread=true');
    expect(alerts.status).toBe(200);
    expect(alerts.body).toMatchObject({ count: 1, unread: 1, next: null, previous: null });
    const [alert] = (alerts.body as { results: { id: number; kind: string; read: boolean; link: string }[] })
      .results;
    expect(alert).toMatchObject({
      kind: 'BUDGET_WARNING',
      read: false,
      link: `/budgets?month=${thisMonth()}`,
    });
    const read = await api.patch(`/api/finance/alerts/${alert?.id}/`, { read: true });
    expect(read.body).toMatchObject({ read: true, read_at: expect.stringMatching(/Z$/) });
    expect((await api.get('/api/finance/alerts/?unread=true')).body).toMatchObject({
      count: 0,
      unread: 0,
      results: [],
    });
    expect((await api.get('/api/finance/alerts/')).body).toMatchObject({ count: 1, unread: 0 });
    expect((await api.patch(`/api/finance/alerts/${alert?.id}/`, { read: 'yes' })).status).toBe(400);

    await api.post('/api/finance/transactions/', {
      category: category.id,
      type: 'EXPENSE',
      amount: '20.00',
      date: today(),
    });
    const all = await api.post('/api/finance/alerts/read-all/', {});
    expect(all.body).toEqual({ updated: 1 });
    const other = restAs(server.url, await restUser(server.url, 'intruder'));
    expect((await other.patch(`/api/finance/alerts/${alert?.id}/`, { read: false })).status).toBe(404);
    expect((await other.get('/api/finance/alerts/')).body).toMatchObject({ count: 0 });
  });
});
