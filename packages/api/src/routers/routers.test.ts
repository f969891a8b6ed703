import { tableCounts } from '@finsight/core/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';
import { type TestTrpcClient, testTrpcClient } from '../testing/trpc-client';

let server: TestServer;
let jane: TestTrpcClient;
let mallory: TestTrpcClient;

async function signUp(name: string): Promise<TestTrpcClient> {
  const client = testTrpcClient(server.url);
  const email = `${name}.${Date.now()}@example.com`;
  await client.api.auth.register.mutate({
    username: `${name}_${Date.now()}`,
    email,
    password: 'violet-harbour-42',
  });
  await client.login(email, 'violet-harbour-42');
  return client;
}

/** The tRPC error code and field errors a call fails with. */
async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError))
    throw new Error(`expected a TRPCClientError, got ${String(error)}`);
  return {
    code: error.data?.code as string,
    message: error.message,
    fieldErrors: error.data?.fieldErrors as unknown,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  jane = await signUp('jane');
  mallory = await signUp('mallory');
});
afterAll(() => server.close());

describe('auth procedures', () => {
  it('register returns the profile; login returns tokens and the user; me reads the token’s user', async () => {
    const me = await jane.api.auth.me.query();
    expect(me).toMatchObject({ username: expect.stringMatching(/^jane_/), preferredCurrency: 'USD' });
    expect(jane.tokens).toEqual({ access: expect.any(String), refresh: expect.any(String) });
    expect(await jane.api.auth.updateProfile.mutate({ preferredCurrency: 'EUR' })).toMatchObject({
      preferredCurrency: 'EUR',
    });
  });

  it('maps domain errors to tRPC codes', async () => {
    const anonymous = testTrpcClient(server.url);
    expect(await failure(anonymous.login('nobody@example.com', 'whatever-password'))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'No active account found with the given credentials',
    });
    expect(await failure(anonymous.api.auth.me.query())).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Authentication credentials were not provided.',
    });
    expect(
      await failure(anonymous.api.auth.register.mutate({ username: 'x', email: 'bad', password: 'short' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { email: [expect.any(String)], password: [expect.any(String)] },
    });
    expect(await failure(anonymous.api.auth.refresh.mutate({ refresh: 'not-a-token' }))).toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('refresh gives a working access token and the next refresh token', async () => {
    const pair = await jane.api.auth.refresh.mutate({ refresh: jane.tokens?.refresh ?? '' });
    expect(pair.refresh).not.toBe(jane.tokens?.refresh);
    const fresh = testTrpcClient(server.url, pair);
    expect((await fresh.api.auth.me.query()).username).toMatch(/^jane_/);
    jane.use(pair);
  });
});

describe('categories, transactions and insights procedures', () => {
  let food: number;
  let lunch: number;

  it('create, list, byId and rename categories; CONFLICT on duplicates', async () => {
    food = (await jane.api.categories.create.mutate({ name: 'Food' })).id;
    await jane.api.categories.create.mutate({ name: 'Pay' });
    expect((await jane.api.categories.list.query()).map((c) => c.name)).toEqual(['Food', 'Pay']);
    expect(await jane.api.categories.byId.query({ id: food })).toMatchObject({ name: 'Food' });
    expect(await jane.api.categories.rename.mutate({ id: food, name: 'Eating' })).toMatchObject({
      name: 'Eating',
    });
    expect(await failure(jane.api.categories.create.mutate({ name: 'pay' }))).toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { name: [expect.any(String)] },
    });
  });

  it('create, byId, update, list with cursor pages and delete transactions', async () => {
    lunch = (
      await jane.api.transactions.create.mutate({
        categoryId: food,
        type: 'EXPENSE',
        amount: 12.5,
        date: '2026-06-10',
      })
    ).id;
    for (const day of ['11', '12', '13']) {
      await jane.api.transactions.create.mutate({
        categoryId: food,
        type: 'EXPENSE',
        amount: '1.00',
        date: `2026-06-${day}`,
      });
    }
    expect(await jane.api.transactions.byId.query({ id: lunch })).toMatchObject({
      amount: '12.50',
      categoryName: 'Eating',
    });
    expect(await jane.api.transactions.update.mutate({ id: lunch, date: '2026-07-01' })).toMatchObject({
      date: '2026-07-01',
    });
    const first = await jane.api.transactions.list.query({ limit: 2 });
    expect(first.items.map((t) => t.date)).toEqual(['2026-07-01', '2026-06-13']);
    const second = await jane.api.transactions.list.query({
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items.map((t) => t.date)).toEqual(['2026-06-12', '2026-06-11']);
    expect(
      await failure(
        jane.api.transactions.create.mutate({
          categoryId: food,
          type: 'EXPENSE',
          amount: '0',
          date: '2026-06-01',
        }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { amount: ['Ensure this value is greater than 0.'] },
    });
    const doomed = await jane.api.transactions.create.mutate({
      categoryId: food,
      type: 'INCOME',
      amount: '5',
      date: '2026-06-20',
    });
    expect(await jane.api.transactions.delete.mutate({ id: doomed.id })).toEqual({ id: doomed.id });
    expect(await failure(jane.api.transactions.byId.query({ id: doomed.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(jane.api.categories.delete.mutate({ id: food }))).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('serve the insights', async () => {
    expect(await jane.api.insights.summary.query({ month: '2026-06' })).toMatchObject({
      totalExpense: '3.00',
      transactionCount: 3,
    });
    expect(await jane.api.insights.incomeVsExpense.query({ month: '2026-07' })).toMatchObject({
      expense: '12.50',
      savingsRate: null,
    });
    expect(await jane.api.insights.breakdown.query({ month: '2026-06' })).toMatchObject({
      totalExpense: '3.00',
      categories: [{ category: 'Eating', share: 100 }],
    });
    expect(await jane.api.insights.anomalies.query({ month: '2026-06' })).toMatchObject({ anomalies: [] });
    const trend = await jane.api.insights.trend.query({ endMonth: '2026-07', months: 2 });
    expect(trend).toEqual([
      { month: '2026-06', income: '0.00', expense: '3.00', savings: '-3.00' },
      { month: '2026-07', income: '0.00', expense: '12.50', savings: '-12.50' },
    ]);
    expect((await jane.api.insights.transactions.query({ from: '2026-06-01', to: '2026-06-30' })).count).toBe(
      3,
    );
    expect(await failure(jane.api.insights.breakdown.query({ month: '2026-6' }))).toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { month: [expect.any(String)] },
    });
  });

  it('answer a dozen calls batched into one request, as a dashboard render sends them', async () => {
    const months = Array.from({ length: 12 }, (_, index) => `2025-${String(index + 1).padStart(2, '0')}`);
    // Issued in the same tick, so httpBatchLink sends them as one GET with every procedure in the path.
    const summaries = await Promise.all(months.map((month) => jane.api.insights.summary.query({ month })));
    expect(summaries.map((summary) => summary.month)).toEqual(months);
  });

  it('give another user NOT_FOUND for every id, and change nothing', async () => {
    const before = await tableCounts(server.database.db);
    const attempts = [
      () => mallory.api.categories.byId.query({ id: food }),
      () => mallory.api.categories.rename.mutate({ id: food, name: 'Mine' }),
      () => mallory.api.categories.delete.mutate({ id: food }),
      () => mallory.api.transactions.byId.query({ id: lunch }),
      () => mallory.api.transactions.update.mutate({ id: lunch, amount: '999' }),
      () => mallory.api.transactions.delete.mutate({ id: lunch }),
    ];
    for (const attempt of attempts) {
      expect(await failure(attempt())).toMatchObject({ code: 'NOT_FOUND', message: 'Not found.' });
    }
    expect(
      await failure(
        mallory.api.transactions.create.mutate({
          categoryId: food,
          type: 'EXPENSE',
          amount: '1',
          date: '2026-06-01',
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { categoryId: [expect.any(String)] } });
    expect(await tableCounts(server.database.db)).toEqual(before);
    expect((await mallory.api.transactions.list.query({})).items).toEqual([]);
    expect((await mallory.api.insights.summary.query({ month: '2026-06' })).transactionCount).toBe(0);
  });
});

describe('the accounts, rules and imports procedures', () => {
  it('open accounts, move money between them, and keep each user to their own', async () => {
    const saver = await signUp('saver');
    const [main] = await saver.api.accounts.list.query();
    const savings = await saver.api.accounts.create.mutate({
      name: 'Savings',
      kind: 'SAVINGS',
      openingBalance: '10',
    });
    expect(savings).toMatchObject({ openingBalance: '10.00', balance: '10.00', isDefault: false });
    const transfer = await saver.api.transactions.transfer.mutate({
      fromAccountId: main?.id ?? 0,
      toAccountId: savings.id,
      amount: '5.00',
      date: '2026-04-01',
    });
    expect(transfer.to).toMatchObject({
      accountId: savings.id,
      transferId: transfer.from.id,
      categoryId: null,
    });
    expect(await saver.api.accounts.balances.query()).toMatchObject({ total: '10.00' });
    const register = await saver.api.transactions.list.query({ accountId: savings.id });
    expect(register.items[0]?.runningBalance).toBe('15.00');
    expect(await failure(mallory.api.accounts.byId.query({ id: savings.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await failure(
        mallory.api.transactions.transfer.mutate({
          fromAccountId: savings.id,
          toAccountId: main?.id ?? 0,
          amount: '1.00',
          date: '2026-04-01',
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('create and run rules, and list and undo imports', async () => {
    const user = await signUp('ruler');
    const category = await user.api.categories.create.mutate({ name: 'Streaming' });
    const rule = await user.api.rules.create.mutate({
      name: 'Spotify',
      conditions: [{ field: 'payee', operator: 'contains', value: 'spotify' }],
      actions: { categoryId: category.id },
    });
    expect(await user.api.rules.run.mutate({ id: rule.id, dryRun: true })).toEqual({
      matched: 0,
      changed: 0,
      dryRun: true,
    });
    expect(await user.api.imports.list.query()).toEqual([]);
    expect(await failure(user.api.imports.undo.mutate({ id: 999_999 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(mallory.api.rules.byId.query({ id: rule.id }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
