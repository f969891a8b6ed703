import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { citusAddWorker, citusDown, citusUp } from '@finsight/db-clusters/citus';
import { citusInstalled } from '@finsight/db-clusters/citus-install';
import { PG_BIN } from '@finsight/db-clusters/postgres-node';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../accounts/schemas';
import { createCategory } from '../categories/service';
import { findAccountMonthDrift, findCategoryMonthDrift, findSummaryDrift } from '../summaries/service';
import { env } from '../testing/env';
import { createUser } from '../testing/fixtures';
import { createTransaction, listTransactions } from '../transactions/service';
import { createDatabase, type DatabaseHandle } from './client';
import { rowsOf } from './rows';

// A private coordinator with two workers, then a third added and the shards rebalanced onto it while users
// keep writing: what an operator does to grow a cluster (docs/scaling.md). Needs what distribution.test.ts
// needs: TEST_DATABASE_URL (the PostgreSQL server runs), root, and Citus built (`pnpm db:citus up`).
const CLUSTER = 'citus-rebalance';
const canStartCluster =
  env.TEST_DATABASE_URL !== undefined &&
  existsSync(join(PG_BIN, 'pg_ctl')) &&
  process.getuid?.() === 0 &&
  citusInstalled();
if (!canStartCluster) {
  console.info(
    'Skipped: rebalancing needs TEST_DATABASE_URL, root and Citus built into PostgreSQL 15 (`pnpm db:citus up` builds it).',
  );
}

const USERS = 12;
const WRITERS = 6;
const log = () => {};
let cluster: DatabaseHandle;

beforeAll(async () => {
  if (!canStartCluster) return;
  cluster = await createDatabase({
    url: await citusUp(log, CLUSTER),
    distributed: 'citus',
    maxConnections: 20,
  });
}, 120_000);

afterAll(async () => {
  if (!canStartCluster) return;
  await cluster?.close();
  citusDown(log, CLUSTER);
});

interface Outcome {
  at: number;
  ok: boolean;
  /** How long the write took, in milliseconds. */
  took: number;
  error?: string;
}

/** The longest run of consecutive failed writes, in milliseconds from its first failure to its last. */
function longestOutage(outcomes: Outcome[]): number {
  let longest = 0;
  let start: number | undefined;
  for (const outcome of [...outcomes].sort((a, b) => a.at - b.at)) {
    if (outcome.ok) start = undefined;
    else {
      start ??= outcome.at;
      longest = Math.max(longest, outcome.at - start);
    }
  }
  return longest;
}

describe.runIf(canStartCluster)('a third worker added while users write', () => {
  it('takes its share of the shards; no write fails for longer than one shard group’s move; nothing is lost', async () => {
    const db = cluster.db;
    const users: { profile: Profile; category: number; written: number }[] = [];
    for (let index = 0; index < USERS; index++) {
      const profile = await createUser(db, 'mover');
      users.push({
        profile,
        category: (await createCategory(db, profile.id, { name: 'Moving' })).id,
        written: 0,
      });
    }

    const outcomes: Outcome[] = [];
    let writing = true;
    const writer = async (offset: number) => {
      for (let round = offset; writing; round++) {
        const user = users[round % USERS];
        if (!user) continue;
        const began = Date.now();
        try {
          await createTransaction(db, user.profile.id, {
            categoryId: user.category,
            type: round % 5 === 0 ? 'INCOME' : 'EXPENSE',
            amount: `${(round % 90) + 1}.25`,
            date: `2026-${String((round % 12) + 1).padStart(2, '0')}-15`,
          });
          user.written += 1;
          outcomes.push({ at: Date.now(), ok: true, took: Date.now() - began });
        } catch (error) {
          outcomes.push({
            at: Date.now(),
            ok: false,
            took: Date.now() - began,
            // Drizzle's message is the statement; PostgreSQL's reason is its cause.
            error: (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message,
          });
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, index) => writer(index));

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const port = await citusAddWorker(log, CLUSTER);
    const [plan] = rowsOf<{ moves: number }>(
      // One row per shard of every co-located table: a shard group moves as one, so count the users' shards.
      await db.execute(sql`SELECT count(*)::integer AS moves FROM get_rebalance_table_shards_plan()
        WHERE table_name = 'users'::regclass`),
    );
    const started = Date.now();
    await db.execute(sql`SELECT citus_rebalance_start()`);
    await db.execute(sql`SELECT citus_rebalance_wait()`);
    const rebalance = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 500));
    writing = false;
    await Promise.all(writers);

    // The new worker holds shards of every table now, users' among them.
    const [placed] = rowsOf<{ shards: number }>(
      await db.execute(sql`SELECT count(*)::integer AS shards FROM citus_shards
        WHERE nodeport = ${port} AND table_name = 'users'::regclass`),
    );
    expect(placed?.shards).toBeGreaterThan(0);

    const failures = outcomes.filter((outcome) => !outcome.ok);
    const moves = plan?.moves ?? 1;
    const perMove = rebalance / moves;
    const slowest = Math.max(...outcomes.map((outcome) => outcome.took));
    console.info(
      `rebalance: ${moves} shard group moves in ${rebalance} ms (${Math.round(perMove)} ms each), ` +
        `${outcomes.length} writes, ${failures.length} failed, longest outage ${longestOutage(outcomes)} ms, ` +
        `slowest write ${slowest} ms` +
        (failures[0] ? `; first error: ${failures[0].error}` : ''),
    );
    expect(outcomes.filter((outcome) => outcome.ok).length).toBeGreaterThan(0);
    expect(longestOutage(outcomes)).toBeLessThanOrEqual(perMove);
    // And none waited longer than that either (a blocking move would hold a user's writes for all of it).
    expect(slowest).toBeLessThanOrEqual(perMove);

    // Every write that succeeded is there, and the derived data equals what the transactions say.
    for (const user of users) {
      const { total } = await listTransactions(db, user.profile.id, { includeTotal: true, limit: 1 });
      expect(total).toBe(user.written);
      expect(await findSummaryDrift(db, user.profile.id)).toEqual([]);
      expect(await findAccountMonthDrift(db, user.profile.id)).toEqual([]);
      expect(await findCategoryMonthDrift(db, user.profile.id)).toEqual([]);
    }
  }, 600_000);
});
