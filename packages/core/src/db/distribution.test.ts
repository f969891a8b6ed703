import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { citusDown, citusUp } from '@finsight/db-clusters/citus';
import { citusInstalled } from '@finsight/db-clusters/citus-install';
import { PG_BIN } from '@finsight/db-clusters/postgres-node';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, register } from '../accounts/service';
import { createCategory, listCategories } from '../categories/service';
import { env } from '../testing/env';
import { createDatabase, type DatabaseHandle } from './client';
import { REFERENCE_TABLES } from './distribution';
import { runMigrations } from './migrate';
import { rowsOf } from './rows';

// These tests start a private Citus coordinator with two workers (what `pnpm db:citus up` starts), so they
// need Citus built into this machine's PostgreSQL 15 (`pnpm db:citus up` builds it once) and root.
const CLUSTER = 'citus-test';
const canStartCluster =
  env.TEST_DATABASE_URL !== undefined &&
  existsSync(join(PG_BIN, 'pg_ctl')) &&
  process.getuid?.() === 0 &&
  citusInstalled();
if (!canStartCluster) {
  console.info(
    'Skipped: sharding needs TEST_DATABASE_URL, root and Citus built into PostgreSQL 15 (`pnpm db:citus up` builds it).',
  );
}

let cluster: DatabaseHandle;
const log = () => {};
const password = 'violet-harbour-42';

beforeAll(async () => {
  if (!canStartCluster) return;
  cluster = await createDatabase({ url: await citusUp(log, CLUSTER), distributed: 'citus' });
}, 120_000);

afterAll(async () => {
  if (!canStartCluster) return;
  await cluster?.close();
  citusDown(log, CLUSTER);
});

/** Every finsight table as Citus records it: how it is split, and which tables share a placement. */
async function placements() {
  return rowsOf<{ table: string; method: string; column: string | null; colocated: boolean }>(
    await cluster.db.execute(sql`
      SELECT c.relname AS table, p.partmethod AS method,
             column_to_column_name(p.logicalrelid, p.partkey) AS column,
             p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'users'::regclass)
               AS colocated
        FROM pg_class c LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
       ORDER BY c.relname`),
  );
}

describe.runIf(canStartCluster)('finsight sharded by user on Citus', () => {
  it('splits users by id and every other table by user_id, all placed together; user_lookups is on every node', async () => {
    const tables = await placements();
    expect(tables.length).toBeGreaterThan(20);
    for (const table of tables) {
      if (REFERENCE_TABLES.includes(table.table)) {
        expect(table).toMatchObject({ method: 'n', column: null });
      } else {
        expect(table).toEqual({
          table: table.table,
          method: 'h',
          column: table.table === 'users' ? 'id' : 'user_id',
          colocated: true,
        });
      }
    }
  });

  it('changes nothing when the next start migrates again', async () => {
    const before = await placements();
    await runMigrations(cluster);
    expect(await placements()).toEqual(before);
  });

  it('registers, signs in and files categories, each user on its own shard', async () => {
    const ada = await register(cluster.db, { username: 'ada', email: 'ada@example.com', password });
    const bob = await register(cluster.db, { username: 'bob', email: 'bob@example.com', password });
    expect((await authenticate(cluster.db, { email: 'ada@example.com', password })).id).toBe(ada.id);
    await createCategory(cluster.db, ada.id, { name: 'Food' });
    await createCategory(cluster.db, bob.id, { name: 'Rent' });
    expect((await listCategories(cluster.db, ada.id)).map((category) => category.name)).toEqual(['Food']);
    expect((await listCategories(cluster.db, bob.id)).map((category) => category.name)).toEqual(['Rent']);
  });

  it('lets exactly one of 8 registrations at once with one email through', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, n) =>
        register(cluster.db, { username: `racer${n}`, email: 'racer@example.com', password }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'CONFLICT' });
    }
  });
});
