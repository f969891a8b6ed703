import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import { getCategoryBreakdown } from '../insights/category-breakdown';
import { getIncomeVsExpense } from '../insights/income-vs-expense';
import { findAccountMonthDrift, findCategoryMonthDrift, findSummaryDrift } from '../summaries/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import {
  createTransaction,
  createTransfer,
  deleteTransaction,
  getTransaction,
  listTransactions,
  updateTransaction,
} from '../transactions/service';
import {
  createAccount,
  deleteAccount,
  getAccount,
  getBalances,
  listAccounts,
  updateAccount,
} from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function userWithCategories() {
  const user = await createUser(database.db, 'accounts');
  const food = (await createCategory(database.db, user.id, { name: 'Food' })).id;
  const pay = (await createCategory(database.db, user.id, { name: 'Pay' })).id;
  const [main] = await listAccounts(database.db, user.id);
  if (!main) throw new Error('no default account');
  return { user, food, pay, main };
}

describe('accounts', () => {
  it('exist from registration: every user has one default account that takes unassigned transactions', async () => {
    const { user, food, main } = await userWithCategories();
    expect(main).toMatchObject({ name: 'Main account', kind: 'CHECKING', isDefault: true, balance: '0.00' });
    const created = await createTransaction(database.db, user.id, {
      categoryId: food,
      type: 'EXPENSE',
      amount: '12.50',
      date: '2026-03-02',
    });
    expect(created.accountId).toBe(main.id);
  });

  it('have a balance: opening balance plus income minus expenses, now and at the end of any day', async () => {
    const { user, food, pay } = await userWithCategories();
    const card = await createAccount(database.db, user.id, {
      name: 'Visa',
      kind: 'CREDIT_CARD',
      openingBalance: '-100.50',
      openingDate: '2026-01-01',
    });
    const add = (type: 'INCOME' | 'EXPENSE', amount: string, date: string) =>
      createTransaction(database.db, user.id, {
        categoryId: type === 'INCOME' ? pay : food,
        accountId: card.id,
        type,
        amount,
        date,
      });
    await add('EXPENSE', '20.00', '2026-01-15');
    await add('EXPENSE', '5.25', '2026-02-03');
    await add('INCOME', '100.00', '2026-02-20');
    await add('EXPENSE', '1.00', '2026-03-01');
    expect((await getAccount(database.db, user.id, { id: card.id })).balance).toBe('-26.75');
    const at = async (date: string) =>
      (await listAccounts(database.db, user.id, { date })).find((a) => a.id === card.id)?.balance;
    expect(await at('2025-12-31')).toBe('-100.50');
    expect(await at('2026-01-15')).toBe('-120.50');
    expect(await at('2026-02-03')).toBe('-125.75');
    expect(await at('2026-02-19')).toBe('-125.75');
    expect(await at('2026-02-28')).toBe('-25.75');
    expect(await at('2030-01-01')).toBe('-26.75');
  });

  it('give a register with a running balance on every page', async () => {
    const { user, food, pay, main } = await userWithCategories();
    await updateAccount(database.db, user.id, { id: main.id, openingBalance: '1000.00' });
    for (let day = 1; day <= 9; day++) {
      await createTransaction(database.db, user.id, {
        categoryId: day % 3 === 0 ? pay : food,
        type: day % 3 === 0 ? 'INCOME' : 'EXPENSE',
        amount: `${day}.00`,
        date: `2026-04-0${day}`,
      });
    }
    const first = await listTransactions(database.db, user.id, { accountId: main.id, limit: 4 });
    const second = await listTransactions(database.db, user.id, {
      accountId: main.id,
      limit: 4,
      cursor: first.nextCursor ?? undefined,
    });
    const rows = [...first.items, ...second.items];
    // Newest first: the first row's balance is the current one, and each older row's differs by that row.
    expect(rows[0]?.runningBalance).toBe((await getAccount(database.db, user.id, { id: main.id })).balance);
    for (let index = 1; index < rows.length; index++) {
      const newer = rows[index - 1];
      const row = rows[index];
      if (!newer || !row) continue;
      const signed = Number(newer.amount) * (newer.type === 'INCOME' ? 1 : -1);
      expect(Number(row.runningBalance)).toBeCloseTo(Number(newer.runningBalance) - signed, 2);
    }
    // Not filtered by account alone: no running balance (it would not mean anything).
    const filtered = await listTransactions(database.db, user.id, { accountId: main.id, type: 'INCOME' });
    expect(filtered.items[0]?.runningBalance).toBeUndefined();
  });

  it('refuse names used twice, archiving the default, and deleting one with history', async () => {
    const { user, food, main } = await userWithCategories();
    const savings = await createAccount(database.db, user.id, { name: 'Savings', kind: 'SAVINGS' });
    await expect(createAccount(database.db, user.id, { name: 'savings' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { name: [expect.stringContaining('already have an account')] },
    });
    await expect(updateAccount(database.db, user.id, { id: main.id, archived: true })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(deleteAccount(database.db, user.id, { id: main.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await createTransaction(database.db, user.id, {
      categoryId: food,
      accountId: savings.id,
      type: 'EXPENSE',
      amount: '1.00',
      date: '2026-01-01',
    });
    await expect(deleteAccount(database.db, user.id, { id: savings.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Archive it'),
    });
    // Another account can become the default; then the old one can be archived.
    await updateAccount(database.db, user.id, { id: savings.id, isDefault: true });
    const archived = await updateAccount(database.db, user.id, { id: main.id, archived: true });
    expect(archived).toMatchObject({ archived: true, isDefault: false });
    expect((await getAccount(database.db, user.id, { id: savings.id })).isDefault).toBe(true);
    const empty = await createAccount(database.db, user.id, { name: 'Wallet', kind: 'CASH' });
    await deleteAccount(database.db, user.id, { id: empty.id });
    await expect(getAccount(database.db, user.id, { id: empty.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("are private: another user's account is not found and cannot take a transaction", async () => {
    const alice = await userWithCategories();
    const bob = await userWithCategories();
    await expect(getAccount(database.db, bob.user.id, { id: alice.main.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await createTransaction(database.db, alice.user.id, {
      categoryId: alice.food,
      type: 'EXPENSE',
      amount: '2.00',
      date: '2026-01-01',
    });
    // Listing by someone else's account shows nothing of it.
    const page = await listTransactions(database.db, bob.user.id, {
      accountId: alice.main.id,
      includeTotal: true,
    });
    expect(page).toMatchObject({ items: [], total: 0 });
    await expect(
      createTransaction(database.db, bob.user.id, {
        categoryId: bob.food,
        accountId: alice.main.id,
        type: 'EXPENSE',
        amount: '1.00',
        date: '2026-01-01',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { accountId: expect.any(Array) } });
    await expect(
      createTransfer(database.db, bob.user.id, {
        fromAccountId: bob.main.id,
        toAccountId: alice.main.id,
        amount: '5.00',
        date: '2026-01-01',
      }),
    ).rejects.toMatchObject({ fieldErrors: { toAccountId: expect.any(Array) } });
  });
});

describe('transfers', () => {
  it('create two linked sides that move money between accounts but are neither income nor expense', async () => {
    const { user, food, pay, main } = await userWithCategories();
    const savings = await createAccount(database.db, user.id, { name: 'Savings', kind: 'SAVINGS' });
    await createTransaction(database.db, user.id, {
      categoryId: pay,
      type: 'INCOME',
      amount: '3000.00',
      date: '2026-05-01',
    });
    await createTransaction(database.db, user.id, {
      categoryId: food,
      type: 'EXPENSE',
      amount: '200.00',
      date: '2026-05-02',
    });
    const transfer = await createTransfer(database.db, user.id, {
      fromAccountId: main.id,
      toAccountId: savings.id,
      amount: '500.00',
      date: '2026-05-03',
      note: 'Monthly saving',
    });
    expect(transfer.from).toMatchObject({
      accountId: main.id,
      type: 'EXPENSE',
      amount: '500.00',
      categoryId: null,
      transferId: transfer.to.id,
    });
    expect(transfer.to).toMatchObject({
      accountId: savings.id,
      type: 'INCOME',
      transferId: transfer.from.id,
    });

    const balances = await getBalances(database.db, user.id);
    expect(balances.accounts.find((a) => a.accountId === main.id)?.balance).toBe('2300.00');
    expect(balances.accounts.find((a) => a.accountId === savings.id)?.balance).toBe('500.00');
    expect(balances.total).toBe('2800.00');
    expect(await getIncomeVsExpense(database.db, user.id, '2026-05')).toMatchObject({
      income: '3000.00',
      expense: '200.00',
    });
    const breakdown = await getCategoryBreakdown(database.db, user.id, '2026-05');
    expect(breakdown.totalExpense).toBe('200.00');
    expect(breakdown.categories.map((c) => c.category)).toEqual(['Food']);
  });

  it('stay one pair: a new amount or date on one side reaches the other, and deleting one deletes both', async () => {
    const { user, food, main } = await userWithCategories();
    const savings = await createAccount(database.db, user.id, { name: 'Savings', kind: 'SAVINGS' });
    const { from, to } = await createTransfer(database.db, user.id, {
      fromAccountId: main.id,
      toAccountId: savings.id,
      amount: '50.00',
      date: '2026-06-30',
    });
    await updateTransaction(database.db, user.id, { id: to.id, amount: '75.00', date: '2026-07-01' });
    expect(await getTransaction(database.db, user.id, { id: from.id })).toMatchObject({
      amount: '75.00',
      date: '2026-07-01',
    });
    await expect(
      updateTransaction(database.db, user.id, { id: from.id, type: 'INCOME' }),
    ).rejects.toMatchObject({
      fieldErrors: { type: expect.any(Array) },
    });
    await expect(
      updateTransaction(database.db, user.id, { id: from.id, categoryId: food }),
    ).rejects.toMatchObject({
      fieldErrors: { categoryId: [expect.stringContaining('no category')] },
    });
    expect(await findAccountMonthDrift(database.db, user.id)).toEqual([]);
    expect(await findCategoryMonthDrift(database.db, user.id)).toEqual([]);
    await deleteTransaction(database.db, user.id, { id: to.id });
    await expect(getTransaction(database.db, user.id, { id: from.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await getBalances(database.db, user.id)).total).toBe('0.00');
    expect(await findSummaryDrift(database.db, user.id)).toEqual([]);
    expect(await findAccountMonthDrift(database.db, user.id)).toEqual([]);
    expect(await findCategoryMonthDrift(database.db, user.id)).toEqual([]);
  });

  it('need two different accounts', async () => {
    const { user, main } = await userWithCategories();
    await expect(
      createTransfer(database.db, user.id, {
        fromAccountId: main.id,
        toAccountId: main.id,
        amount: '1.00',
        date: '2026-01-01',
      }),
    ).rejects.toMatchObject({ fieldErrors: { toAccountId: ['Choose two different accounts.'] } });
  });
});

describe('the search of the transaction list', () => {
  it('matches payee, note, category name and exact amount', async () => {
    const { user, food, pay } = await userWithCategories();
    const groceries = (await createCategory(database.db, user.id, { name: 'Groceries' })).id;
    const made = await Promise.all([
      createTransaction(database.db, user.id, {
        categoryId: food,
        type: 'EXPENSE',
        amount: '4.20',
        date: '2026-01-01',
        payee: 'Blue Bottle Coffee',
      }),
      createTransaction(database.db, user.id, {
        categoryId: food,
        type: 'EXPENSE',
        amount: '9.99',
        date: '2026-01-02',
        note: 'coffee beans',
      }),
      createTransaction(database.db, user.id, {
        categoryId: groceries,
        type: 'EXPENSE',
        amount: '55.10',
        date: '2026-01-03',
      }),
      createTransaction(database.db, user.id, {
        categoryId: pay,
        type: 'INCOME',
        amount: '12.50',
        date: '2026-01-04',
      }),
    ]);
    const ids = async (search: string) =>
      (await listTransactions(database.db, user.id, { search })).items.map((t) => t.id).sort((a, b) => a - b);
    expect(await ids('coffee')).toEqual([made[0]?.id, made[1]?.id]);
    expect(await ids('grocer')).toEqual([made[2]?.id]);
    expect(await ids('12.50')).toEqual([made[3]?.id]);
    expect(await ids('12,5')).toEqual([made[3]?.id]);
    expect(await ids('100%')).toEqual([]);
  });
});
