import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userToday } from '../accounts/time-zone';
import { createCategory, listCategories } from '../categories/service';
import { createDatabase } from '../db/client';
import { getAnomalies } from '../insights/anomalies';
import { findSummaryDrift } from '../summaries/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { onPostgresServer } from '../testing/env';
import { createUser } from '../testing/fixtures';
import { createTransaction, listTransactions } from '../transactions/service';
import { currentMonth } from '../validation/dates';
import { generateHousehold } from './generator';
import { loadDemoData, removeDemoData, resetAccountData } from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('demo data', () => {
  it('is deterministic for a seed and stays within the months asked for', () => {
    const options = { months: 6, endMonth: '2026-06', today: '2026-06-30', seed: 7 };
    expect(generateHousehold(options)).toEqual(generateHousehold(options));
    const dates = generateHousehold(options).map((t) => t.date);
    expect(dates.every((d) => d >= '2026-01-01' && d <= '2026-06-30')).toBe(true);
  });

  it('never dates a transaction after today', () => {
    const dates = generateHousehold({ endMonth: '2026-11', today: '2026-11-05' }).map((t) => t.date);
    expect(dates.every((d) => d <= '2026-11-05')).toBe(true);
  });

  it('makes a busier account by scaling everyday purchases, never the bills', () => {
    const options = { months: 12, endMonth: '2026-06', today: '2026-06-30', seed: 3 };
    const count = (scale: number, category: string) =>
      generateHousehold({ ...options, scale }).filter((t) => t.category === category).length;
    expect(count(1, 'Groceries')).toBe(48);
    expect(count(10, 'Groceries')).toBe(480);
    expect(count(10, 'Transport')).toBeGreaterThan(8 * count(1, 'Transport'));
    expect([count(0, 'Salary'), count(10, 'Salary'), count(10, 'Rent')]).toEqual([12, 12, 12]);
    expect(generateHousehold({ ...options, scale: 0 }).some((t) => t.category === 'Dining out')).toBe(false);
  });

  it('fills an empty account with a year, reusing existing categories, and keeps summaries true', async () => {
    const user = await createUser(database.db, 'demo');
    await createCategory(database.db, user.id, { name: 'groceries' });
    const result = await loadDemoData(database.db, user.id);
    expect(result.transactions).toBeGreaterThan(300);
    // Which categories a year holds depends on the month it ends in (December brings Gifts, July Travel).
    const generated = new Set(generateHousehold().map((t) => t.category));
    expect(generated.has('Groceries')).toBe(true);
    expect(result.categories).toBe(generated.size - 1);
    const page = await listTransactions(database.db, user.id, { includeTotal: true });
    expect(page.total).toBe(result.transactions);
    expect(page.items.some((t) => t.categoryName === 'groceries')).toBe(true);
    expect(await findSummaryDrift(database.db, user.id)).toEqual([]);
    const { anomalies } = await getAnomalies(database.db, user.id, currentMonth());
    expect(anomalies.map((a) => a.kind)).toContain('large_transaction');
  });

  it('refuses an account that already has transactions', async () => {
    const user = await createUser(database.db, 'busy');
    await loadDemoData(database.db, user.id, { months: 2 });
    await expect(loadDemoData(database.db, user.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('removes what the demo loaded and keeps what the user entered, summaries exact', async () => {
    const user = await createUser(database.db, 'tryout');
    const mine = await createCategory(database.db, user.id, { name: 'Piano lessons' });
    await loadDemoData(database.db, user.id, { months: 3 });
    const groceries = (await listCategories(database.db, user.id)).find((c) => c.name === 'Groceries');
    if (!groceries) throw new Error('demo categories missing');
    const kept = [
      await createTransaction(database.db, user.id, {
        categoryId: mine.id,
        type: 'EXPENSE',
        amount: '40.00',
        date: '2026-10-04',
      }),
      // The user's own row in a category the demo created: that category stays too.
      await createTransaction(database.db, user.id, {
        categoryId: groceries.id,
        type: 'EXPENSE',
        amount: '7.25',
        date: '2026-10-05',
      }),
    ];
    const removed = await removeDemoData(database.db, user.id);
    expect(removed.transactions).toBeGreaterThan(50);
    const left = await listTransactions(database.db, user.id, { includeTotal: true });
    expect(left.items.map((t) => t.id).sort()).toEqual(kept.map((t) => t.id).sort());
    expect((await listCategories(database.db, user.id)).map((c) => c.name)).toEqual([
      'Groceries',
      'Piano lessons',
    ]);
    expect(await findSummaryDrift(database.db, user.id)).toEqual([]);
    expect(left.total).toBe(2);
  });

  it('resets an account to empty, keeping the login, and touches nobody else', async () => {
    const user = await createUser(database.db, 'fresh-start');
    const bystander = await createUser(database.db, 'bystander');
    await loadDemoData(database.db, user.id, { months: 2 });
    await loadDemoData(database.db, bystander.id, { months: 2 });
    const before = await listTransactions(database.db, bystander.id, { includeTotal: true });
    await expect(resetAccountData(database.db, user.id, { password: 'not it' })).rejects.toMatchObject({
      fieldErrors: { password: expect.any(Array) },
    });
    const result = await resetAccountData(database.db, user.id, { password: 'correct horse battery' });
    expect(result.categories).toBeGreaterThan(5);
    expect((await listTransactions(database.db, user.id, { includeTotal: true })).total).toBe(0);
    expect(await listCategories(database.db, user.id)).toEqual([]);
    expect(await findSummaryDrift(database.db)).toEqual([]);
    expect((await listTransactions(database.db, bystander.id, { includeTotal: true })).total).toBe(
      before.total,
    );
    // The account is usable again: demo data loads into it afresh.
    expect((await loadDemoData(database.db, user.id, { months: 1 })).transactions).toBeGreaterThan(0);
  });
});

describe.runIf(onPostgresServer('loading demo data concurrently'))('demo data under concurrent loads', () => {
  it('loads once when eight loads of one account race', async () => {
    const user = await createUser(database.db, 'racer');
    const pools = await Promise.all(
      Array.from({ length: 8 }, () =>
        createDatabase({ url: database.url, migrate: false, maxConnections: 1 }),
      ),
    );
    try {
      const results = await Promise.allSettled(pools.map((pool) => loadDemoData(pool.db, user.id)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'CONFLICT' });
      }
      const single = generateHousehold({ today: await userToday(database.db, user.id) }).length;
      expect((await listTransactions(database.db, user.id, { includeTotal: true })).total).toBe(single);
      expect(await findSummaryDrift(database.db, user.id)).toEqual([]);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });
});
