import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, deleteCategory } from '../categories/service';
import { createAccount, listAccounts } from '../finance-accounts/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { createTransaction, createTransfer, getTransaction } from '../transactions/service';
import { applyRule, createRule, deleteRule, getRule, listRules, updateRule } from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('rules', () => {
  it('are validated: a condition, a known category, a sane amount range', async () => {
    const user = await createUser(database.db, 'rules');
    const other = await createUser(database.db, 'rules');
    const theirs = (await createCategory(database.db, other.id, { name: 'Theirs' })).id;
    await expect(
      createRule(database.db, user.id, { name: 'all', actions: { renamePayee: 'X' } }),
    ).rejects.toMatchObject({
      fieldErrors: { conditions: [expect.stringContaining('at least one condition')] },
    });
    await expect(
      createRule(database.db, user.id, { name: 'none', type: 'EXPENSE', actions: {} }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      createRule(database.db, user.id, { name: 'theirs', type: 'EXPENSE', actions: { categoryId: theirs } }),
    ).rejects.toMatchObject({ fieldErrors: { 'actions.categoryId': expect.any(Array) } });
    await expect(
      createRule(database.db, user.id, {
        name: 'range',
        amountMin: '10',
        amountMax: '5',
        actions: { appendNote: 'x' },
      }),
    ).rejects.toMatchObject({ fieldErrors: { amountMax: expect.any(Array) } });
  });

  it('run over existing transactions: a dry run counts and changes nothing, then the run changes them', async () => {
    const user = await createUser(database.db, 'rules');
    const misc = (await createCategory(database.db, user.id, { name: 'Misc' })).id;
    const shopping = (await createCategory(database.db, user.id, { name: 'Shopping' })).id;
    const add = (payee: string, amount = '10.00') =>
      createTransaction(database.db, user.id, {
        categoryId: misc,
        type: 'EXPENSE',
        amount,
        date: '2026-02-01',
        payee,
      });
    const amazon = await add('AMZN Mktp US*2K3');
    await add('AMZN MKTP US*9Q1', '30.00');
    const other = await add('Corner shop');
    const [main] = await listAccounts(database.db, user.id);
    const savings = await createAccount(database.db, user.id, { name: 'Savings' });
    await createTransfer(database.db, user.id, {
      fromAccountId: main?.id ?? 0,
      toAccountId: savings.id,
      amount: '10.00',
      date: '2026-02-01',
    });

    const rule = await createRule(database.db, user.id, {
      name: 'Amazon',
      conditions: [{ field: 'payee', operator: 'matches', value: 'amzn mktp*' }],
      actions: { categoryId: shopping, renamePayee: 'Amazon' },
    });
    expect(await applyRule(database.db, user.id, { id: rule.id, dryRun: true })).toEqual({
      matched: 2,
      changed: 2,
      dryRun: true,
    });
    expect((await getTransaction(database.db, user.id, { id: amazon.id })).payee).toBe('AMZN Mktp US*2K3');
    expect(await applyRule(database.db, user.id, { id: rule.id })).toEqual({
      matched: 2,
      changed: 2,
      dryRun: false,
    });
    expect(await getTransaction(database.db, user.id, { id: amazon.id })).toMatchObject({
      payee: 'Amazon',
      categoryId: shopping,
    });
    expect((await getTransaction(database.db, user.id, { id: other.id })).categoryId).toBe(misc);
    // The renamed payee no longer matches the pattern: nothing more to change.
    expect(await applyRule(database.db, user.id, { id: rule.id })).toMatchObject({ matched: 0, changed: 0 });
  });

  it('refuse to run when their category has gone since', async () => {
    const user = await createUser(database.db, 'rules');
    const gone = await createCategory(database.db, user.id, { name: 'Gone' });
    const rule = await createRule(database.db, user.id, {
      name: 'R',
      type: 'EXPENSE',
      actions: { categoryId: gone.id },
    });
    await deleteCategory(database.db, user.id, { id: gone.id });
    await expect(applyRule(database.db, user.id, { id: rule.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { 'actions.categoryId': expect.any(Array) },
    });
  });

  it('are listed in the order they run and can be changed and deleted', async () => {
    const user = await createUser(database.db, 'rules');
    const second = await createRule(database.db, user.id, {
      name: 'B',
      position: 2,
      type: 'INCOME',
      actions: { appendNote: 'in' },
    });
    const first = await createRule(database.db, user.id, {
      name: 'A',
      position: 1,
      type: 'EXPENSE',
      actions: { appendNote: 'out' },
    });
    expect((await listRules(database.db, user.id)).map((r) => r.name)).toEqual(['A', 'B']);
    const changed = await updateRule(database.db, user.id, { id: second.id, position: 0, amountMin: '5.00' });
    expect(changed).toMatchObject({ position: 0, amountMin: '5.00', type: 'INCOME', name: 'B' });
    expect((await listRules(database.db, user.id)).map((r) => r.name)).toEqual(['B', 'A']);
    await deleteRule(database.db, user.id, { id: first.id });
    await expect(getRule(database.db, user.id, { id: first.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
