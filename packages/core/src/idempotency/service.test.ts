import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import { createDatabase, type DatabaseHandle } from '../db/client';
import { rowsOf } from '../db/rows';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { onPostgresServer } from '../testing/env';
import { createUser } from '../testing/fixtures';
import { createTransaction, listTransactions } from '../transactions/service';
import { pruneIdempotencyKeys, runIdempotently } from './service';

let database: TestDatabase;
const pools: DatabaseHandle[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const pool of pools) await pool.close();
  await database.close();
});

async function setUp(name: string) {
  const user = await createUser(database.db, name);
  const category = await createCategory(database.db, user.id, { name: 'Food' });
  const input = { categoryId: category.id, type: 'EXPENSE', amount: '12.50', date: '2026-11-02' } as const;
  return { user, input };
}

const count = async (userId: number) =>
  (await listTransactions(database.db, userId, { includeTotal: true, limit: 1 })).total;

describe('a create sent with an Idempotency-Key', () => {
  it('happens once: a repeat answers the first result and writes nothing', async () => {
    const { user, input } = await setUp('once');
    const request = { key: 'form-1', scope: 'transactions.create', input };
    const create = (db: typeof database.db) => createTransaction(db, user.id, input);
    const first = await runIdempotently(database.db, user.id, request, create);
    const second = await runIdempotently(database.db, user.id, request, create);
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ result: first.result, replayed: true });
    expect(await count(user.id)).toBe(1);
  });

  it('refuses the same key with a different request, and for another kind of call', async () => {
    const { user, input } = await setUp('mismatch');
    const create = (db: typeof database.db) => createTransaction(db, user.id, input);
    await runIdempotently(database.db, user.id, { key: 'k', scope: 'transactions.create', input }, create);
    const changed = { ...input, amount: '13.00' };
    await expect(
      runIdempotently(
        database.db,
        user.id,
        { key: 'k', scope: 'transactions.create', input: changed },
        create,
      ),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
    await expect(
      runIdempotently(database.db, user.id, { key: 'k', scope: 'categories.create', input }, create),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
    expect(await count(user.id)).toBe(1);
  });

  it('treats the same key of another user as a different key', async () => {
    const a = await setUp('keys-a');
    const b = await setUp('keys-b');
    for (const { user, input } of [a, b]) {
      const outcome = await runIdempotently(
        database.db,
        user.id,
        { key: 'shared', scope: 'transactions.create', input },
        (db) => createTransaction(db, user.id, input),
      );
      expect(outcome.replayed).toBe(false);
    }
  });

  it('stores nothing when the create fails, so the client can retry with the same key', async () => {
    const { user, input } = await setUp('retry');
    const request = { key: 'retry-1', scope: 'transactions.create', input };
    await expect(
      runIdempotently(database.db, user.id, request, async () => {
        throw new Error('connection lost');
      }),
    ).rejects.toThrow('connection lost');
    const retried = await runIdempotently(database.db, user.id, request, (db) =>
      createTransaction(db, user.id, input),
    );
    expect(retried.replayed).toBe(false);
    expect(await count(user.id)).toBe(1);
  });

  it('refuses a key that is empty, too long or not visible ASCII', async () => {
    const { user, input } = await setUp('bad-keys');
    for (const key of ['', 'x'.repeat(256), 'schlüssel', 'a b']) {
      await expect(
        runIdempotently(database.db, user.id, { key, scope: 's', input }, async () => 1),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('forgets a key after 24 hours: it then creates again, and the prune removes old keys', async () => {
    const { user, input } = await setUp('expiry');
    const request = { key: 'old', scope: 'transactions.create', input };
    const create = (db: typeof database.db) => createTransaction(db, user.id, input);
    await runIdempotently(database.db, user.id, request, create);
    await database.db.execute(
      sql`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = ${user.id}`,
    );
    expect((await runIdempotently(database.db, user.id, request, create)).replayed).toBe(false);
    expect(await count(user.id)).toBe(2);
    await database.db.execute(
      sql`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = ${user.id}`,
    );
    expect(await pruneIdempotencyKeys(database.db)).toBeGreaterThanOrEqual(1);
    const left = rowsOf(
      await database.db.execute(sql`SELECT 1 FROM idempotency_keys WHERE user_id = ${user.id}`),
    );
    expect(left).toHaveLength(0);
  });

  it.runIf(onPostgresServer('the idempotency race test'))(
    'creates once when the same key arrives on several connections at the same moment',
    async () => {
      const { user, input } = await setUp('race');
      const handles = await Promise.all(
        Array.from({ length: 6 }, () =>
          createDatabase({ url: database.url ?? '', migrate: false, maxConnections: 1 }),
        ),
      );
      pools.push(...handles);
      for (let round = 0; round < 10; round++) {
        const request = { key: `double-click-${round}`, scope: 'transactions.create', input };
        const outcomes = await Promise.all(
          handles.map((handle) =>
            runIdempotently(handle.db, user.id, request, (db) => createTransaction(db, user.id, input)),
          ),
        );
        expect(outcomes.filter((outcome) => !outcome.replayed)).toHaveLength(1);
        expect(new Set(outcomes.map((outcome) => outcome.result.id)).size).toBe(1);
      }
      expect(await count(user.id)).toBe(10);
    },
  );
});
