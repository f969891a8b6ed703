import type { ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { BENCH_PASSWORD, config, HEAVY_USER_ID } from './config';
import { login, rssMegabytes, startApi, stopProcess } from './servers';

/** The noisy user: a copy of the heavy user's 100,000 transactions, spread over 1,000 categories. */
const NOISY_EMAIL = 'fairness-a@example.com';
const CATEGORIES = 1000;
const QUIET_USER_ID = 2;
const SECONDS = 30;
/** B reads this often: a busy person, well within a user's budget (1,200 a minute by default). */
const B_PER_SECOND = 15;

/** Creates (once) user A: the heavy user's history, re-filed over 1,000 categories of A's own. */
async function noisyUser(): Promise<void> {
  const sql = postgres(config.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql`SELECT id FROM users WHERE email = ${NOISY_EMAIL}`;
    if (existing) return;
    await sql.begin(async (tx) => {
      const [user] = await tx`WITH u AS (INSERT INTO users (username, email, password_hash)
          SELECT 'fairness_a', ${NOISY_EMAIL}, password_hash FROM users WHERE id = ${HEAVY_USER_ID}
          RETURNING id, email, username),
        keys AS (INSERT INTO user_lookups (kind, key, user_id)
          SELECT 'EMAIL'::user_lookup_kind, email, id FROM u UNION ALL SELECT 'USERNAME'::user_lookup_kind, lower(username), id FROM u),
        account AS (INSERT INTO accounts (user_id, name, is_default) SELECT id, 'Main account', true FROM u)
        SELECT id FROM u`;
      const id = user?.id as number;
      await tx`INSERT INTO categories (user_id, name)
        SELECT ${id}, 'Category ' || n FROM generate_series(1, ${CATEGORIES}) AS n`;
      // Each transaction goes to one of the 1,000 categories, keeping its date, type and amount.
      await tx`INSERT INTO transactions (user_id, category_id, type, amount, date, note)
        SELECT ${id}, c.id, t.type, t.amount, t.date, t.note
          FROM transactions t
          JOIN LATERAL (SELECT id FROM categories
                         WHERE user_id = ${id} AND name = 'Category ' || (1 + t.id % ${CATEGORIES})) c ON true
         WHERE t.user_id = ${HEAVY_USER_ID}`;
    });
    await sql`ANALYZE`;
  } finally {
    await sql.end();
  }
}

interface Quiet {
  latencies: number[];
  failures: number;
}

function timeQuietUser(url: string, access: string, seconds: number): Promise<Quiet> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fairness-client.mjs', import.meta.url), {
      workerData: { url, access, seconds, perSecond: B_PER_SECOND },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

/** What user A sends from 8 connections, over and over: MCP batches, tRPC batches, whole lists. */
function noisyRequests(access: string) {
  const auth = { authorization: `Bearer ${access}` };
  const mcp = Array.from({ length: 10 }, (_, id) => ({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'get_anomalies', arguments: {} },
  }));
  const batch = Array.from({ length: 20 }, (_, i) =>
    i % 2 === 0 ? 'insights.anomalies' : 'insights.breakdown',
  );
  return [
    {
      method: 'POST' as const,
      path: '/mcp',
      headers: { ...auth, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(mcp),
    },
    {
      method: 'GET' as const,
      path: `/trpc/${batch.join(',')}?batch=1&input=${encodeURIComponent(
        JSON.stringify(Object.fromEntries(batch.map((_, i) => [i, {}]))),
      )}`,
      headers: auth,
    },
    { method: 'GET' as const, path: '/api/finance/transactions/', headers: auth },
  ];
}

/** Samples a process's RSS every 250 ms until stopped; answers the highest seen. */
function sampleRss(process: ChildProcess) {
  let peak = rssMegabytes(process.pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMegabytes(process.pid));
  }, 250);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

interface Phase {
  name: string;
  idle: Quiet;
  loaded: Quiet;
  noisy: autocannon.Result;
  rssBefore: number;
  rssPeak: number;
}

/** B alone, then B while A hammers the server; the API's memory sampled throughout. */
async function phase(name: string, env: Record<string, string>): Promise<Phase> {
  const api = await startApi(env);
  try {
    const a = await login(NOISY_EMAIL, BENCH_PASSWORD);
    const b = await login(`bench${QUIET_USER_ID}@example.com`, BENCH_PASSWORD);
    await timeQuietUser(api.url, b, 2);
    const idle = await timeQuietUser(api.url, b, SECONDS);
    const rssBefore = rssMegabytes(api.process.pid);
    const stopSampling = sampleRss(api.process);
    const load = autocannon({
      url: api.url,
      connections: 8,
      duration: SECONDS + 2,
      requests: noisyRequests(a),
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const loaded = await timeQuietUser(api.url, b, SECONDS);
    const noisy = await load;
    return { name, idle, loaded, noisy, rssBefore, rssPeak: stopSampling() };
  } finally {
    await stopProcess(api.process);
  }
}

function report(phases: Phase[]) {
  console.log(
    `user A: 8 connections sending MCP batches (10 × get_anomalies), tRPC batches (20 insights) and whole ` +
      `lists as fast as the server answers; user B: ${B_PER_SECOND} summary reads a second, ${SECONDS} s alone, ` +
      `then ${SECONDS} s during A's load\n`,
  );
  console.log(
    '| limits | B idle p50 / p99 | B under load p50 / p99 | p99 × idle | A answered / refused | API RSS | targets |\n|---|---|---|---|---|---|---|',
  );
  for (const { name, idle, loaded, noisy, rssBefore, rssPeak } of phases) {
    const idleP99 = percentile(idle.latencies, 99);
    const loadedP99 = percentile(loaded.latencies, 99);
    const met = (loadedP99 <= 3 * idleP99 || loadedP99 <= 50) && rssPeak < 400 && loaded.failures === 0;
    console.log(
      `| ${name} | ${ms(percentile(idle.latencies, 50))} / ${ms(idleP99)} | ` +
        `${ms(percentile(loaded.latencies, 50))} / ${ms(loadedP99)} | ${(loadedP99 / idleP99).toFixed(1)}× | ` +
        `${noisy['2xx']} / ${noisy.non2xx} | ${rssBefore.toFixed(0)} → ${rssPeak.toFixed(0)} MB | ` +
        `${met ? 'met' : 'NOT MET'}${loaded.failures + idle.failures > 0 ? ` (B failures: ${loaded.failures + idle.failures})` : ''} |`,
    );
  }
  console.log('\ntargets: B p99 ≤ 3× its idle p99, or ≤ 50 ms; API RSS < 400 MB');
}

/**
 * `pnpm bench fairness`: while user A (100,000 transactions, 1,000 categories) sends MCP batches, tRPC
 * batches and unpaginated lists from 8 connections as fast as the server lets it, user B's monthly summary
 * reads are timed, against B's reads on an idle server: once with the default limits, and once with A's
 * budgets out of reach, so that A's requests really run and only the concurrency gate stands between A and
 * everyone else. Then 20 clients stream A's whole list at once, with every limit off, to show the list
 * streams in flat memory.
 */
export async function fairness(): Promise<void> {
  await noisyUser();
  const phases = [
    await phase('defaults (budgets and 4 at a time)', {}),
    await phase('budgets out of reach, 4 at a time', { USER_RATE_LIMIT: '100000000/min' }),
  ];
  report(phases);

  for (const [name, env] of [
    ['defaults', {}],
    ['every limit off', { USER_RATE_LIMIT: 'off', USER_CONCURRENCY: 'off' }],
  ] as const) {
    const api = await startApi(env);
    try {
      const token = await login(NOISY_EMAIL, BENCH_PASSWORD);
      const before = rssMegabytes(api.process.pid);
      const stop = sampleRss(api.process);
      const lists = await autocannon({
        url: api.url,
        connections: 20,
        amount: 40,
        timeout: 120,
        requests: [
          {
            method: 'GET',
            path: '/api/finance/transactions/',
            headers: { authorization: `Bearer ${token}` },
          },
        ],
      });
      const peak = stop();
      console.log(
        `\n20 clients fetching A's whole list (~100,000 rows, 15 MB) at once, twice each, ${name}: ` +
          `${lists['2xx']} answered, ${lists.non2xx} refused, ${(lists.throughput.total / 1e6).toFixed(0)} MB sent; ` +
          `API RSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at most (+${(peak - before).toFixed(0)} MB; target < 50 MB)`,
      );
    } finally {
      await stopProcess(api.process);
    }
  }
}
