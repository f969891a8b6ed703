import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restAs, restUser, startTestServer, type TestServer } from '../testing/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function demoUser() {
  const user = await restUser(server.url, 'planner');
  const api = restAs(server.url, user);
  expect((await api.post('/api/finance/demo/', { months: 12 })).status).toBe(201);
  return api;
}

describe('REST recurring payments and forecast', () => {
  it('list the recurring series, confirm one and dismiss another for good', async () => {
    const api = await demoUser();
    const listed = await api.get('/api/finance/recurring/');
    expect(listed.status).toBe(200);
    const series = listed.body as { id: number; payee: string; cadence: string; status: string }[];
    expect(series.length).toBeGreaterThan(2);
    expect(series[0]).toEqual({
      id: expect.any(Number),
      payee: expect.any(String),
      category: expect.any(Number),
      category_name: expect.any(String),
      type: expect.stringMatching(/^(INCOME|EXPENSE)$/),
      cadence: expect.stringMatching(/^(WEEKLY|BIWEEKLY|MONTHLY|QUARTERLY|YEARLY)$/),
      amount: expect.stringMatching(/^\d+\.\d{2}$/),
      amount_min: expect.stringMatching(/^\d+\.\d{2}$/),
      amount_max: expect.stringMatching(/^\d+\.\d{2}$/),
      last_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      next_expected: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      confidence: expect.any(Number),
      occurrences: expect.any(Number),
      status: 'DETECTED',
      edited: false,
    });
    const [first, second] = series;
    const confirmed = await api.patch(`/api/finance/recurring/${first?.id}/`, {
      status: 'CONFIRMED',
      amount: '99.99',
    });
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', amount: '99.99', edited: true });
    expect((await api.patch(`/api/finance/recurring/${second?.id}/`, { status: 'DISMISSED' })).status).toBe(
      200,
    );
    const after = (await api.get('/api/finance/recurring/')).body as { id: number }[];
    expect(after.map((s) => s.id)).not.toContain(second?.id);
    const all = (await api.get('/api/finance/recurring/?include_dismissed=true')).body as { id: number }[];
    expect(all.map((s) => s.id)).toContain(second?.id);
    const bad = await api.patch(`/api/finance/recurring/${first?.id}/`, { status: 'MAYBE', amount: '1.234' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body as object).sort()).toEqual(['amount', 'status']);
    const other = restAs(server.url, await restUser(server.url, 'intruder'));
    expect((await other.patch(`/api/finance/recurring/${first?.id}/`, { status: 'DISMISSED' })).status).toBe(
      404,
    );
    expect((await other.get('/api/finance/recurring/')).body).toEqual([]);
  });

  it('forecast the month’s end in the documented shape', async () => {
    const api = await demoUser();
    const forecast = await api.get('/api/finance/forecast/');
    expect(forecast.status).toBe(200);
    const part = {
      booked: expect.stringMatching(/^\d+\.\d{2}$/),
      recurring_due: expect.stringMatching(/^\d+\.\d{2}$/),
      variable: expect.stringMatching(/^\d+\.\d{2}$/),
      expected: expect.stringMatching(/^\d+\.\d{2}$/),
      low: expect.stringMatching(/^\d+\.\d{2}$/),
      high: expect.stringMatching(/^\d+\.\d{2}$/),
    };
    expect(forecast.body).toEqual({
      month: new Date().toISOString().slice(0, 7),
      as_of: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      days_left: expect.any(Number),
      income: part,
      expense: part,
      safe_to_spend_per_day: expect.stringMatching(/^\d+\.\d{2}$/),
      due: expect.any(Array),
    });
    expect((await api.get('/api/finance/forecast/?month=2999-01')).body).toEqual({
      month: ['A forecast is for the current month or an earlier one.'],
    });
  });
});
