import { tableCounts } from '@finsight/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type RestUser, restAs, restUser, startTestServer, type TestServer } from '../testing/server';

let server: TestServer;
let jane: RestUser;
let mallory: RestUser;

beforeAll(async () => {
  server = await startTestServer();
  jane = await restUser(server.url, 'jane');
  mallory = await restUser(server.url, 'mallory');
});
afterAll(() => server.close());

const as = (user: RestUser) => restAs(server.url, user);

describe('auth endpoints', () => {
  it('registers with 201 {id, username, email} and no password or tokens', async () => {
    const response = await call(server.url, 'POST', '/api/auth/register/', {
      username: 'newbie',
      email: 'Newbie@Example.com',
      password: 'violet-harbour-42',
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      username: 'newbie',
      email: 'newbie@example.com',
    });
  });

  it('refuses a duplicate email or a weak password with field errors', async () => {
    const duplicate = await call(server.url, 'POST', '/api/auth/register/', {
      username: 'other',
      email: 'NEWBIE@example.com',
      password: 'violet-harbour-42',
    });
    expect(duplicate).toMatchObject({
      status: 400,
      body: { email: ['A user with that email already exists.'] },
    });
    const weak = await call(server.url, 'POST', '/api/auth/register/', {
      username: 'weakling',
      email: 'weak@example.com',
      password: '12345678',
    });
    expect(weak.status).toBe(400);
    expect((weak.body as { password: string[] }).password).toContain('This password is entirely numeric.');
  });

  it('logs in with {access, refresh}, and refuses bad credentials with 401 {detail}', async () => {
    const ok = await call(server.url, 'POST', '/api/auth/login/', {
      email: jane.email,
      password: jane.password,
    });
    expect(ok).toMatchObject({
      status: 200,
      body: { access: expect.any(String), refresh: expect.any(String) },
    });
    const bad = await call(server.url, 'POST', '/api/auth/login/', {
      email: jane.email,
      password: 'wrong-password',
    });
    expect(bad).toMatchObject({
      status: 401,
      body: { detail: 'No active account found with the given credentials' },
    });
  });

  it('refreshes an access token, and refuses an access token in place of a refresh token', async () => {
    const ok = await call(server.url, 'POST', '/api/auth/refresh/', { refresh: jane.refresh });
    expect(ok).toMatchObject({
      status: 200,
      body: { access: expect.any(String), refresh: expect.any(String) },
    });
    jane.refresh = (ok.body as { refresh: string }).refresh;
    const works = await call(
      server.url,
      'GET',
      '/api/finance/categories/',
      undefined,
      (ok.body as { access: string }).access,
    );
    expect(works.status).toBe(200);
    const wrongType = await call(server.url, 'POST', '/api/auth/refresh/', { refresh: jane.access });
    expect(wrongType).toMatchObject({ status: 401, body: { detail: 'Token is invalid or expired' } });
    const missing = await call(server.url, 'POST', '/api/auth/refresh/', {});
    expect(missing).toMatchObject({ status: 400, body: { refresh: ['This field is required.'] } });
  });
});

describe('categories endpoints', () => {
  let food: number;

  it('creates (201 {id, name}) and lists', async () => {
    const created = await as(jane).post('/api/finance/categories/', { name: ' Food ' });
    expect(created).toMatchObject({ status: 201, body: { id: expect.any(Number), name: 'Food' } });
    food = (created.body as { id: number }).id;
    await as(jane).post('/api/finance/categories/', { name: 'Salary' });
    const list = await as(jane).get('/api/finance/categories/');
    expect(list).toMatchObject({ status: 200, body: [{ name: 'Food' }, { name: 'Salary' }] });
    expect(Object.keys((list.body as object[])[0] ?? {})).toEqual(['id', 'name', 'kind']);
  });

  it('refuses a duplicate name (400 {name}) and a blank one', async () => {
    expect(await as(jane).post('/api/finance/categories/', { name: 'FOOD' })).toMatchObject({
      status: 400,
      body: { name: ['You already have a category named "FOOD".'] },
    });
    expect(await as(jane).post('/api/finance/categories/', { name: '' })).toMatchObject({
      status: 400,
      body: { name: ['This field may not be blank.'] },
    });
  });

  it('gets, renames and deletes by id', async () => {
    expect(await as(jane).get(`/api/finance/categories/${food}/`)).toMatchObject({
      status: 200,
      body: { id: food, name: 'Food' },
    });
    expect(await as(jane).patch(`/api/finance/categories/${food}/`, { name: 'Groceries' })).toMatchObject({
      status: 200,
      body: { id: food, name: 'Groceries' },
    });
    const spare = await as(jane).post('/api/finance/categories/', { name: 'Spare' });
    const spareId = (spare.body as { id: number }).id;
    expect((await as(jane).delete(`/api/finance/categories/${spareId}/`)).status).toBe(204);
    expect(await as(jane).get(`/api/finance/categories/${spareId}/`)).toMatchObject({
      status: 404,
      body: { detail: 'Not found.' },
    });
  });

  it('refuses to delete a used category with 409 {detail}', async () => {
    await as(jane).post('/api/finance/transactions/', {
      category: food,
      type: 'EXPENSE',
      amount: '3.00',
      date: '2026-01-01',
    });
    const response = await as(jane).delete(`/api/finance/categories/${food}/`);
    expect(response).toMatchObject({
      status: 409,
      body: { detail: expect.stringContaining('Cannot delete category "Groceries"') },
    });
  });
});

describe('transactions endpoints', () => {
  let category: number;
  let id: number;

  beforeAll(async () => {
    category = ((await as(jane).post('/api/finance/categories/', { name: 'Rent' })).body as { id: number })
      .id;
  });

  it('creates with 201 and the documented shape; a JSON number amount comes back as a decimal string', async () => {
    const response = await as(jane).post('/api/finance/transactions/', {
      category,
      type: 'EXPENSE',
      amount: 1450,
      date: '2026-02-01',
      note: 'February rent',
      user: mallory.id,
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      category,
      type: 'EXPENSE',
      amount: '1450.00',
      date: '2026-02-01',
      note: 'February rent',
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      // Added with accounts: a client that sends neither gets the default account and no payee.
      account: expect.any(Number),
      payee: '',
      transfer: null,
    });
    id = (response.body as { id: number }).id;
  });

  it('accepts the category id as a numeric string, as DRF does', async () => {
    const response = await as(jane).post('/api/finance/transactions/', {
      category: String(category),
      type: 'EXPENSE',
      amount: '12.5',
      date: '2026-02-03',
    });
    expect(response).toMatchObject({ status: 201, body: { amount: '12.50', category } });
  });

  it('retrieves, patches, puts and deletes', async () => {
    expect(await as(jane).get(`/api/finance/transactions/${id}/`)).toMatchObject({
      status: 200,
      body: { id, amount: '1450.00' },
    });
    expect(await as(jane).patch(`/api/finance/transactions/${id}/`, { amount: '1500.00' })).toMatchObject({
      status: 200,
      body: { amount: '1500.00', note: 'February rent' },
    });
    const current = (await as(jane).get(`/api/finance/transactions/${id}/`)).body as Record<string, unknown>;
    // A GET-modify-PUT round trip, read-only fields included, works.
    expect(
      await as(jane).put(`/api/finance/transactions/${id}/`, { ...current, date: '2026-03-01', note: '' }),
    ).toMatchObject({
      status: 200,
      body: { date: '2026-03-01', note: '', amount: '1500.00' },
    });
    expect(await as(jane).put(`/api/finance/transactions/${id}/`, { amount: '5' })).toMatchObject({
      status: 400,
      body: { category: [expect.any(String)], type: [expect.any(String)], date: [expect.any(String)] },
    });
    expect((await as(jane).delete(`/api/finance/transactions/${id}/`)).status).toBe(204);
    expect(await as(jane).get(`/api/finance/transactions/${id}/`)).toMatchObject({
      status: 404,
      body: { detail: 'Not found.' },
    });
  });

  it('lists as a plain array, or as a {count, next, previous, results} page with ?limit=', async () => {
    for (const day of ['10', '11', '12', '13']) {
      await as(jane).post('/api/finance/transactions/', {
        category,
        type: 'INCOME',
        amount: '1',
        date: `2026-04-${day}`,
      });
    }
    const all = await as(jane).get('/api/finance/transactions/');
    expect(Array.isArray(all.body)).toBe(true);
    const first = await as(jane).get('/api/finance/transactions/?type=INCOME&limit=3');
    expect(first).toMatchObject({ status: 200, body: { count: 4, previous: null } });
    const page = first.body as { next: string; results: { date: string }[] };
    expect(page.results.map((t) => t.date)).toEqual(['2026-04-13', '2026-04-12', '2026-04-11']);
    // Relative to this server: never built from the Host header a client sends.
    expect(page.next).toBe('/api/finance/transactions/?type=INCOME&limit=3&offset=3');
    const second = await as(jane).get(page.next);
    expect(second.body).toMatchObject({ count: 4, next: null, results: [{ date: '2026-04-10' }] });
    expect((second.body as { previous: string }).previous).toBe(
      '/api/finance/transactions/?type=INCOME&limit=3',
    );
  });

  it('never echoes a Host or X-Forwarded-Proto header into the page links', async () => {
    // fetch() drops a Host header it is given; inject() sends exactly what it is told.
    const forged = await server.app.inject({
      method: 'GET',
      url: '/api/finance/transactions/?limit=1',
      headers: {
        authorization: `Bearer ${jane.access}`,
        host: 'evil.example',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
      },
    });
    expect(forged.statusCode).toBe(200);
    expect(forged.body).not.toContain('evil.example');
    expect(forged.json().next).toBe('/api/finance/transactions/?limit=1&offset=1');
  });

  it('writes absolute page links under PUBLIC_URL when one is configured', async () => {
    const behindProxy = await startTestServer({ env: { PUBLIC_URL: 'https://money.example.org/' } });
    try {
      const owner = await restUser(behindProxy.url, 'proxied');
      for (const date of ['2026-04-01', '2026-04-02']) {
        const created = await call(
          behindProxy.url,
          'POST',
          '/api/finance/categories/',
          { name: date },
          owner.access,
        );
        const id = (created.body as { id: number }).id;
        await call(
          behindProxy.url,
          'POST',
          '/api/finance/transactions/',
          { category: id, type: 'EXPENSE', amount: '1', date },
          owner.access,
        );
      }
      const page = await behindProxy.app.inject({
        method: 'GET',
        url: '/api/finance/transactions/?limit=1',
        headers: { authorization: `Bearer ${owner.access}`, host: 'evil.example' },
      });
      expect(page.json().next).toBe('https://money.example.org/api/finance/transactions/?limit=1&offset=1');
      const document = await call(behindProxy.url, 'GET', '/api/openapi.json');
      expect((document.body as { servers: { url: string }[] }).servers[0]?.url).toBe(
        'https://money.example.org',
      );
    } finally {
      await behindProxy.close();
    }
  });

  it('refuses a start after the end with a 400 naming both, paged or not', async () => {
    for (const path of [
      '/api/finance/transactions/?start=2026-05-01&end=2026-04-01',
      '/api/finance/transactions/?start=2026-05-01&end=2026-04-01&limit=10',
    ]) {
      expect(await as(jane).get(path)).toMatchObject({
        status: 400,
        body: { start: ['Must be on or before "end".'], end: ['Must be on or after "start".'] },
      });
    }
  });

  it('filters by ?start=, ?end=, ?type= and ?category=', async () => {
    const response = await as(jane).get(
      `/api/finance/transactions/?start=2026-04-11&end=2026-04-12&category=${category}`,
    );
    expect((response.body as { date: string }[]).map((t) => t.date)).toEqual(['2026-04-12', '2026-04-11']);
    expect(await as(jane).get('/api/finance/transactions/?start=2026-02-30')).toMatchObject({
      status: 400,
      body: { start: [expect.any(String)] },
    });
  });

  it('refuses invalid values with field errors', async () => {
    const response = await as(jane).post('/api/finance/transactions/', {
      category,
      type: 'LOAN',
      amount: '-3',
      date: '2026-13-01',
    });
    expect(response).toMatchObject({
      status: 400,
      body: {
        type: [expect.any(String)],
        amount: ['Ensure this value is greater than 0.'],
        date: [expect.any(String)],
      },
    });
  });

  it('answers a malformed id like an unknown one: 404', async () => {
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999', '2147483648']) {
      expect(await as(jane).get(`/api/finance/transactions/${bad}/`)).toMatchObject({
        status: 404,
        body: { detail: 'Not found.' },
      });
    }
  });
});

describe('insight endpoints', () => {
  it('serve the month given, or the current one', async () => {
    const summary = await as(jane).get('/api/finance/summary/?month=2026-04');
    expect(summary).toMatchObject({
      status: 200,
      body: {
        year: 2026,
        month: 4,
        total_income: '4.00',
        total_expense: '0.00',
        savings: '4.00',
        transaction_count: 4,
      },
    });
    expect(await as(jane).get('/api/finance/income-vs-expense/?month=2026-04')).toMatchObject({
      status: 200,
      body: { month: '2026-04', income: '4.00', expense: '0.00', savings: '4.00', savings_rate: 100 },
    });
    expect(await as(jane).get('/api/finance/breakdown/?month=2026-02')).toMatchObject({
      status: 200,
      body: {
        month: '2026-02',
        total_expense: '12.50',
        categories: [{ category: 'Rent', total: '12.50', share: 100 }],
      },
    });
    expect(await as(jane).get('/api/finance/anomalies/?month=2026-04')).toMatchObject({
      status: 200,
      body: { month: '2026-04', history_months: expect.any(Number), anomalies: [] },
    });
    const narrative = await as(jane).get('/api/finance/narrative/?month=2026-04');
    expect(narrative).toMatchObject({
      status: 200,
      body: {
        month: '2026-04',
        text: expect.stringContaining('In April 2026 you earned $4.00 and spent $0.00'),
        savings_rate: 100,
      },
    });
    const now = new Date();
    const current = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(await as(mallory).get('/api/finance/income-vs-expense/')).toMatchObject({
      body: { month: current, income: '0.00' },
    });
  });

  it.each([
    '/api/finance/summary/',
    '/api/finance/income-vs-expense/',
    '/api/finance/breakdown/',
    '/api/finance/anomalies/',
    '/api/finance/narrative/',
  ])('%s refuses a malformed month with 400 {month}', async (path) => {
    expect(await as(jane).get(`${path}?month=2026-4`)).toMatchObject({
      status: 400,
      body: { month: [expect.any(String)] },
    });
  });
});

describe('another user’s objects', () => {
  it('are 404 on every endpoint that takes an id, and nothing changes', async () => {
    const category = (
      (await as(jane).post('/api/finance/categories/', { name: 'Private' })).body as { id: number }
    ).id;
    const transaction = (
      (
        await as(jane).post('/api/finance/transactions/', {
          category,
          type: 'EXPENSE',
          amount: '9.99',
          date: '2026-05-05',
        })
      ).body as {
        id: number;
      }
    ).id;
    const before = await tableCounts(server.database.db);
    const attempts = [
      as(mallory).get(`/api/finance/categories/${category}/`),
      as(mallory).patch(`/api/finance/categories/${category}/`, { name: 'Stolen' }),
      as(mallory).delete(`/api/finance/categories/${category}/`),
      as(mallory).get(`/api/finance/transactions/${transaction}/`),
      as(mallory).patch(`/api/finance/transactions/${transaction}/`, { amount: '1' }),
      as(mallory).put(`/api/finance/transactions/${transaction}/`, {
        category,
        type: 'INCOME',
        amount: '1',
        date: '2026-05-05',
      }),
      as(mallory).delete(`/api/finance/transactions/${transaction}/`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
    }
    // Filing a transaction under someone else's category is refused as if it did not exist.
    expect(
      await as(mallory).post('/api/finance/transactions/', {
        category,
        type: 'EXPENSE',
        amount: '1',
        date: '2026-05-05',
      }),
    ).toMatchObject({
      status: 400,
      body: { category: [`Invalid pk "${category}" - object does not exist.`] },
    });
    expect(await tableCounts(server.database.db)).toEqual(before);
    expect(await as(jane).get(`/api/finance/transactions/${transaction}/`)).toMatchObject({
      status: 200,
      body: { amount: '9.99' },
    });
    const listed = (await as(mallory).get('/api/finance/transactions/')).body as { id: number }[];
    expect(listed.map((t) => t.id)).not.toContain(transaction);
  });
});

describe('the server', () => {
  it('reports health and readiness', async () => {
    expect(await call(server.url, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await call(server.url, 'GET', '/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready' },
    });
  });

  it('sends security headers and a request id', async () => {
    const response = await call(server.url, 'GET', '/healthz', undefined, undefined, {
      'x-request-id': 'trace-123',
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toBeTruthy();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('points at the trailing slash when it is missing', async () => {
    expect(await as(jane).get('/api/finance/categories')).toMatchObject({
      status: 404,
      body: { detail: 'Not found. Did you mean /api/finance/categories/ (with a trailing slash)?' },
    });
  });

  it('serves the interactive docs with and without the trailing slash, assets included', async () => {
    for (const path of ['/api/docs', '/api/docs/']) {
      const page = await fetch(`${server.url}${path}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
      expect(assets.length).toBeGreaterThan(3);
      for (const asset of assets) {
        const url = new URL(asset, `${server.url}${path}`);
        expect((await fetch(url)).status, `${path} -> ${url.pathname}`).toBe(200);
      }
    }
  });
});
