import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import { createDatabase, type DatabaseHandle } from '../db/client';
import { seededRandom } from '../demo/seeded-random';
import { createAccount, listAccounts } from '../finance-accounts/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import {
  createTransaction,
  createTransfer,
  deleteTransaction,
  listTransactions,
  updateTransaction,
} from '../transactions/service';
import { findAccountMonthDrift, findCategoryMonthDrift, findSummaryDrift, rebuildSummaries } from './service';

const WRITERS = 8;
const OPERATIONS_PER_WRITER = 250;
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04'];

let database: TestDatabase;
/** On the server every writer gets its own connection pool, so the writes really overlap. */
const pools: DatabaseHandle[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const pool of pools) await pool.close();
  await database.close();
});

describe('monthly summaries under concurrent writers', () => {
  it(`stay equal to a fresh recomputation after ${WRITERS} writers × ${OPERATIONS_PER_WRITER} random writes`, async () => {
    const users = await Promise.all([1, 2, 3].map(() => createUser(database.db, 'busy')));
    const categories = new Map<number, number[]>();
    const accounts = new Map<number, number[]>();
    for (const user of users) {
      categories.set(user.id, [
        (await createCategory(database.db, user.id, { name: 'Food' })).id,
        (await createCategory(database.db, user.id, { name: 'Pay' })).id,
      ]);
      const [main] = await listAccounts(database.db, user.id);
      accounts.set(user.id, [
        main?.id ?? 0,
        (await createAccount(database.db, user.id, { name: 'Savings', kind: 'SAVINGS' })).id,
      ]);
    }

    const writer = async (index: number) => {
      const db = database.url
        ? (pools[
            pools.push(await createDatabase({ url: database.url, migrate: false, maxConnections: 2 })) - 1
          ]?.db ?? database.db)
        : database.db;
      const next = seededRandom(1000 + index);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const randomFields = (userId: number) => ({
        categoryId: pick(categories.get(userId) ?? []),
        accountId: pick(accounts.get(userId) ?? []),
        type: pick(['INCOME', 'EXPENSE'] as const),
        amount: `${1 + Math.floor(next() * 50_000)}.${String(Math.floor(next() * 100)).padStart(2, '0')}`,
        date: `${pick(MONTHS)}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      });
      let applied = 0;
      for (let op = 0; op < OPERATIONS_PER_WRITER; op++) {
        const user = pick(users);
        const roll = next();
        try {
          if (roll < 0.1) {
            // Both sides of a transfer move money between the accounts and count in neither total.
            const [from, to] =
              next() < 0.5 ? (accounts.get(user.id) ?? []) : [...(accounts.get(user.id) ?? [])].reverse();
            const { amount, date } = randomFields(user.id);
            await createTransfer(db, user.id, {
              fromAccountId: from ?? 0,
              toAccountId: to ?? 0,
              amount,
              date,
            });
          } else if (roll < 0.5) {
            await createTransaction(db, user.id, randomFields(user.id));
          } else {
            // Pick a recent transaction of that user; other writers may delete it first (NOT_FOUND is fine).
            const { items } = await listTransactions(db, user.id, { limit: 20 });
            const target = items.length > 0 ? pick(items) : undefined;
            if (!target) continue;
            if (roll < 0.8 && target.transferId !== null) {
              // A transfer's new amount and date reach its other side, in another account.
              const { amount, date } = randomFields(user.id);
              await updateTransaction(db, user.id, { id: target.id, amount, date });
            } else if (roll < 0.8)
              await updateTransaction(db, user.id, { id: target.id, ...randomFields(user.id) });
            else await deleteTransaction(db, user.id, { id: target.id });
          }
          applied++;
        } catch (error) {
          if ((error as { code?: string }).code !== 'NOT_FOUND') throw error;
        }
      }
      return applied;
    };

    const applied = await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));
    expect(applied.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(
      WRITERS * OPERATIONS_PER_WRITER * 0.8,
    );
    expect(await findSummaryDrift(database.db)).toEqual([]);
    expect(await findAccountMonthDrift(database.db)).toEqual([]);
    expect(await findCategoryMonthDrift(database.db)).toEqual([]);
  });

  it('also hold when a rebuild runs in the middle of the writes', async () => {
    const user = await createUser(database.db, 'rebuild');
    const category = (await createCategory(database.db, user.id, { name: 'Food' })).id;
    // Several rounds: per-user and full rebuilds racing each other and the writers.
    for (let round = 0; round < 5; round++) {
      const writes = Array.from({ length: 40 }, (_, index) =>
        createTransaction(database.db, user.id, {
          categoryId: category,
          type: 'EXPENSE',
          amount: `${index + 1}.00`,
          date: `${MONTHS[index % MONTHS.length]}-15`,
        }),
      );
      await Promise.all([
        ...writes,
        rebuildSummaries(database.db, user.id),
        rebuildSummaries(database.db),
        rebuildSummaries(database.db, user.id),
      ]);
    }
    expect(await findSummaryDrift(database.db)).toEqual([]);
  });
});
