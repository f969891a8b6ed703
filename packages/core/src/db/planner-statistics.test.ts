import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../demo/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { skippedOnCitus } from '../testing/env';
import { createUser } from '../testing/fixtures';
import { refreshPlannerStatistics } from './planner-statistics';
import { rowsOf } from './rows';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const analysed = async () =>
  rowsOf<{ table: string; statistics: number }>(
    await database.db.execute(sql`SELECT c.relname AS "table", count(s.*)::integer AS statistics
      FROM pg_class c LEFT JOIN pg_statistic s ON s.starelid = c.oid
      WHERE c.relname IN ('transactions', 'monthly_summaries') GROUP BY c.relname ORDER BY 1`),
  );

describe('planner statistics after a bulk write', () => {
  it('are gathered once a demo load has changed enough rows, as autovacuum would', async () => {
    // The coordinator keeps no statistics of its own for sharded tables; ANALYZE runs on the shards.
    if (skippedOnCitus('pg_statistic after a bulk write')) return;
    expect((await analysed()).every((table) => table.statistics === 0)).toBe(true);
    const jane = await createUser(database.db, 'jane');
    await loadDemoData(database.db, jane.id, { months: 12, seed: 3 });
    expect((await analysed()).every((table) => table.statistics > 0)).toBe(true);
  });

  it('are left alone when a write is small for the tables it lands in', async () => {
    // The changed-row counts it reads are the shards' on Citus, not the coordinator's.
    if (skippedOnCitus('pg_stat_user_tables after a write')) return;
    expect(await refreshPlannerStatistics(database.db, 10)).toEqual([]);
    expect(await refreshPlannerStatistics(database.db, 100_000)).toEqual([
      'monthly_summaries',
      'transactions',
    ]);
  });
});
