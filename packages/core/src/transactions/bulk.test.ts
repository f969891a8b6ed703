import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import { createAccount } from '../finance-accounts/service';
import { createRule } from '../rules/service';
import { findAccountMonthDrift, findCategoryMonthDrift, findSummaryDrift } from '../summaries/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { bulkUpdateTransactions } from './bulk';
import { createTransaction, createTransfer, listTransactions } from './service';
import { suggestCategory } from './suggest';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function ledger(name: string) {
  const db = database.db;
  const user = await createUser(db, name);
  const food = await createCategory(db, user.id, { name: 'Food', kind: 'EXPENSE' });
  const fun = await createCategory(db, user.id, { name: 'Fun', kind: 'EXPENSE' });
  const salary = await createCategory(db, user.id, { name: 'Salary', kind: 'INCOME' });
  const rows = [];
  for (const [payee, amount, date, category] of [
    ['Market', '30.00', '2026-10-30', food],
    ['Market', '12.00', '2026-11-02', food],
    ['Cinema', '9.50', '2026-11-03', fun],
    ['ACME', '2000.00', '2026-11-01', salary],
  ] as const) {
    rows.push(
      await createTransaction(db, user.id, {
        categoryId: category.id,
        type: category === salary ? 'INCOME' : 'EXPENSE',
        amount,
        date,
        payee,
      }),
    );
  }
  return { user, food, fun, salary, rows };
}

async function derivedDataIsExact(userId: number) {
  expect(await findSummaryDrift(database.db, userId)).toEqual([]);
  expect(await findCategoryMonthDrift(database.db, userId)).toEqual([]);
  expect(await findAccountMonthDrift(database.db, userId)).toEqual([]);
}

describe('bulk changes to transactions', () => {
  it('deletes the selected rows and keeps the monthly data exact', async () => {
    const { user, rows } = await ledger('bulk-delete');
    const ids = [rows[0]?.id ?? 0, rows[2]?.id ?? 0];
    expect(await bulkUpdateTransactions(database.db, user.id, { action: 'delete', ids })).toEqual({
      count: 2,
    });
    const left = await listTransactions(database.db, user.id, { limit: 10 });
    expect(left.items.map((t) => t.payee).sort()).toEqual(['ACME', 'Market']);
    await derivedDataIsExact(user.id);
  });

  it('re-files and moves rows across months and accounts', async () => {
    const { user, fun, rows } = await ledger('bulk-update');
    const savings = await createAccount(database.db, user.id, { name: 'Savings' });
    const ids = [rows[0]?.id ?? 0, rows[1]?.id ?? 0];
    await bulkUpdateTransactions(database.db, user.id, {
      action: 'update',
      ids,
      categoryId: fun.id,
      accountId: savings.id,
    });
    const moved = await listTransactions(database.db, user.id, { accountId: savings.id, limit: 10 });
    expect(moved.items.map((t) => [t.categoryName, t.amount])).toEqual([
      ['Fun', '12.00'],
      ['Fun', '30.00'],
    ]);
    await derivedDataIsExact(user.id);
  });

  it('changes nothing when one id is another user’s, or a transfer side is re-filed', async () => {
    const { user, food, rows } = await ledger('bulk-refused');
    const other = await ledger('bulk-other');
    const foreign = other.rows[0]?.id ?? 0;
    await expect(
      bulkUpdateTransactions(database.db, user.id, { action: 'delete', ids: [rows[0]?.id ?? 0, foreign] }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { ids: [expect.stringContaining('no longer exist')] },
    });
    const second = await createAccount(database.db, user.id, { name: 'Cash' });
    const transfer = await createTransfer(database.db, user.id, {
      fromAccountId: rows[0]?.accountId ?? 0,
      toAccountId: second.id,
      amount: '5.00',
      date: '2026-11-05',
    });
    await expect(
      bulkUpdateTransactions(database.db, user.id, {
        action: 'update',
        ids: [rows[2]?.id ?? 0, transfer.from.id],
        categoryId: food.id,
      }),
    ).rejects.toMatchObject({ fieldErrors: { ids: [expect.stringContaining('transfer')] } });
    expect((await listTransactions(database.db, user.id, { includeTotal: true, limit: 1 })).total).toBe(6);
    expect((await listTransactions(database.db, other.user.id, { includeTotal: true, limit: 1 })).total).toBe(
      4,
    );
  });

  it('takes at most 500 ids at a time', async () => {
    const { user } = await ledger('bulk-bounded');
    const ids = Array.from({ length: 501 }, (_, index) => index + 1);
    await expect(
      bulkUpdateTransactions(database.db, user.id, { action: 'delete', ids }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('the category suggested for a payee', () => {
  it('comes from the user’s history with that payee, ignoring case, and fits the type', async () => {
    const { user, food, salary } = await ledger('suggest-history');
    expect(await suggestCategory(database.db, user.id, { payee: 'market', type: 'EXPENSE' })).toEqual({
      categoryId: food.id,
      source: 'history',
    });
    expect(await suggestCategory(database.db, user.id, { payee: 'ACME', type: 'INCOME' })).toEqual({
      categoryId: salary.id,
      source: 'history',
    });
    // Salary is an income category: never suggested for an expense.
    expect(await suggestCategory(database.db, user.id, { payee: 'ACME', type: 'EXPENSE' })).toEqual({
      categoryId: null,
      source: null,
    });
    expect(await suggestCategory(database.db, user.id, { payee: 'Nobody' })).toEqual({
      categoryId: null,
      source: null,
    });
  });

  it('follows a rule that files the payee before the history', async () => {
    const { user, fun } = await ledger('suggest-rule');
    await createRule(database.db, user.id, {
      name: 'Markets are fun',
      conditions: [{ field: 'payee', operator: 'contains', value: 'mark' }],
      actions: { categoryId: fun.id },
    });
    expect(await suggestCategory(database.db, user.id, { payee: 'Market' })).toEqual({
      categoryId: fun.id,
      source: 'rule',
    });
  });

  it('never draws on another user’s history', async () => {
    await ledger('suggest-owner');
    const stranger = await createUser(database.db, 'suggest-stranger');
    expect(await suggestCategory(database.db, stranger.id, { payee: 'Market' })).toEqual({
      categoryId: null,
      source: null,
    });
  });
});

describe('list order and sums', () => {
  it('sorts by amount, payee or category, pages by offset, and sums all matching rows', async () => {
    const { user } = await ledger('ordering');
    const order = async (ordering: '-amount' | 'payee' | 'category' | 'date', offset = 0) =>
      (await listTransactions(database.db, user.id, { ordering, limit: 2, offset })).items.map(
        (t) => t.payee,
      );
    expect(await order('-amount')).toEqual(['ACME', 'Market']);
    expect(await order('-amount', 2)).toEqual(['Market', 'Cinema']);
    expect(await order('payee')).toEqual(['ACME', 'Cinema']);
    expect(await order('category')).toEqual(['Market', 'Market']);
    expect(await order('date')).toEqual(['Market', 'ACME']);
    const page = await listTransactions(database.db, user.id, {
      type: 'EXPENSE',
      limit: 1,
      includeSums: true,
    });
    expect(page.sums).toEqual({ income: '0.00', expense: '51.50' });
    expect(page.nextCursor).not.toBeNull();
    const sorted = await listTransactions(database.db, user.id, { ordering: 'payee', limit: 1 });
    expect(sorted.nextCursor).toBeNull();
    await expect(
      listTransactions(database.db, user.id, { ordering: 'payee', cursor: page.nextCursor ?? '' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
