import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../accounts/schemas';
import { createCategory } from '../categories/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { createTransaction } from '../transactions/service';
import { getCategoryBreakdown } from './category-breakdown';
import { getIncomeVsExpense } from './income-vs-expense';
import { getTransactions } from './transactions';

let database: TestDatabase;
let user: Profile;
let stranger: Profile;

beforeAll(async () => {
  database = await createTestDatabase();
  user = await createUser(database.db, 'insightful');
  stranger = await createUser(database.db, 'stranger');
  const db = database.db;
  const [rent, food, fun, pay] = await Promise.all(
    ['Rent', 'Food', 'Fun', 'Pay'].map(async (name) => (await createCategory(db, user.id, { name })).id),
  );
  const add = (
    categoryId: number | undefined,
    type: 'INCOME' | 'EXPENSE',
    amount: string,
    date: string,
    note = '',
  ) => createTransaction(db, user.id, { categoryId: categoryId ?? 0, type, amount, date, note });
  await add(pay, 'INCOME', '4000.00', '2026-03-01', 'March salary');
  await add(rent, 'EXPENSE', '1500.00', '2026-03-02');
  await add(food, 'EXPENSE', '300.10', '2026-03-05');
  await add(food, 'EXPENSE', '199.90', '2026-03-20');
  await add(fun, 'EXPENSE', '0.01', '2026-03-31');
  await add(food, 'EXPENSE', '50.00', '2026-04-01');
  await add(food, 'EXPENSE', '10.00', '2026-02-28');
  const strangersCategory = (await createCategory(db, stranger.id, { name: 'Rent' })).id;
  await createTransaction(db, stranger.id, {
    categoryId: strangersCategory,
    type: 'EXPENSE',
    amount: '999',
    date: '2026-03-10',
  });
});
afterAll(() => database.close());

describe('getCategoryBreakdown', () => {
  it('totals the month’s expenses per category with shares, largest first', async () => {
    expect(await getCategoryBreakdown(database.db, user.id, '2026-03')).toEqual({
      month: '2026-03',
      totalExpense: '2000.01',
      categories: [
        { categoryId: expect.any(Number), category: 'Rent', total: '1500.00', share: 75, transactions: 1 },
        { categoryId: expect.any(Number), category: 'Food', total: '500.00', share: 25, transactions: 2 },
        { categoryId: expect.any(Number), category: 'Fun', total: '0.01', share: 0, transactions: 1 },
      ],
    });
  });

  it('is empty for a month without expenses, and refuses a malformed month', async () => {
    expect(await getCategoryBreakdown(database.db, user.id, '2025-01')).toEqual({
      month: '2025-01',
      totalExpense: '0.00',
      categories: [],
    });
    await expect(getCategoryBreakdown(database.db, user.id, '2026-3')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('getIncomeVsExpense', () => {
  it('reads the month from the summary with the savings rate', async () => {
    expect(await getIncomeVsExpense(database.db, user.id, '2026-03')).toEqual({
      month: '2026-03',
      income: '4000.00',
      expense: '2000.01',
      savings: '1999.99',
      savingsRate: 50,
    });
  });

  it('has no savings rate without income', async () => {
    expect(await getIncomeVsExpense(database.db, user.id, '2026-04')).toMatchObject({
      income: '0.00',
      expense: '50.00',
      savings: '-50.00',
      savingsRate: null,
    });
  });
});

describe('getTransactions', () => {
  it('returns the range, both ends included, newest first, in a compact shape', async () => {
    const result = await getTransactions(database.db, user.id, { from: '2026-03-01', to: '2026-03-31' });
    expect(result).toMatchObject({ from: '2026-03-01', to: '2026-03-31', count: 5, truncated: false });
    expect(result.transactions.map((t) => t.date)).toEqual([
      '2026-03-31',
      '2026-03-20',
      '2026-03-05',
      '2026-03-02',
      '2026-03-01',
    ]);
    expect(result.transactions.at(-1)).toEqual({
      id: expect.any(Number),
      date: '2026-03-01',
      type: 'INCOME',
      amount: '4000.00',
      category: 'Pay',
      note: 'March salary',
    });
  });

  it('says when it truncated the list', async () => {
    const result = await getTransactions(database.db, user.id, {
      from: '2026-01-01',
      to: '2026-12-31',
      limit: 2,
    });
    expect(result).toMatchObject({ count: 2, truncated: true });
  });

  it('refuses a backwards range', async () => {
    await expect(
      getTransactions(database.db, user.id, { from: '2026-03-02', to: '2026-03-01' }),
    ).rejects.toMatchObject({
      fieldErrors: { to: [expect.any(String)] },
    });
  });

  it('never includes another user’s transactions', async () => {
    const mine = await getTransactions(database.db, user.id, { from: '2026-03-10', to: '2026-03-10' });
    expect(mine.transactions).toEqual([]);
    const theirs = await getCategoryBreakdown(database.db, stranger.id, '2026-03');
    expect(theirs.categories.map((c) => c.category)).toEqual(['Rent']);
  });
});
