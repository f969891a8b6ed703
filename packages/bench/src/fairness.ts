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
const SECONDS = 20;

/** Creates (once) user A: the heavy user's history, re-filed over 1,000 categories of A's own. */
async function noisyUser(): Promise<void> {
  const sql = postgres(config.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql`SELECT id FROM users WHERE email = ${NOISY_EMAIL}`;
    if (existing) return;
    await sql.begin(async (tx) => {
      const [user] = await tx`INSERT INTO users (username, email, password_hash)
        SELECT 'fairness_a', ${NOISY_EMAIL}, password_hash FROM users WHERE id = ${HEAVY_USER_ID} RETURNING id`;
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
    const worker = new Worker(new URL('./fairness-client.ts', import.meta.url), {
      workerData: { url, access, seconds },
      execArgv: ['--import', 'tsx'],
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

/**
 * `pnpm bench fairness`: while user A (100,000 transactions, 1,000 categories) sends MCP batches, tRPC
 * batches and unpaginated lists from 8 connections as fast as the server lets it, user B's monthly summary
 * reads are timed, against B's reads on an idle server. Then 20 clients stream A's whole list at once, with
 * the per-user limits off, to show the list streams in flat memory.
 */
export async function fairness(): Promise<void> {
  await noisyUser();
  const api = await startApi({});
  let streaming: ChildProcess | undefined;
  try {
    const a = await login(NOISY_EMAIL, BENCH_PASSWORD);
    const b = await login(`bench${QUIET_USER_ID}@example.com`, BENCH_PASSWORD);
    // Warm both users' statements, then B alone.
    await timeQuietUser(api.url, b, 2);
    const idle = await timeQuietUser(api.url, b, SECONDS / 2);

    const stopSampling = sampleRss(api.process);
    const rssBefore = rssMegabytes(api.process.pid);
    const load = autocannon({
      url: api.url,
      connections: 8,
      duration: SECONDS,
      requests: noisyRequests(a),
    });
    const loaded = await timeQuietUser(api.url, b, SECONDS - 2);
    const noisy = await load;
    const rssPeak = stopSampling();

    const idleP99 = percentile(idle.latencies, 99);
    const loadedP99 = percentile(loaded.latencies, 99);
    const met = loadedP99 <= Math.max(3 * idleP99, 50) && rssPeak < 400;
    console.log(
      `user A: 8 connections × ${SECONDS} s of MCP batches (10 × get_anomalies), tRPC batches (20 insights), whole lists\n`,
    );
    console.log('| user B: monthly summary | requests | p50 | p99 | failures |\n|---|---|---|---|---|');
    console.log(
      `| idle server | ${idle.latencies.length} | ${ms(percentile(idle.latencies, 50))} | ${ms(idleP99)} | ${idle.failures} |`,
    );
    console.log(
      `| while A is at it | ${loaded.latencies.length} | ${ms(percentile(loaded.latencies, 50))} | ${ms(loadedP99)} | ${loaded.failures} |`,
    );
    console.log(
      `\nuser A: ${noisy.requests.total} requests, ${noisy['2xx']} answered, ${noisy.non2xx} refused (429: over budget or too many at once), ` +
        `${noisy.errors} errors`,
    );
    console.log(
      `B's p99 under load: ${(loadedP99 / idleP99).toFixed(1)}× idle (target ≤ 3×, or ≤ 50 ms); ` +
        `API RSS ${rssBefore.toFixed(0)} MB before, ${rssPeak.toFixed(0)} MB at most (target < 400 MB): ${met ? 'met' : 'NOT MET'}`,
    );
    await stopProcess(api.process);

    // Streaming alone: the limits off, 20 whole lists of 100,000 rows at once.
    const open = await startApi({ USER_RATE_LIMIT: 'off', USER_CONCURRENCY: 'off' });
    streaming = open.process;
    const token = await login(NOISY_EMAIL, BENCH_PASSWORD);
    const baseline = rssMegabytes(open.process.pid);
    const stop = sampleRss(open.process);
    const lists = await autocannon({
      url: open.url,
      connections: 20,
      amount: 40,
      timeout: 120,
      requests: [
        { method: 'GET', path: '/api/finance/transactions/', headers: { authorization: `Bearer ${token}` } },
      ],
    });
    const peak = stop();
    console.log(
      `\n20 clients × 2 whole lists of ${CATEGORIES === 1000 ? '~100,000' : ''} rows (limits off): ${lists['2xx']} answered, ` +
        `${(lists.throughput.total / 1e6).toFixed(0)} MB sent; API RSS ${baseline.toFixed(0)} MB before, ${peak.toFixed(0)} MB at most ` +
        `(+${(peak - baseline).toFixed(0)} MB; target < 50 MB)`,
    );
  } finally {
    await stopProcess(api.process);
    if (streaming) await stopProcess(streaming);
  }
}
