import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBudget, listBudgets } from '../budgets/service';
import { createRule, getRule } from '../rules/service';
import {
  findCategoryMonthDrift,
  findSummaryDrift,
  getMonthlySummary,
  getMonthlyTrend,
} from '../summaries/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { createTransaction, listTransactions } from '../transactions/service';
import {
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  mergeCategories,
  updateCategory,
} from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function household(name: string) {
  const db = database.db;
  const user = await createUser(db, name);
  const groceries = await createCategory(db, user.id, { name: 'Groceries', kind: 'EXPENSE' });
  const food = await createCategory(db, user.id, { name: 'Food', kind: 'EXPENSE' });
  for (const [date, amount] of [
    ['2026-10-03', '40.00'],
    ['2026-11-04', '25.50'],
    ['2026-11-09', '10.00'],
  ] as const) {
    await createTransaction(db, user.id, { categoryId: groceries.id, type: 'EXPENSE', amount, date });
  }
  await createTransaction(db, user.id, {
    categoryId: food.id,
    type: 'EXPENSE',
    amount: '5.00',
    date: '2026-11-10',
  });
  return { user, groceries, food };
}

describe('category kinds and counts', () => {
  it('stores the kind, lets it change, and counts each category’s transactions', async () => {
    const { user, groceries, food } = await household('kinds');
    const salary = await createCategory(database.db, user.id, { name: 'Salary', kind: 'INCOME' });
    expect(salary).toMatchObject({ kind: 'INCOME', transactionCount: 0 });
    expect(await getCategory(database.db, user.id, { id: groceries.id })).toMatchObject({
      kind: 'EXPENSE',
      transactionCount: 3,
    });
    const either = await updateCategory(database.db, user.id, { id: food.id, kind: null });
    expect(either).toMatchObject({ name: 'Food', kind: null, transactionCount: 1 });
    const listed = await listCategories(database.db, user.id);
    expect(listed.map((c) => [c.name, c.kind, c.transactionCount])).toEqual([
      ['Food', null, 1],
      ['Groceries', 'EXPENSE', 3],
      ['Salary', 'INCOME', 0],
    ]);
  });
});

describe('a category’s trend', () => {
  it('gives its months from the derived per-category data, empty months as zeros, nothing of others', async () => {
    const { user, groceries } = await household('trend');
    const stranger = await createUser(database.db, 'trend-stranger');
    const months = { endMonth: '2026-11', months: 3, categoryId: groceries.id };
    expect(await getMonthlyTrend(database.db, user.id, months)).toEqual([
      { month: '2026-09', income: '0.00', expense: '0.00', savings: '0.00' },
      { month: '2026-10', income: '0.00', expense: '40.00', savings: '-40.00' },
      { month: '2026-11', income: '0.00', expense: '35.50', savings: '-35.50' },
    ]);
    const theirs = await getMonthlyTrend(database.db, stranger.id, months);
    expect(theirs.every((point) => point.expense === '0.00')).toBe(true);
  });
});

describe('deleting a category in use', () => {
  it('is refused without a category to move its transactions to', async () => {
    const { user, groceries } = await household('refused');
    await expect(deleteCategory(database.db, user.id, { id: groceries.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('moves its transactions, rules and budget to the other category first, in one step', async () => {
    const db = database.db;
    const { user, groceries, food } = await household('reassign');
    const rule = await createRule(db, user.id, {
      name: 'Supermarket',
      conditions: [{ field: 'payee', operator: 'contains', value: 'market' }],
      actions: { categoryId: groceries.id },
    });
    await createBudget(db, user.id, { categoryId: groceries.id, amount: '300.00' });
    const before = await getMonthlySummary(db, user.id, { month: '2026-11' });

    await deleteCategory(db, user.id, { id: groceries.id, reassignTo: food.id });

    const names = (await listCategories(db, user.id)).map((c) => [c.name, c.transactionCount]);
    expect(names).toEqual([['Food', 4]]);
    const page = await listTransactions(db, user.id, { limit: 10 });
    expect(new Set(page.items.map((t) => t.categoryName))).toEqual(new Set(['Food']));
    expect((await getRule(db, user.id, { id: rule.id })).actions.categoryId).toBe(food.id);
    expect((await listBudgets(db, user.id)).map((b) => b.categoryId)).toEqual([food.id]);
    // The month's totals are unchanged; the per-category months follow the move exactly.
    expect(await getMonthlySummary(db, user.id, { month: '2026-11' })).toMatchObject({
      totalExpense: before.totalExpense,
    });
    expect(await findCategoryMonthDrift(db, user.id)).toEqual([]);
    expect(await findSummaryDrift(db, user.id)).toEqual([]);
  });

  it('changes nothing when the target is not the user’s own', async () => {
    const db = database.db;
    const { user, groceries } = await household('foreign-target');
    const other = await household('foreign-owner');
    await expect(
      deleteCategory(db, user.id, { id: groceries.id, reassignTo: other.food.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getCategory(db, user.id, { id: groceries.id })).transactionCount).toBe(3);
    expect((await getCategory(db, other.user.id, { id: other.food.id })).transactionCount).toBe(1);
  });
});

describe('merging two categories', () => {
  it('moves everything into the one that stays and reports how many moved', async () => {
    const db = database.db;
    const { user, groceries, food } = await household('merge');
    await createBudget(db, user.id, { categoryId: groceries.id, amount: '300.00' });
    await createBudget(db, user.id, { categoryId: food.id, amount: '50.00' });
    expect(await mergeCategories(db, user.id, { id: groceries.id, into: food.id })).toEqual({
      id: food.id,
      moved: 3,
    });
    // The remaining category's own budget stays; the merged one's goes with it.
    const budgets = await listBudgets(db, user.id);
    expect(budgets.map((b) => [b.categoryId, b.amount])).toEqual([[food.id, '50.00']]);
    expect(await findCategoryMonthDrift(db, user.id)).toEqual([]);
  });

  it('refuses to merge a category into itself', async () => {
    const { user, food } = await household('self-merge');
    await expect(mergeCategories(database.db, user.id, { id: food.id, into: food.id })).rejects.toMatchObject(
      { code: 'BAD_REQUEST' },
    );
  });
});
