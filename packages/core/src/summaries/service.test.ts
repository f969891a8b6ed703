import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../accounts/schemas';
import { createCategory } from '../categories/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { createTransaction, deleteTransaction, updateTransaction } from '../transactions/service';
import {
  deleteTransactionsInBulk,
  findSummaryDrift,
  getMonthlySummary,
  getMonthlyTrend,
  rebuildSummaries,
} from './service';

let database: TestDatabase;
let user: Profile;
let other: Profile;
let food: number;
let salary: number;

beforeAll(async () => {
  database = await createTestDatabase();
  user = await createUser(database.db, 'saver');
  other = await createUser(database.db, 'other');
  food = (await createCategory(database.db, user.id, { name: 'Food' })).id;
  salary = (await createCategory(database.db, user.id, { name: 'Salary' })).id;
});
afterAll(() => database.close());

const totals = async (month: string) => {
  const { totalIncome, totalExpense, savings, transactionCount } = await getMonthlySummary(
    database.db,
    user.id,
    {
      month,
    },
  );
  return { totalIncome, totalExpense, savings, transactionCount };
};

describe('monthly summaries follow every transaction write', () => {
  let groceries: number;

  it('are zero for a month without transactions', async () => {
    expect(await totals('2026-04')).toEqual({
      totalIncome: '0.00',
      totalExpense: '0.00',
      savings: '0.00',
      transactionCount: 0,
    });
  });

  it('add a created transaction to its month', async () => {
    await createTransaction(database.db, user.id, {
      categoryId: salary,
      type: 'INCOME',
      amount: '3000',
      date: '2026-04-01',
    });
    groceries = (
      await createTransaction(database.db, user.id, {
        categoryId: food,
        type: 'EXPENSE',
        amount: '120.40',
        date: '2026-04-05',
      })
    ).id;
    expect(await totals('2026-04')).toEqual({
      totalIncome: '3000.00',
      totalExpense: '120.40',
      savings: '2879.60',
      transactionCount: 2,
    });
  });

  it('apply a new amount within the month', async () => {
    await updateTransaction(database.db, user.id, { id: groceries, amount: '100.00', date: '2026-04-30' });
    expect(await totals('2026-04')).toMatchObject({
      totalExpense: '100.00',
      savings: '2900.00',
      transactionCount: 2,
    });
  });

  it('move a transaction that moves to another month, in both months', async () => {
    await updateTransaction(database.db, user.id, { id: groceries, date: '2026-05-02', amount: '80.00' });
    expect(await totals('2026-04')).toEqual({
      totalIncome: '3000.00',
      totalExpense: '0.00',
      savings: '3000.00',
      transactionCount: 1,
    });
    expect(await totals('2026-05')).toEqual({
      totalIncome: '0.00',
      totalExpense: '80.00',
      savings: '-80.00',
      transactionCount: 1,
    });
  });

  it('switch the column when the type changes', async () => {
    await updateTransaction(database.db, user.id, { id: groceries, type: 'INCOME', categoryId: salary });
    expect(await totals('2026-05')).toMatchObject({
      totalIncome: '80.00',
      totalExpense: '0.00',
      savings: '80.00',
    });
  });

  it('handle a move across a year boundary together with a type change', async () => {
    await updateTransaction(database.db, user.id, {
      id: groceries,
      type: 'EXPENSE',
      categoryId: food,
      date: '2025-12-31',
    });
    expect(await totals('2026-05')).toMatchObject({ transactionCount: 0, totalIncome: '0.00' });
    expect(await totals('2025-12')).toMatchObject({ totalExpense: '80.00', transactionCount: 1 });
  });

  it('drop the month when its last transaction is deleted', async () => {
    await deleteTransaction(database.db, user.id, { id: groceries });
    expect(await totals('2025-12')).toMatchObject({ totalExpense: '0.00', transactionCount: 0 });
    const rows = await database.db.query.monthlySummaries.findMany({
      where: (s, { eq, and }) => and(eq(s.userId, user.id), eq(s.year, 2025)),
    });
    expect(rows).toEqual([]);
    expect(await findSummaryDrift(database.db)).toEqual([]);
  });

  it('are kept by the database itself, even for writes that bypass the services', async () => {
    await database.db.execute(sql`
      INSERT INTO transactions (user_id, category_id, type, amount, date)
      VALUES (${user.id}, ${food}, 'EXPENSE', 10.25, '2026-06-10'), (${user.id}, ${food}, 'EXPENSE', 4.75, '2026-06-11')`);
    expect(await totals('2026-06')).toMatchObject({ totalExpense: '15.00', transactionCount: 2 });
    await database.db.execute(
      sql`UPDATE transactions SET date = date + 30 WHERE user_id = ${user.id} AND date >= '2026-06-01'`,
    );
    expect(await totals('2026-06')).toMatchObject({ transactionCount: 0 });
    expect(await totals('2026-07')).toMatchObject({ totalExpense: '15.00', transactionCount: 2 });
    expect(await findSummaryDrift(database.db)).toEqual([]);
  });

  it('keep users apart', async () => {
    expect((await getMonthlySummary(database.db, other.id, { month: '2026-04' })).transactionCount).toBe(0);
  });
});

describe('rebuildSummaries', () => {
  it('recomputes damaged summaries from the transactions, for one user or everyone', async () => {
    await database.db.execute(
      sql`UPDATE monthly_summaries SET total_expense = 999999 WHERE user_id = ${user.id}`,
    );
    await database.db.execute(sql`DELETE FROM monthly_summaries WHERE user_id = ${user.id} AND month = 4`);
    expect((await findSummaryDrift(database.db, user.id)).length).toBeGreaterThan(0);
    const { months } = await rebuildSummaries(database.db, user.id);
    expect(months).toBe(2);
    expect(await findSummaryDrift(database.db)).toEqual([]);
    expect(await totals('2026-04')).toMatchObject({ totalIncome: '3000.00', transactionCount: 1 });

    await database.db.execute(sql`DELETE FROM monthly_summaries`);
    await rebuildSummaries(database.db);
    expect(await findSummaryDrift(database.db)).toEqual([]);
  });
});

describe('getMonthlyTrend', () => {
  it('lists every month of the window, oldest first, empty months as zeros', async () => {
    const trend = await getMonthlyTrend(database.db, user.id, { endMonth: '2026-07', months: 5 });
    expect(trend).toEqual([
      { month: '2026-03', income: '0.00', expense: '0.00', savings: '0.00' },
      { month: '2026-04', income: '3000.00', expense: '0.00', savings: '3000.00' },
      { month: '2026-05', income: '0.00', expense: '0.00', savings: '0.00' },
      { month: '2026-06', income: '0.00', expense: '0.00', savings: '0.00' },
      { month: '2026-07', income: '0.00', expense: '15.00', savings: '-15.00' },
    ]);
    expect(await getMonthlyTrend(database.db, user.id, { endMonth: '2026-02' })).toHaveLength(12);
  });

  it('refuses a malformed month or window', async () => {
    await expect(getMonthlyTrend(database.db, user.id, { endMonth: '2026-13' })).rejects.toMatchObject({
      fieldErrors: { endMonth: [expect.any(String)] },
    });
    await expect(getMonthlyTrend(database.db, user.id, { months: 0 })).rejects.toMatchObject({
      fieldErrors: { months: [expect.any(String)] },
    });
  });
});

describe('bulk deletes', () => {
  it('keep the summaries exact without maintaining them row by row, and leave other users alone', async () => {
    const db = database.db;
    const busy = await createUser(db, 'busy');
    const pay = (await createCategory(db, busy.id, { name: 'Pay' })).id;
    await db.execute(sql`INSERT INTO transactions (user_id, category_id, type, amount, date, demo)
      SELECT ${busy.id}, ${pay}, CASE WHEN n % 3 = 0 THEN 'INCOME' ELSE 'EXPENSE' END::transaction_type,
             (n % 40 + 1)::numeric, date '2025-01-01' + n, n % 2 = 0
        FROM generate_series(1, 600) AS n`);
    const othersBefore = await findSummaryDrift(db, other.id);
    expect(await deleteTransactionsInBulk(db, busy.id, sql`demo`)).toBe(300);
    expect(await findSummaryDrift(db, busy.id)).toEqual([]);
    expect(await deleteTransactionsInBulk(db, busy.id)).toBe(300);
    expect(await findSummaryDrift(db)).toEqual([]);
    expect(await findSummaryDrift(db, other.id)).toEqual(othersBefore);
    expect(
      (await getMonthlyTrend(db, busy.id, { endMonth: '2026-08', months: 24 })).every(
        (m) => m.expense === '0.00',
      ),
    ).toBe(true);
  });

  it('are the only deletes the trigger skips: a plain delete of the same rows is still maintained', async () => {
    const db = database.db;
    const plain = await createUser(db, 'plain');
    const pay = (await createCategory(db, plain.id, { name: 'Pay' })).id;
    await createTransaction(db, plain.id, {
      categoryId: pay,
      type: 'INCOME',
      amount: '10.00',
      date: '2026-03-03',
    });
    await createTransaction(db, plain.id, {
      categoryId: pay,
      type: 'INCOME',
      amount: '5.00',
      date: '2026-03-04',
    });
    await db.execute(sql`DELETE FROM transactions WHERE user_id = ${plain.id} AND amount = 10`);
    expect(await getMonthlySummary(db, plain.id, { month: '2026-03' })).toMatchObject({
      totalIncome: '5.00',
      transactionCount: 1,
    });
  });
});
