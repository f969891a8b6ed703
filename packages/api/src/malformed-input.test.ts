import { tableCounts } from '@finsight/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestUser, restUser, startTestServer, type TestServer } from './testing/server';

let server: TestServer;
let user: RestUser;
let category: number;
let transaction: number;

beforeAll(async () => {
  server = await startTestServer();
  user = await restUser(server.url, 'fuzz');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${user.access}` };
  const created = await fetch(`${server.url}/api/finance/categories/`, {
    method: 'POST',
    headers,
    body: '{"name":"Food"}',
  });
  category = ((await created.json()) as { id: number }).id;
  const tx = await fetch(`${server.url}/api/finance/transactions/`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ category, type: 'EXPENSE', amount: '5.00', date: '2026-01-05' }),
  });
  transaction = ((await tx.json()) as { id: number }).id;
});
afterAll(() => server.close());

interface Case {
  name: string;
  method: string;
  path: string;
  /** A raw body (sent as is) or a value (sent as JSON). */
  body?: unknown;
  contentType?: string;
}

/** Values each kind of field must refuse. */
const bad = {
  // null is a valid note ("no note"), so it is not in this list.
  text: [true, 42, -1, [], {}, ['a']],
  requiredText: [null, true, 42, -1, '', '   ', [], {}, ['a']],
  money: [null, true, 'text', '', -1, 0, '0.00', '1e3', 'NaN', 1.005, '12.345', [], {}, ['1']],
  id: [null, true, 'text', '', -1, 0, 1.5, 2 ** 31, [], {}, [1]],
  type: [null, true, 42, 'text', '', 'expense', [], {}],
  date: [null, true, 42, 'text', '', '2026-02-30', '2026/02/01', [], {}],
  email: [null, true, 42, [], {}],
};

function bodyCases(method: string, path: string, fields: Record<string, [unknown, unknown[]]>): Case[] {
  const valid = Object.fromEntries(Object.entries(fields).map(([field, [value]]) => [field, value]));
  const cases: Case[] = [];
  for (const [field, [, refused]] of Object.entries(fields)) {
    for (const value of refused) {
      cases.push({
        name: `${field}=${JSON.stringify(value)}`,
        method,
        path,
        body: { ...valid, [field]: value },
      });
    }
    const { [field]: _, ...missing } = valid;
    if (method !== 'PATCH' && field !== 'note')
      cases.push({ name: `without ${field}`, method, path, body: missing });
    cases.push({ name: `${field} huge`, method, path, body: { ...valid, [field]: 'x'.repeat(20_000) } });
  }
  cases.push(
    { name: 'an unknown field', method, path, body: { ...valid, isAdmin: true } },
    { name: 'a body over the size limit', method, path, body: { ...valid, padding: 'x'.repeat(100_000) } },
    { name: 'a JSON array', method, path, body: [valid] },
    { name: 'a JSON string', method, path, body: '"hello"' },
    { name: 'a JSON number', method, path, body: '42' },
    { name: 'JSON null', method, path, body: 'null' },
    { name: 'broken JSON {', method, path, body: '{' },
    { name: 'broken JSON {"a":', method, path, body: '{"a":' },
    { name: 'broken JSON with a trailing comma', method, path, body: '{"name": "x",}' },
    { name: 'single-quoted JSON', method, path, body: "{'name': 'x'}" },
    { name: 'text/plain', method, path, body: 'name=x', contentType: 'text/plain' },
    {
      name: 'form-encoded',
      method,
      path,
      body: 'name=x&amount=1',
      contentType: 'application/x-www-form-urlencoded',
    },
    { name: 'XML', method, path, body: '<name>x</name>', contentType: 'application/xml' },
  );
  return cases;
}

const transactionFields = (): Record<string, [unknown, unknown[]]> => ({
  category: [category, bad.id],
  type: ['EXPENSE', bad.type],
  amount: ['12.50', bad.money],
  date: ['2026-02-01', bad.date],
  note: ['ok', bad.text],
});

function corpus(): Case[] {
  const t = `/api/finance/transactions/${transaction}/`;
  const c = `/api/finance/categories/${category}/`;
  const queries = [
    'limit=abc',
    'limit=0',
    'limit=-1',
    'limit=1e3',
    'limit=99999',
    'limit=1.5',
    'limit=',
    'offset=-5&limit=5',
    'offset=x&limit=5',
    'start=2026-02-30',
    'end=yesterday',
    'start=2026-1-1',
    'type=foo',
    'type=expense',
    'category=abc',
    'category=-1',
    'category=0',
    'category=99999999999',
    'start=2026-01-01&start=2026-02-01',
    'limit=1&limit=2',
    `search=${'x'.repeat(500)}`,
  ].map((query) => ({
    name: `?${query.slice(0, 40)}`,
    method: 'GET',
    path: `/api/finance/transactions/?${query}`,
  }));
  const months = [
    '2026-13',
    'abc',
    '2026-1',
    '26-01',
    '2026-01-01',
    '0000-00',
    'month=2026-01&month=2026-02',
  ].flatMap((month) =>
    ['summary', 'income-vs-expense', 'breakdown', 'anomalies'].map((endpoint) => ({
      name: `${endpoint} ?month=${month}`,
      method: 'GET',
      path: month.includes('=')
        ? `/api/finance/${endpoint}/?${month}`
        : `/api/finance/${endpoint}/?month=${month}`,
    })),
  );
  const trpc = [
    ...bad.money.map((value) => ({
      name: `tRPC create amount=${JSON.stringify(value)}`,
      method: 'POST',
      path: '/trpc/transactions.create',
      body: { categoryId: category, type: 'EXPENSE', amount: value, date: '2026-02-01' },
    })),
    {
      name: 'tRPC create with broken JSON',
      method: 'POST',
      path: '/trpc/transactions.create',
      body: '{"amount":',
    },
    { name: 'tRPC create with no body', method: 'POST', path: '/trpc/transactions.create', body: '' },
    {
      name: 'tRPC list with a string limit',
      method: 'GET',
      path: `/trpc/transactions.list?input=${encodeURIComponent('{"limit":"5"}')}`,
    },
    { name: 'tRPC list with broken input', method: 'GET', path: '/trpc/transactions.list?input=%7B' },
    {
      name: 'tRPC byId with a string id',
      method: 'GET',
      path: `/trpc/transactions.byId?input=${encodeURIComponent('{"id":"1"}')}`,
    },
    { name: 'tRPC unknown procedure', method: 'POST', path: '/trpc/transactions.explode', body: {} },
    { name: 'tRPC query called as a mutation', method: 'POST', path: '/trpc/transactions.list', body: {} },
  ];
  return [
    ...bodyCases('POST', '/api/auth/register/', {
      username: ['fuzzer', bad.requiredText],
      email: ['fuzzer@example.com', [...bad.email, 'not-an-email', '']],
      password: ['violet-harbour-42', [...bad.email, '', 'short', '12345678901']],
    }),
    ...bodyCases('POST', '/api/auth/login/', {
      email: [user.email, bad.email],
      password: ['wrong-but-string', bad.email],
    }),
    ...bodyCases('POST', '/api/finance/categories/', { name: ['Fuzz', bad.requiredText] }),
    ...bodyCases('PATCH', c, { name: ['Fuzz', bad.requiredText] }),
    ...bodyCases('POST', '/api/finance/transactions/', transactionFields()),
    ...bodyCases('PUT', t, transactionFields()),
    ...bodyCases('PATCH', t, transactionFields()),
    ...queries,
    ...months,
    ...trpc,
  ];
}

describe('malformed input', () => {
  it('has a corpus of at least 200 cases', () => {
    const size = corpus().length;
    console.info(`malformed-input corpus: ${size} cases`);
    expect(size).toBeGreaterThanOrEqual(200);
  });

  it('gets a 4xx with a useful message for every case, never a 5xx, and writes nothing', async () => {
    const before = await tableCounts(server.database.db);
    const outcomes: string[] = [];
    for (const testCase of corpus()) {
      const raw = typeof testCase.body === 'string';
      const response = await fetch(server.url + testCase.path, {
        method: testCase.method,
        headers: {
          authorization: `Bearer ${user.access}`,
          ...(testCase.body === undefined
            ? {}
            : { 'content-type': testCase.contentType ?? 'application/json' }),
        },
        body:
          testCase.body === undefined
            ? undefined
            : raw
              ? (testCase.body as string)
              : JSON.stringify(testCase.body),
      });
      const text = await response.text();
      const useful = text.length > 0 && /"(detail|message|[a-z_]+)"\s*:\s*\[?\s*"[^"]{3,}/.test(text);
      if (response.status < 400 || response.status >= 500 || !useful) {
        outcomes.push(
          `${testCase.method} ${testCase.path.slice(0, 60)} (${testCase.name}): ${response.status} ${text.slice(0, 120)}`,
        );
      }
    }
    expect(outcomes).toEqual([]);
    expect(await tableCounts(server.database.db)).toEqual(before);
  });
});
