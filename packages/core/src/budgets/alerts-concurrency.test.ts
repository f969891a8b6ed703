import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userToday } from '../accounts/time-zone';
import { createCategory } from '../categories/service';
import { createDatabase, type DatabaseHandle } from '../db/client';
import { rowsOf } from '../db/rows';
import { seededRandom } from '../demo/seeded-random';
import { findCategoryMonthDrift } from '../summaries/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { onPostgresServer } from '../testing/env';
import { createUser } from '../testing/fixtures';
import { createTransaction, deleteTransaction, updateTransaction } from '../transactions/service';
import { monthRange } from '../validation/dates';
import { createBudget, getBudgetStatus } from './service';

const WRITERS = 8;
/** 1.25 each against a limit of 1.00 per write: both thresholds are crossed in the middle of the rush. */
const WRITES_PER_WRITER = 10;
const ROUNDS = 12;

let database: TestDatabase;
const pools: DatabaseHandle[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const pool of pools) await pool.close();
  await database.close();
});

describe('budget alerts under concurrent writers', () => {
  it.runIf(onPostgresServer('the budget alert race test'))(
    `fire exactly once per threshold, none lost, with ${WRITERS} writers on one budget at once`,
    async () => {
      const db = database.db;
      const user = await createUser(db, 'racer');
      const today = await userToday(db, user.id);
      const handles = await Promise.all(
        Array.from({ length: WRITERS }, () =>
          createDatabase({ url: database.url ?? '', migrate: false, maxConnections: 1 }),
        ),
      );
      pools.push(...handles);
      const spare = await createCategory(db, user.id, { name: 'Spare' });
      // Each round is a fresh budget that all writers push past 80 % and 100 % together, so the crossing
      // writes overlap with others' uncommitted writes to the same category month.
      for (let round = 0; round < ROUNDS; round++) {
        const category = await createCategory(db, user.id, { name: `Round ${round}` });
        await createBudget(db, user.id, {
          categoryId: category.id,
          amount: String(WRITERS * WRITES_PER_WRITER),
        });
        await Promise.all(
          handles.map(async (handle, index) => {
            const next = seededRandom(round * 100 + index);
            for (let n = 0; n < WRITES_PER_WRITER; n++) {
              const row = await createTransaction(handle.db, user.id, {
                categoryId: category.id,
                type: 'EXPENSE',
                amount: '1.25',
                date: today,
              });
              // Churn that lowers spending and raises it again: to last month and back, to another
              // category and back, deleted and written again.
              const churn = next();
              if (churn < 0.15) {
                await updateTransaction(handle.db, user.id, {
                  id: row.id,
                  date: monthRange(today.slice(0, 7), -1).start,
                });
                await updateTransaction(handle.db, user.id, { id: row.id, date: today });
              } else if (churn < 0.3) {
                await updateTransaction(handle.db, user.id, { id: row.id, categoryId: spare.id });
                await updateTransaction(handle.db, user.id, { id: row.id, categoryId: category.id });
              } else if (churn < 0.4) {
                await deleteTransaction(handle.db, user.id, { id: row.id });
                await createTransaction(handle.db, user.id, {
                  categoryId: category.id,
                  type: 'EXPENSE',
                  amount: '1.25',
                  date: today,
                });
              }
            }
          }),
        );
      }

      const status = await getBudgetStatus(db, user.id);
      expect(status.budgets.map((b) => b.percent)).toEqual(Array(ROUNDS).fill(125));
      const alerts = rowsOf<{ category: string; thresholds: string }>(
        await db.execute(sql`SELECT data->>'category_name' AS category,
            string_agg(data->>'threshold', ',' ORDER BY (data->>'threshold')::integer) AS thresholds
          FROM alerts WHERE user_id = ${user.id} GROUP BY 1 ORDER BY 1`),
      );
      expect(alerts).toEqual(
        Array.from({ length: ROUNDS }, (_, round) => ({
          category: `Round ${round}`,
          thresholds: '80,100',
        })).sort((a, b) => a.category.localeCompare(b.category)),
      );
      expect(await findCategoryMonthDrift(db, user.id)).toEqual([]);
    },
    180_000,
  );
});
