import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type RestUser, restUser, startTestServer, type TestServer } from './testing/server';
import { type TestTrpcClient, testTrpcClient } from './testing/trpc-client';

/** The same input through tRPC and REST must give the same result (in each transport's own shape). */
let server: TestServer;
let restSide: RestUser;
let trpcSide: TestTrpcClient;

beforeAll(async () => {
  server = await startTestServer();
  restSide = await restUser(server.url, 'rest');
  const trpcUser = await restUser(server.url, 'trpc');
  trpcSide = testTrpcClient(server.url, { access: trpcUser.access, refresh: trpcUser.refresh });
});
afterAll(() => server.close());

const rest = (method: string, path: string, body?: unknown) =>
  call(server.url, method, path, body, restSide.access);

describe('tRPC and REST agree', () => {
  let restCategory: number;
  let trpcCategory: number;

  it('on categories', async () => {
    const viaRest = await rest('POST', '/api/finance/categories/', { name: '  Groceries ' });
    const viaTrpc = await trpcSide.api.categories.create.mutate({ name: '  Groceries ' });
    restCategory = (viaRest.body as { id: number }).id;
    trpcCategory = viaTrpc.id;
    expect(viaRest.body).toEqual({ id: restCategory, name: viaTrpc.name, kind: viaTrpc.kind });
    const restError = await rest('POST', '/api/finance/categories/', { name: 'x'.repeat(101) });
    const trpcError = await trpcSide.api.categories.create
      .mutate({ name: 'x'.repeat(101) })
      .catch((e) => e.data.fieldErrors);
    expect(restError.body).toEqual(trpcError);
  });

  it('on transactions, including money normalisation and validation messages', async () => {
    const input = { type: 'EXPENSE', amount: 2500, date: '2026-03-04', note: ' rent ' } as const;
    const viaRest = (await rest('POST', '/api/finance/transactions/', { ...input, category: restCategory }))
      .body;
    const viaTrpc = await trpcSide.api.transactions.create.mutate({ ...input, categoryId: trpcCategory });
    expect(viaRest).toEqual({
      id: expect.any(Number),
      category: restCategory,
      type: viaTrpc.type,
      amount: viaTrpc.amount,
      date: viaTrpc.date,
      note: viaTrpc.note,
      created_at: expect.any(String),
      account: expect.any(Number),
      payee: viaTrpc.payee,
      transfer: viaTrpc.transferId,
    });
    expect(viaTrpc.amount).toBe('2500.00');
    const bad = { type: 'EXPENSE', amount: '12.345', date: '2023-02-30' } as const;
    const restError = (await rest('POST', '/api/finance/transactions/', { ...bad, category: restCategory }))
      .body;
    const trpcError = await trpcSide.api.transactions.create
      .mutate({ ...bad, categoryId: trpcCategory })
      .catch((e) => e.data.fieldErrors);
    expect(restError).toEqual(trpcError);
  });

  it('on insights', async () => {
    const viaRest = (await rest('GET', '/api/finance/breakdown/?month=2026-03')).body;
    const viaTrpc = await trpcSide.api.insights.breakdown.query({ month: '2026-03' });
    expect(viaRest).toEqual({
      month: viaTrpc.month,
      total_expense: viaTrpc.totalExpense,
      categories: viaTrpc.categories.map(({ categoryId: _, ...share }) => ({
        ...share,
        category_id: restCategory,
      })),
    });
    const summaryRest = (await rest('GET', '/api/finance/income-vs-expense/?month=2026-03')).body;
    const summaryTrpc = await trpcSide.api.insights.incomeVsExpense.query({ month: '2026-03' });
    const { savingsRate, ...amounts } = summaryTrpc;
    expect(summaryRest).toStrictEqual({ ...amounts, savings_rate: savingsRate });
  });

  it('on authentication failures', async () => {
    const restError = await call(server.url, 'POST', '/api/auth/login/', {
      email: 'no@example.com',
      password: 'nope-nope',
    });
    const trpcError = await testTrpcClient(server.url)
      .login('no@example.com', 'nope-nope')
      .catch((e) => e.message);
    expect(restError).toMatchObject({ status: 401, body: { detail: trpcError } });
  });
});
