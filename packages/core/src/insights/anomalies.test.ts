import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import type { Database } from '../db/client';
import { seededRandom } from '../demo/seeded-random';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { createTransaction } from '../transactions/service';
import { monthRange } from '../validation/dates';
import { getAnomalies } from './anomalies';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const TARGET = '2026-06';

/**
 * A household with a steady rhythm: rent, weekly groceries with ±20% noise, a few meals out of varying
 * size, a phone bill — for `months` months before TARGET and in TARGET itself.
 */
async function steadyHousehold(db: Database, seed: number, months = 12) {
  const user = await createUser(db, 'steady');
  const next = seededRandom(seed);
  const ids: Record<string, number> = {};
  for (const name of ['Rent', 'Groceries', 'Dining', 'Phone', 'Salary']) {
    ids[name] = (await createCategory(db, user.id, { name })).id;
  }
  const add = (category: string, amount: number, date: string, type: 'INCOME' | 'EXPENSE' = 'EXPENSE') =>
    createTransaction(db, user.id, { categoryId: ids[category] ?? 0, type, amount: amount.toFixed(2), date });
  const noisy = (base: number, spread: number) => base * (1 + spread * (2 * next() - 1));
  for (let offset = -months; offset <= 0; offset++) {
    const { start } = monthRange(TARGET, offset);
    const day = (d: number) => `${start.slice(0, 8)}${String(d).padStart(2, '0')}`;
    await add('Salary', 4200, day(1), 'INCOME');
    await add('Rent', 1450, day(2));
    await add('Phone', noisy(40, 0.1), day(12));
    for (const d of [4, 11, 18, 25]) await add('Groceries', noisy(110, 0.2), day(d));
    for (const d of [8, 21, 27]) await add('Dining', noisy(45, 0.35), day(d));
  }
  return { user, ids, add, day: (d: number) => `${TARGET}-${String(d).padStart(2, '0')}` };
}

describe('getAnomalies', () => {
  it('finds nothing in steady households with ordinary month-to-month noise', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { user } = await steadyHousehold(database.db, seed);
      const report = await getAnomalies(database.db, user.id, TARGET);
      expect(report).toEqual({ month: TARGET, historyMonths: 12, anomalies: [] });
    }
  });

  it('flags a category whose month is far above its usual months, with the reason', async () => {
    const { user, ids, add, day } = await steadyHousehold(database.db, 11);
    for (const d of [6, 14, 22, 28]) await add('Groceries', 180, day(d));
    const { anomalies } = await getAnomalies(database.db, user.id, TARGET);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({
      kind: 'category_spike',
      categoryId: ids.Groceries,
      category: 'Groceries',
      transactionId: null,
    });
    const spike = anomalies[0];
    expect(Number(spike?.observed)).toBeGreaterThan(2.4 * Number(spike?.baseline));
    expect(Number(spike?.baseline)).toBeGreaterThan(400);
    expect(Number(spike?.baseline)).toBeLessThan(480);
    expect(spike?.reason).toMatch(
      /^Groceries: \d+\.\d{2} this month, \d\.\d× the usual \d+\.\d{2} \(median of 12 months\)\.$/,
    );
  });

  it('flags one outsized transaction, and not also its category’s month', async () => {
    const { user, ids, add, day } = await steadyHousehold(database.db, 12);
    const splurge = await add('Dining', 620, day(15));
    const { anomalies } = await getAnomalies(database.db, user.id, TARGET);
    expect(anomalies).toEqual([
      {
        kind: 'large_transaction',
        categoryId: ids.Dining,
        category: 'Dining',
        transactionId: splurge.id,
        observed: '620.00',
        baseline: expect.stringMatching(/^4\d\.\d{2}$/),
        reason: expect.stringMatching(
          /^A single 620\.00 expense in Dining on 2026-06-15, \d+\.\d× its usual/,
        ),
      },
    ]);
  });

  it('flags a large spend in a new category, but not a small one', async () => {
    const { user, ids, day } = await steadyHousehold(database.db, 13);
    const travel = (await createCategory(database.db, user.id, { name: 'Travel' })).id;
    const gifts = (await createCategory(database.db, user.id, { name: 'Gifts' })).id;
    await createTransaction(database.db, user.id, {
      categoryId: travel,
      type: 'EXPENSE',
      amount: '1300',
      date: day(9),
    });
    await createTransaction(database.db, user.id, {
      categoryId: gifts,
      type: 'EXPENSE',
      amount: '25',
      date: day(9),
    });
    const { anomalies } = await getAnomalies(database.db, user.id, TARGET);
    expect(anomalies).toEqual([
      {
        kind: 'new_category',
        categoryId: travel,
        category: 'Travel',
        transactionId: null,
        observed: '1300.00',
        baseline: '0.00',
        reason: expect.stringMatching(
          /^First spending on Travel: 1300\.00, \d+% of a usual month's spending\.$/,
        ),
      },
    ]);
    expect(ids.Rent).toBeDefined();
  });

  it('says nothing until there are three months of history', async () => {
    const { user, add, day } = await steadyHousehold(database.db, 14, 2);
    await add('Groceries', 2000, day(3));
    expect(await getAnomalies(database.db, user.id, TARGET)).toEqual({
      month: TARGET,
      historyMonths: 2,
      anomalies: [],
    });
  });

  it('judges each user only by their own history', async () => {
    const { user: quiet } = await steadyHousehold(database.db, 15);
    const { user: loud, add, day } = await steadyHousehold(database.db, 16);
    await add('Groceries', 3000, day(3));
    expect((await getAnomalies(database.db, loud.id, TARGET)).anomalies.length).toBeGreaterThan(0);
    expect((await getAnomalies(database.db, quiet.id, TARGET)).anomalies).toEqual([]);
  });

  it('refuses a malformed month', async () => {
    const { user } = await steadyHousehold(database.db, 17, 0);
    await expect(getAnomalies(database.db, user.id, 'June')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
