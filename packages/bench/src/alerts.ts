import { readFileSync } from 'node:fs';
import {
  createBudget,
  createCategory,
  createDatabase,
  createTransaction,
  rebuildSummaries,
} from '@finsight/core';
import postgres from 'postgres';
import { config, HEAVY_USER_ID } from './config';
import { percentile } from './stats';

const RUNS = 2000;
const WARMUP = 300;

/** The row trigger's function as a migration defines it: `CREATE OR REPLACE FUNCTION` up to its `$$;`. */
function triggerFunction(migration: string): string {
  const text = readFileSync(new URL(`../../core/drizzle/${migration}`, import.meta.url), 'utf8');
  const start = text.lastIndexOf(
    'CREATE OR REPLACE FUNCTION finsight_transactions_maintain_monthly_summary()',
  );
  const end = text.indexOf('$$;', text.indexOf('$$', start) + 2) + 3;
  if (start < 0 || end < 3) throw new Error(`no trigger function in ${migration}`);
  return text.slice(start, end);
}

/**
 * What budget alerts cost a create: the p50 of `createTransaction` (the service, one connection, as the API
 * calls it) with the row trigger as it was before budgets (drizzle/0004), and as it is now, into a
 * category without a budget and into a budgeted one (the month in progress, below its thresholds).
 */
export async function alertsBench(): Promise<void> {
  const admin = postgres(config.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  const handle = await createDatabase({ url: config.BENCH_DATABASE_URL, maxConnections: 1, migrate: false });
  const db = handle.db;
  const user = HEAVY_USER_ID;
  const today = new Date().toISOString().slice(0, 10);
  const stamp = Date.now();
  // The old trigger keeps no category months: its rows go to a category of their own.
  const old = await createCategory(db, user, { name: `Bench before ${stamp}` });
  const plain = await createCategory(db, user, { name: `Bench plain ${stamp}` });
  const budgeted = await createCategory(db, user, { name: `Bench budgeted ${stamp}` });
  // High enough that no create crosses a threshold: the common case, a check that finds nothing to say.
  await createBudget(db, user, { categoryId: budgeted.id, amount: '999999999.00', rollover: true });
  const before = triggerFunction('0004_accounts_payees_imports.sql');
  const now = triggerFunction('0005_budgets_alerts_recurring.sql');

  const time = async (categoryId: number) => {
    const create = () =>
      createTransaction(db, user, { categoryId, type: 'EXPENSE', amount: '4.20', date: today });
    for (let i = 0; i < WARMUP; i++) await create();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await create();
      times.push(performance.now() - started);
    }
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  };
  const rows: [string, { p50: number; p99: number }][] = [];
  try {
    // Alternating, so a drift of the machine shows in both.
    for (let round = 0; round < 3; round++) {
      await admin.unsafe(before);
      rows.push([`before budgets (drizzle/0004 trigger), round ${round + 1}`, await time(old.id)]);
      await admin.unsafe(now);
      rows.push([`now, category without a budget, round ${round + 1}`, await time(plain.id)]);
      rows.push([`now, budgeted category (rollover), round ${round + 1}`, await time(budgeted.id)]);
    }
  } finally {
    await admin.unsafe(now);
    // Rows written under the old trigger have no category months yet.
    await rebuildSummaries(db, user);
    const ids = [old.id, plain.id, budgeted.id];
    await admin`DELETE FROM transactions WHERE user_id = ${user} AND category_id IN ${admin(ids)}`;
    await admin`DELETE FROM categories WHERE id IN ${admin(ids)}`;
    await admin`DELETE FROM alert_check_requests WHERE user_id = ${user}`;
  }
  console.log(`createTransaction for user ${user}, ${RUNS} runs each after ${WARMUP} warm-up runs\n`);
  console.log('| trigger and category | p50 | p99 |\n|---|---|---|');
  for (const [name, { p50, p99 }] of rows)
    console.log(`| ${name} | ${p50.toFixed(3)} ms | ${p99.toFixed(3)} ms |`);
  await admin.end();
  await handle.close();
}
