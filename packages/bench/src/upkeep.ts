import {
  createDatabase,
  findAccountMonthDrift,
  findCategoryMonthDrift,
  findSummaryDrift,
} from '@finsight/core';
import postgres from 'postgres';
import { config } from './config';
import { percentile } from './stats';

/**
 * `pnpm bench upkeep`: what keeping the derived data (monthly_summaries, account_months, category_months
 * and the budget check) costs a write, done two ways on the same database:
 *
 * - **trigger**: a plain INSERT; the row trigger does the upkeep (what finsight does);
 * - **statement**: the trigger switched off and the same upkeep written into the INSERT as data-modifying
 *   CTEs, as a service would send it in the write's own transaction (one round trip, like the trigger).
 *
 * CLIENTS connections insert for their own user each, in old months (no alert requests on either side),
 * in alternating rounds. The rows are deleted afterwards and the derived data checked against them.
 */
const CLIENTS = 8;
const PER_CLIENT = 500;

const TRIGGER_INSERT = `INSERT INTO transactions (user_id, account_id, category_id, type, amount, date)
  VALUES ($1, $2, $3, 'EXPENSE', $4::numeric, $5::date)`;

// The trigger's work for an inserted expense (drizzle/0005, 0009), spelled out in one statement.
const STATEMENT_INSERT = `WITH locked AS (SELECT pg_advisory_xact_lock_shared(1718185587, $1::integer)),
  t AS (
    INSERT INTO transactions (user_id, account_id, category_id, type, amount, date)
    SELECT $1, $2, $3, 'EXPENSE', $4::numeric, $5::date FROM locked
    RETURNING user_id, account_id, category_id, amount, date),
  s AS (
    INSERT INTO monthly_summaries AS m (user_id, year, month, total_income, total_expense, transaction_count)
    SELECT user_id, extract(year FROM date)::smallint, extract(month FROM date)::smallint, 0, amount, 1 FROM t
    ON CONFLICT (user_id, year, month) DO UPDATE
      SET total_expense = m.total_expense + EXCLUDED.total_expense,
          transaction_count = m.transaction_count + 1, updated_at = EXCLUDED.updated_at
    RETURNING 1),
  a AS (
    INSERT INTO account_months AS m (account_id, user_id, year, month, net, transaction_count)
    SELECT account_id, user_id, extract(year FROM date)::smallint, extract(month FROM date)::smallint, -amount, 1
      FROM t
    ON CONFLICT (user_id, account_id, year, month) DO UPDATE
      SET net = m.net + EXCLUDED.net, transaction_count = m.transaction_count + 1
    RETURNING 1),
  c AS (
    INSERT INTO category_months AS m (user_id, category_id, month, income, expense, transaction_count)
    SELECT user_id, category_id, date_trunc('month', date)::date, 0, amount, 1 FROM t
    ON CONFLICT (user_id, category_id, month) DO UPDATE
      SET expense = m.expense + EXCLUDED.expense, transaction_count = m.transaction_count + 1
    RETURNING user_id, category_id, month, expense)
  SELECT finsight_check_budget_crossing(c.user_id, c.category_id, c.month, c.expense - $4::numeric, c.expense)
    FROM c, s, a`;

interface Writer {
  user: number;
  account: number;
  category: number;
}

async function round(sql: postgres.Sql, writers: Writer[], statement: string) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    writers.map(async (writer, client) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const month = String((i % 12) + 1).padStart(2, '0');
        const began = performance.now();
        await sql.unsafe(statement, [
          writer.user,
          writer.account,
          writer.category,
          `${(i % 90) + 1}.${String(client).padStart(2, '0')}`,
          `2024-${month}-10`,
        ]);
        latencies.push(performance.now() - began);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export async function upkeepBench(): Promise<void> {
  const sql = postgres(config.BENCH_DATABASE_URL, { max: CLIENTS, onnotice: () => {} });
  const writers = await sql<Writer[]>`
    SELECT u.id AS user, a.id::integer AS account,
           (SELECT min(c.id)::integer FROM categories c WHERE c.user_id = u.id) AS category
      FROM users u JOIN accounts a ON a.user_id = u.id AND a.is_default
     WHERE u.id BETWEEN 2 AND ${CLIENTS + 1} ORDER BY u.id`;
  if (writers.length < CLIENTS) throw new Error('run `pnpm bench generate` first');
  const [mark] = await sql<{ id: string }[]>`SELECT coalesce(max(id), 0)::text AS id FROM transactions`;
  const results: Record<'trigger' | 'statement', Awaited<ReturnType<typeof round>>[]> = {
    trigger: [],
    statement: [],
  };
  try {
    for (let r = 0; r < config.BENCH_ROUNDS; r++) {
      results.trigger.push(await round(sql, writers, TRIGGER_INSERT));
      await sql`ALTER TABLE transactions DISABLE TRIGGER transactions_maintain_monthly_summary`;
      try {
        results.statement.push(await round(sql, writers, STATEMENT_INSERT));
      } finally {
        await sql`ALTER TABLE transactions ENABLE TRIGGER transactions_maintain_monthly_summary`;
      }
    }
  } finally {
    // Deleted with the trigger on, so the derived data loses exactly what either way added.
    await sql`DELETE FROM transactions WHERE id > ${mark?.id ?? '0'}::bigint
      AND user_id = ANY(${writers.map((writer) => writer.user)}::integer[])`;
    await sql.end();
  }

  const handle = await createDatabase({ url: config.BENCH_DATABASE_URL, migrate: false });
  const drift = [];
  for (const writer of writers) {
    drift.push(
      ...(await findSummaryDrift(handle.db, writer.user)),
      ...(await findAccountMonthDrift(handle.db, writer.user)),
      ...(await findCategoryMonthDrift(handle.db, writer.user)),
    );
  }
  await handle.close();

  const median = (values: number[]) => percentile(values, 50);
  console.log(
    `${CLIENTS} connections × ${PER_CLIENT} inserts, ${config.BENCH_ROUNDS} alternating rounds; median of the rounds\n`,
  );
  console.log('| upkeep | inserts/s | p50 | p99 |');
  console.log('|---|---|---|---|');
  for (const [name, rounds] of Object.entries(results))
    console.log(
      `| ${name} | ${Math.round(median(rounds.map((x) => x.perSecond)))} | ${median(rounds.map((x) => x.p50)).toFixed(2)} ms | ${median(rounds.map((x) => x.p99)).toFixed(2)} ms |`,
    );
  console.log(
    drift.length === 0 ? '\nderived data exact afterwards' : `\nDRIFT: ${JSON.stringify(drift.slice(0, 5))}`,
  );
  if (drift.length > 0) process.exitCode = 1;
}
