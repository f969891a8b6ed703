import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import { loadDemoData } from '../demo/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { createTransaction, listTransactions } from '../transactions/service';
import { exportAccount } from './export';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('exporting an account', () => {
  it('holds the profile, every transaction and every category, and nothing of anyone else', async () => {
    const user = await createUser(database.db, 'leaving');
    const other = await createUser(database.db, 'staying');
    await loadDemoData(database.db, user.id, { months: 4 });
    const unused = await createCategory(database.db, user.id, { name: 'Not used yet' });
    const theirs = await createCategory(database.db, other.id, { name: 'Secret' });
    await createTransaction(database.db, other.id, {
      categoryId: theirs.id,
      type: 'EXPENSE',
      amount: '99.00',
      date: '2026-10-10',
    });

    const exported = await exportAccount(database.db, user.id);
    expect(exported.profile).toMatchObject({ id: user.id, email: user.email });
    const transactions = [];
    for await (const batch of exported.transactions()) transactions.push(...batch);
    const categories = await exported.categories();

    const first = await listTransactions(database.db, user.id, { limit: 200, includeTotal: true });
    expect(transactions).toHaveLength(first.total ?? -1);
    expect(transactions.slice(0, 200)).toEqual(first.items);
    expect(categories.map((c) => c.id)).toContain(unused.id);
    const named = new Set(categories.map((c) => c.id));
    expect(transactions.every((t) => t.categoryId === null || named.has(t.categoryId))).toBe(true);
    expect(JSON.stringify({ transactions, categories })).not.toContain('Secret');
  });
});
