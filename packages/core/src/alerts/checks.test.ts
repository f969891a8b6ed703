import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../db/client';
import { rowsOf } from '../db/rows';
import { loadDemoData } from '../demo/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { onPostgresServer } from '../testing/env';
import { createUser } from '../testing/fixtures';
import { runAlertChecks } from './checks';
import { listAlerts } from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const anomalyAlerts = async (userId: number) =>
  (await listAlerts(database.db, userId)).results.filter((a) => a.kind === 'ANOMALY').map((a) => a.message);
const pendingRequests = async (userId: number) =>
  rowsOf<{ n: number }>(
    await database.db.execute(
      sql`SELECT count(*)::integer AS n FROM alert_check_requests WHERE user_id = ${userId}`,
    ),
  )[0]?.n ?? 0;

/** A year of demo history, whose last month has an outsized purchase (the anomaly the checks report). */
async function userWithAnomaly() {
  const user = await createUser(database.db, 'checked');
  await loadDemoData(database.db, user.id);
  return user;
}

describe('alert checks', () => {
  it('report a new anomaly of this month once, however often they run', async () => {
    const user = await userWithAnomaly();
    expect(await pendingRequests(user.id)).toBeGreaterThan(0);
    // Not yet due: a burst of writes is checked once, a few seconds after it ends.
    expect((await runAlertChecks(database.db)).checked).not.toContain(user.id);
    const first = await runAlertChecks(database.db, { delaySeconds: 0 });
    expect(first.checked).toContain(user.id);
    const messages = await anomalyAlerts(user.id);
    expect(messages).toEqual([expect.stringContaining('1299.00')]);
    expect(await pendingRequests(user.id)).toBe(0);
    // Asked again (another write), the same anomaly is not news.
    await database.db.execute(sql`INSERT INTO alert_check_requests (user_id) VALUES (${user.id})`);
    await runAlertChecks(database.db, { delaySeconds: 0 });
    expect(await anomalyAlerts(user.id)).toEqual(messages);
  });

  it('lose nothing when a check fails mid-way: the request stays and the next run reports it once', async () => {
    const user = await userWithAnomaly();
    const failed = await runAlertChecks(database.db, {
      delaySeconds: 0,
      beforeCommit: async () => {
        throw new Error('the process died here');
      },
    });
    expect(failed.failed.map((f) => f.userId)).toContain(user.id);
    expect(await anomalyAlerts(user.id)).toEqual([]);
    expect(await pendingRequests(user.id)).toBeGreaterThan(0);
    await runAlertChecks(database.db, { delaySeconds: 0 });
    expect(await anomalyAlerts(user.id)).toHaveLength(1);
    expect(await pendingRequests(user.id)).toBe(0);
  });

  it.runIf(onPostgresServer('killing the checking connection mid-way'))(
    'lose nothing when the checking connection is killed before it commits',
    async () => {
      const user = await userWithAnomaly();
      const worker = await createDatabase({ url: database.url ?? '', migrate: false, maxConnections: 1 });
      try {
        const result = await runAlertChecks(worker.db, {
          delaySeconds: 0,
          beforeCommit: async (tx) => {
            const [me] = rowsOf<{ pid: number }>(await tx.execute(sql`SELECT pg_backend_pid() AS pid`));
            await database.db.execute(sql`SELECT pg_terminate_backend(${me?.pid ?? 0})`);
          },
        });
        expect(result.failed.map((f) => f.userId)).toContain(user.id);
      } finally {
        await worker.close();
      }
      expect(await anomalyAlerts(user.id)).toEqual([]);
      expect(await pendingRequests(user.id)).toBeGreaterThan(0);
      await runAlertChecks(database.db, { delaySeconds: 0 });
      expect(await anomalyAlerts(user.id)).toHaveLength(1);
    },
  );

  it('check a bounded number of users per run, the earliest asked first', async () => {
    const users = await Promise.all([1, 2, 3].map(() => createUser(database.db, 'queued')));
    for (const user of users) {
      await database.db.execute(sql`INSERT INTO alert_check_requests (user_id) VALUES (${user.id})`);
    }
    await runAlertChecks(database.db, { delaySeconds: 0 }); // drains whatever other tests left
    for (const user of users) {
      await database.db.execute(sql`INSERT INTO alert_check_requests (user_id) VALUES (${user.id})`);
    }
    const run = await runAlertChecks(database.db, { delaySeconds: 0, batch: 2 });
    expect(run.checked).toEqual([users[0]?.id, users[1]?.id]);
    expect((await runAlertChecks(database.db, { delaySeconds: 0, batch: 2 })).checked).toEqual([
      users[2]?.id,
    ]);
  });
});

describe('budget alerts and a crash', () => {
  it('are written with the change or not at all: a write rolled back leaves no alert behind', async () => {
    const { createCategory } = await import('../categories/service');
    const { createBudget } = await import('../budgets/service');
    const { createTransaction } = await import('../transactions/service');
    const user = await createUser(database.db, 'crash');
    const food = await createCategory(database.db, user.id, { name: 'Food' });
    await createBudget(database.db, user.id, { categoryId: food.id, amount: '10' });
    const today = new Date().toISOString().slice(0, 10);
    await expect(
      database.db.transaction(async (tx) => {
        await createTransaction(tx, user.id, {
          categoryId: food.id,
          type: 'EXPENSE',
          amount: '20',
          date: today,
        });
        throw new Error('the process died before the commit');
      }),
    ).rejects.toThrow('died');
    expect((await listAlerts(database.db, user.id)).results).toEqual([]);
    await createTransaction(database.db, user.id, {
      categoryId: food.id,
      type: 'EXPENSE',
      amount: '20',
      date: today,
    });
    expect((await listAlerts(database.db, user.id)).results.map((a) => a.kind).sort()).toEqual([
      'BUDGET_OVER',
      'BUDGET_WARNING',
    ]);
  });
});
