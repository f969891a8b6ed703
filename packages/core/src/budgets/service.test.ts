import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userToday } from '../accounts/time-zone';
import { listAlerts } from '../alerts/service';
import { createCategory } from '../categories/service';
import { rowsOf } from '../db/rows';
import { createAccount } from '../finance-accounts/service';
import { deleteTransactionsInBulk, findCategoryMonthDrift } from '../summaries/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import {
  createTransaction,
  createTransfer,
  deleteTransaction,
  updateTransaction,
} from '../transactions/service';
import { monthRange } from '../validation/dates';
import { createBudget, deleteBudget, getBudgetStatus, listBudgets, updateBudget } from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function household() {
  const db = database.db;
  const user = await createUser(db, 'budget');
  const today = await userToday(db, user.id);
  const month = today.slice(0, 7);
  const groceries = await createCategory(db, user.id, { name: 'Groceries' });
  const dining = await createCategory(db, user.id, { name: 'Dining' });
  const salary = await createCategory(db, user.id, { name: 'Salary' });
  const spend = (categoryId: number, amount: string, date = today) =>
    createTransaction(db, user.id, { categoryId, type: 'EXPENSE', amount, date });
  return { db, user, today, month, groceries, dining, salary, spend };
}

const budgetAlerts = async (db: TestDatabase['db'], userId: number) =>
  (await listAlerts(db, userId)).results
    .filter((a) => a.kind.startsWith('BUDGET'))
    .map((a) => `${a.kind}:${(a.data as { category_name: string }).category_name}`)
    .sort();

describe('budgets', () => {
  it('repeat every month from their start month, with their spending, remaining and status', async () => {
    const { db, user, month, groceries, dining, spend } = await household();
    const previous = monthRange(month, -1).start;
    await createBudget(db, user.id, {
      categoryId: groceries.id,
      amount: '400',
      startMonth: previous.slice(0, 7),
    });
    await createBudget(db, user.id, { categoryId: dining.id, amount: '100.00' });
    await spend(groceries.id, '330.00');
    await spend(dining.id, '120.50');
    await spend(dining.id, '80.00', previous);

    const status = await getBudgetStatus(db, user.id);
    expect(status.month).toBe(month);
    expect(status.budgets).toEqual([
      expect.objectContaining({
        category: 'Dining',
        limit: '100.00',
        carriedIn: '0.00',
        spent: '120.50',
        remaining: '-20.50',
        percent: 120.5,
        status: 'over',
      }),
      expect.objectContaining({
        category: 'Groceries',
        limit: '400.00',
        spent: '330.00',
        remaining: '70.00',
        percent: 82.5,
        status: 'warning',
      }),
    ]);
    expect(status.totals).toEqual({
      limit: '500.00',
      carriedIn: '0.00',
      spent: '450.50',
      remaining: '49.50',
      percent: 90.1,
    });
    // Last month only Groceries was budgeted (Dining starts this month): Dining's 80.00 is unbudgeted there.
    const last = await getBudgetStatus(db, user.id, { month: previous.slice(0, 7) });
    expect(last.budgets.map((b) => b.category)).toEqual(['Groceries']);
    expect(last.unbudgeted).toBe('80.00');
  });

  it('count spending only: transfers and income are not spending, and unbudgeted spending is reported', async () => {
    const { db, user, today, groceries, salary, spend } = await household();
    await createBudget(db, user.id, { categoryId: groceries.id, amount: '200' });
    const savings = await createAccount(db, user.id, { name: 'Savings', kind: 'SAVINGS' });
    const [main] = rowsOf<{ id: number }>(
      await db.execute(sql`SELECT id FROM accounts WHERE user_id = ${user.id} AND is_default`),
    );
    await createTransfer(db, user.id, {
      fromAccountId: main?.id ?? 0,
      toAccountId: savings.id,
      amount: '500',
      date: today,
    });
    await createTransaction(db, user.id, {
      categoryId: salary.id,
      type: 'INCOME',
      amount: '3000',
      date: today,
    });
    await spend(groceries.id, '50');
    await spend(salary.id, '12.34');
    const status = await getBudgetStatus(db, user.id);
    expect(status.budgets[0]).toMatchObject({ spent: '50.00', status: 'ok', percent: 25 });
    expect(status.unbudgeted).toBe('12.34');
  });

  it('keep the limit earlier months had when the amount changes from a month on', async () => {
    const { db, user, month, groceries } = await household();
    const start = monthRange(month, -3).start.slice(0, 7);
    const budget = await createBudget(db, user.id, {
      categoryId: groceries.id,
      amount: '300',
      startMonth: start,
    });
    const changed = await updateBudget(db, user.id, {
      id: budget.id,
      amount: '350',
      effectiveMonth: monthRange(month, -1).start.slice(0, 7),
    });
    expect(changed.amount).toBe('350.00');
    expect(changed.changes).toEqual([
      { month: start, amount: '300.00' },
      { month: monthRange(month, -1).start.slice(0, 7), amount: '350.00' },
    ]);
    const limitIn = async (offset: number) =>
      (await getBudgetStatus(db, user.id, { month: monthRange(month, offset).start.slice(0, 7) })).budgets[0]
        ?.limit;
    expect(await limitIn(-3)).toBe('300.00');
    expect(await limitIn(-2)).toBe('300.00');
    expect(await limitIn(-1)).toBe('350.00');
    expect(await limitIn(0)).toBe('350.00');
    expect(await limitIn(6)).toBe('350.00');
    // A change from an earlier month on overrides later ones.
    await updateBudget(db, user.id, {
      id: budget.id,
      amount: '320',
      effectiveMonth: monthRange(month, -2).start.slice(0, 7),
    });
    expect(await limitIn(-3)).toBe('300.00');
    expect(await limitIn(-2)).toBe('320.00');
    expect(await limitIn(0)).toBe('320.00');
  });

  it('with rollover carry what is left over, or overspent, into the next month', async () => {
    const { db, user, month, groceries, spend } = await household();
    const m = (offset: number) => monthRange(month, offset).start;
    await createBudget(db, user.id, {
      categoryId: groceries.id,
      amount: '100',
      startMonth: m(-2).slice(0, 7),
      rollover: true,
    });
    await spend(groceries.id, '70.00', m(-2)); // 30 left over
    await spend(groceries.id, '150.00', m(-1)); // 100 + 30 available, 20 overspent
    await spend(groceries.id, '10.00');
    const status = await getBudgetStatus(db, user.id);
    expect(status.budgets[0]).toMatchObject({
      limit: '100.00',
      carriedIn: '-20.00',
      spent: '10.00',
      remaining: '70.00',
      percent: 12.5,
      status: 'ok',
    });
    // A change of limit carries from the month it applies: 30 + (250 − 150) = 130 carried in.
    const [rolled] = await listBudgets(db, user.id);
    await updateBudget(db, user.id, {
      id: rolled?.id ?? 0,
      amount: '250',
      effectiveMonth: m(-1).slice(0, 7),
    });
    expect((await getBudgetStatus(db, user.id)).budgets[0]).toMatchObject({
      limit: '250.00',
      carriedIn: '130.00',
      remaining: '370.00',
    });
    await updateBudget(db, user.id, {
      id: rolled?.id ?? 0,
      amount: '100',
      effectiveMonth: m(-1).slice(0, 7),
    });
    // Without rollover nothing carries.
    const [budget] = await listBudgets(db, user.id);
    await updateBudget(db, user.id, { id: budget?.id ?? 0, rollover: false });
    expect((await getBudgetStatus(db, user.id)).budgets[0]).toMatchObject({
      carriedIn: '0.00',
      remaining: '90.00',
    });
  });

  it('refuse a second budget for a category, another user’s category and bad amounts, changing nothing', async () => {
    const { db, user, groceries } = await household();
    const other = await createUser(db, 'other');
    const theirs = await createCategory(db, other.id, { name: 'Theirs' });
    await createBudget(db, user.id, { categoryId: groceries.id, amount: '10' });
    await expect(createBudget(db, user.id, { categoryId: groceries.id, amount: '20' })).rejects.toMatchObject(
      {
        code: 'BAD_REQUEST',
        fieldErrors: { categoryId: [expect.stringContaining('already has a budget')] },
      },
    );
    await expect(createBudget(db, user.id, { categoryId: theirs.id, amount: '20' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(createBudget(db, user.id, { categoryId: groceries.id, amount: '-5' })).rejects.toMatchObject(
      {
        code: 'BAD_REQUEST',
        fieldErrors: { amount: [expect.any(String)] },
      },
    );
    await expect(
      createBudget(db, user.id, { categoryId: groceries.id, amount: 12.345 }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await listBudgets(db, user.id)).toHaveLength(1);
    expect(await listBudgets(db, other.id)).toHaveLength(0);
    const [mine] = await listBudgets(db, user.id);
    await expect(deleteBudget(db, other.id, { id: mine?.id ?? 0 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(updateBudget(db, other.id, { id: mine?.id ?? 0, amount: '1' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await deleteBudget(db, user.id, { id: mine?.id ?? 0 });
    expect(await listBudgets(db, user.id)).toHaveLength(0);
  });
});

describe('budget alerts', () => {
  it('fire once at 80 % and once at 100 %, with the figures behind them', async () => {
    const { db, user, month, groceries, spend } = await household();
    await createBudget(db, user.id, { categoryId: groceries.id, amount: '100' });
    await spend(groceries.id, '50');
    expect(await budgetAlerts(db, user.id)).toEqual([]);
    await spend(groceries.id, '30'); // exactly 80 %
    expect(await budgetAlerts(db, user.id)).toEqual(['BUDGET_WARNING:Groceries']);
    await spend(groceries.id, '5');
    expect(await budgetAlerts(db, user.id)).toEqual(['BUDGET_WARNING:Groceries']);
    await spend(groceries.id, '40');
    expect(await budgetAlerts(db, user.id)).toEqual(['BUDGET_OVER:Groceries', 'BUDGET_WARNING:Groceries']);
    const [over] = (await listAlerts(db, user.id)).results;
    expect(over).toMatchObject({
      kind: 'BUDGET_OVER',
      link: `/budgets?month=${month}`,
      data: expect.objectContaining({ spent: '125.00', available: '100.00', threshold: 100 }),
      readAt: null,
    });
    expect(over?.message).toMatch(
      /^Groceries has used its whole budget for \w+ \d{4}: 125\.00 spent of 100\.00\.$/,
    );
  });

  it('do not fire again when an edit lowers spending and the threshold is crossed once more', async () => {
    const { db, user, groceries, dining, spend } = await household();
    await createBudget(db, user.id, { categoryId: groceries.id, amount: '100' });
    const big = await spend(groceries.id, '90');
    expect(await budgetAlerts(db, user.id)).toEqual(['BUDGET_WARNING:Groceries']);
    await updateTransaction(db, user.id, { id: big.id, amount: '10' });
    await updateTransaction(db, user.id, { id: big.id, amount: '95' });
    await deleteTransaction(db, user.id, { id: big.id });
    await spend(groceries.id, '85');
    // Moved to another category and back: still the same month's crossing.
    const moved = await spend(groceries.id, '1');
    await updateTransaction(db, user.id, { id: moved.id, categoryId: dining.id });
    await updateTransaction(db, user.id, { id: moved.id, categoryId: groceries.id });
    expect(await budgetAlerts(db, user.id)).toEqual(['BUDGET_WARNING:Groceries']);
  });

  it('fire when a transaction moves into the budgeted category or into the current month', async () => {
    const { db, user, month, groceries, dining, spend } = await household();
    await createBudget(db, user.id, {
      categoryId: groceries.id,
      amount: '100',
      startMonth: monthRange(month, -1).start.slice(0, 7),
    });
    const dinner = await spend(dining.id, '85');
    expect(await budgetAlerts(db, user.id)).toEqual([]);
    await updateTransaction(db, user.id, { id: dinner.id, categoryId: groceries.id });
    expect(await budgetAlerts(db, user.id)).toEqual(['BUDGET_WARNING:Groceries']);

    const late = await spend(groceries.id, '500', monthRange(month, -1).start);
    // Last month's overspending is history, not news.
    expect(await budgetAlerts(db, user.id)).toEqual(['BUDGET_WARNING:Groceries']);
    await updateTransaction(db, user.id, { id: late.id, date: `${month}-01` });
    expect(await budgetAlerts(db, user.id)).toEqual(['BUDGET_OVER:Groceries', 'BUDGET_WARNING:Groceries']);
    expect(await findCategoryMonthDrift(db, user.id)).toEqual([]);
  });

  it('fire after a bulk change (an import, an undo) as after single writes', async () => {
    const { db, user, groceries, spend } = await household();
    await createBudget(db, user.id, { categoryId: groceries.id, amount: '100' });
    await spend(groceries.id, '10');
    // A bulk delete of nothing that matters, then a bulk-path write through the same helper as imports.
    await deleteTransactionsInBulk(db, user.id, sql`id < 0`);
    expect(await budgetAlerts(db, user.id)).toEqual([]);
    const { withUserDerivedDataInBulk } = await import('../summaries/service');
    await db.transaction((tx) =>
      withUserDerivedDataInBulk(tx, user.id, async () => {
        await tx.execute(sql`INSERT INTO transactions (user_id, category_id, type, amount, date)
          VALUES (${user.id}, ${groceries.id}, 'EXPENSE', 95, current_date)`);
      }),
    );
    expect(await budgetAlerts(db, user.id)).toEqual(['BUDGET_OVER:Groceries', 'BUDGET_WARNING:Groceries']);
    expect(await findCategoryMonthDrift(db, user.id)).toEqual([]);
  });

  it('are never another user’s', async () => {
    const { db, user, groceries, spend } = await household();
    const other = await createUser(db, 'other');
    await createBudget(db, user.id, { categoryId: groceries.id, amount: '10' });
    await spend(groceries.id, '20');
    expect(await budgetAlerts(db, user.id)).toHaveLength(2);
    expect((await listAlerts(db, other.id)).results).toEqual([]);
  });
});
