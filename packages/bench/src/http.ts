import { fileURLToPath } from 'node:url';
import { hash, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { BENCH_PASSWORD, config } from './config';
import {
  API_PORT,
  BASELINE_PORT,
  LIMITS_OUT_OF_REACH,
  login,
  rssMegabytes,
  startApi,
  startProcess,
  stopProcess,
} from './servers';

async function startServers() {
  const api = await startApi(LIMITS_OUT_OF_REACH);
  const baseline = await startProcess(
    fileURLToPath(new URL('./baseline-server.ts', import.meta.url)),
    { BENCH_DATABASE_URL: config.BENCH_DATABASE_URL },
    BASELINE_PORT,
    '/base/transactions?user=2',
  );
  return { api: api.process, baseline };
}

async function session(userId: number) {
  const api = `http://127.0.0.1:${API_PORT}`;
  const access = await login(`bench${userId}@example.com`, BENCH_PASSWORD);
  const sql = postgres(config.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ id: number; category_id: number }[]>`
    SELECT id, category_id FROM transactions WHERE user_id = ${userId} ORDER BY date DESC, id DESC LIMIT 1`;
  await sql.end();
  if (!row) throw new Error('no transactions: run `pnpm bench generate` first');
  // bigint columns come back as text from a plain postgres.js pool.
  return { api, access, transactionId: Number(row.id), categoryId: Number(row.category_id) };
}

interface Scenario {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  baseline?: string;
  /** Procedure calls per HTTP request (a tRPC batch); req/s is then reported as calls/s. */
  calls?: number;
  duration?: number;
  connections?: number;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function run(scenario: Scenario, seconds: number) {
  return autocannon({
    url: scenario.url,
    method: scenario.method ?? 'GET',
    body: scenario.body,
    headers: scenario.headers,
    connections: scenario.connections ?? config.BENCH_CONNECTIONS,
    duration: seconds,
  });
}

/**
 * Measures scenarios that are compared with each other (a baseline and a scenario run against it) in
 * alternating rounds: warm each up, then `BENCH_ROUNDS` times measure each for its share of
 * `BENCH_DURATION`. This machine's speed drifts by tens of percent over a minute (other tenants, disk
 * flushes after a load); measured one after the other, a drift shows up as a difference between the
 * scenarios, while alternating rounds give each the same mix of good and bad moments. req/s is the total
 * over all rounds, p50 the median of the rounds' p50s, p99 the worst round's p99.
 */
async function measureGroup(group: Scenario[]): Promise<Map<string, Measured>> {
  for (const scenario of group) if (config.BENCH_WARMUP > 0) await run(scenario, config.BENCH_WARMUP);
  const rounds = group.length > 1 ? config.BENCH_ROUNDS : 1;
  const seconds = Math.max(2, Math.round((config.BENCH_DURATION / rounds) * 10) / 10);
  const totals = new Map(
    group.map((scenario) => [
      scenario.name,
      { requests: 0, seconds: 0, p50s: [] as number[], p99: 0, errors: 0 },
    ]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const scenario of group) {
      const result = await run(scenario, seconds);
      const total = totals.get(scenario.name);
      if (!total) continue;
      total.requests += result.requests.total;
      total.seconds += result.duration;
      total.p50s.push(result.latency.p50);
      total.p99 = Math.max(total.p99, result.latency.p99);
      total.errors += result.errors + result.timeouts + result.non2xx;
    }
  }
  const measured = new Map<string, Measured>();
  for (const scenario of group) {
    const total = totals.get(scenario.name);
    if (!total) continue;
    const p50s = [...total.p50s].sort((a, b) => a - b);
    measured.set(scenario.name, {
      rps: (total.requests / total.seconds) * (scenario.calls ?? 1),
      p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
      p99: total.p99,
      errors: total.errors,
    });
  }
  return measured;
}

/** `pnpm bench http`: every scenario against the API and the bare baseline, on the PostgreSQL server. */
export async function http(): Promise<void> {
  const { api: apiProcess, baseline } = await startServers();
  try {
    const userId = 2; // a typical user (~900 transactions); user 1 is the heavy one
    const s = await session(userId);
    // Writes go to another user, so the create scenario does not grow the list being measured.
    const writer = await session(userId + 1);
    const auth = { authorization: `Bearer ${s.access}` };
    const base = `http://127.0.0.1:${BASELINE_PORT}`;
    const createBody = JSON.stringify({
      category: writer.categoryId,
      type: 'EXPENSE',
      amount: '12.50',
      date: new Date().toISOString().slice(0, 10),
    });
    const scenarios: Scenario[] = [
      { name: 'baseline list (bare Fastify + SQL)', url: `${base}/base/transactions?user=${userId}` },
      {
        name: 'baseline retrieve (bare Fastify + SQL)',
        url: `${base}/base/transactions/${s.transactionId}?user=${userId}`,
      },
      {
        name: 'REST list ?limit=50',
        url: `${s.api}/api/finance/transactions/?limit=50`,
        headers: auth,
        baseline: 'baseline list (bare Fastify + SQL)',
      },
      {
        name: 'REST retrieve',
        url: `${s.api}/api/finance/transactions/${s.transactionId}/`,
        headers: auth,
        baseline: 'baseline retrieve (bare Fastify + SQL)',
      },
      {
        name: 'tRPC list (50)',
        url: `${s.api}/trpc/transactions.list?input=${encodeURIComponent(JSON.stringify({ limit: 50 }))}`,
        headers: auth,
        baseline: 'baseline list (bare Fastify + SQL)',
      },
      {
        name: 'tRPC get',
        url: `${s.api}/trpc/transactions.byId?input=${encodeURIComponent(JSON.stringify({ id: s.transactionId }))}`,
        headers: auth,
        baseline: 'baseline retrieve (bare Fastify + SQL)',
      },
      // The same two calls answered by @trpc/server's own Fastify adapter (its other Node adapters share the
      // same Fetch API bridge): finsight hands any request that names `trpc-accept` to it unchanged.
      {
        name: 'tRPC list (50), tRPC’s own adapter',
        url: `${s.api}/trpc/transactions.list?input=${encodeURIComponent(JSON.stringify({ limit: 50 }))}`,
        headers: { ...auth, 'trpc-accept': 'application/json' },
        baseline: 'baseline list (bare Fastify + SQL)',
      },
      {
        name: 'tRPC get, tRPC’s own adapter',
        url: `${s.api}/trpc/transactions.byId?input=${encodeURIComponent(JSON.stringify({ id: s.transactionId }))}`,
        headers: { ...auth, 'trpc-accept': 'application/json' },
        baseline: 'baseline retrieve (bare Fastify + SQL)',
      },
      {
        // What the web client does: httpBatchLink sends the calls of one render as one request.
        name: 'tRPC get, batches of 10 (calls/s)',
        url: `${s.api}/trpc/${Array(10).fill('transactions.byId').join(',')}?batch=1&input=${encodeURIComponent(
          JSON.stringify(
            Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, { id: s.transactionId }])),
          ),
        )}`,
        headers: auth,
        calls: 10,
        baseline: 'baseline retrieve (bare Fastify + SQL)',
      },
      {
        name: 'baseline create (bare Fastify + SQL)',
        url: `${base}/base/transactions?user=${userId + 1}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: createBody,
      },
      {
        name: 'REST create',
        url: `${s.api}/api/finance/transactions/`,
        method: 'POST',
        headers: { authorization: `Bearer ${writer.access}`, 'content-type': 'application/json' },
        body: createBody,
        baseline: 'baseline create (bare Fastify + SQL)',
      },
      { name: 'insight summary', url: `${s.api}/api/finance/summary/`, headers: auth },
      {
        name: 'login',
        url: `${s.api}/api/auth/login/`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `bench${userId}@example.com`, password: BENCH_PASSWORD }),
      },
    ];
    const wanted = scenarios.filter(
      (scenario) =>
        config.BENCH_ONLY.length === 0 ||
        config.BENCH_ONLY.some((part) => scenario.name.toLowerCase().includes(part)),
    );
    const needed = new Set(wanted.flatMap((scenario) => [scenario.name, scenario.baseline ?? '']));
    const results = new Map<string, Measured>();
    console.log(
      `${config.BENCH_CONNECTIONS} connections; compared scenarios measured in ${config.BENCH_ROUNDS} alternating rounds ` +
        `with its baseline (${config.BENCH_DURATION} s each in all) after ${config.BENCH_WARMUP} s of warm-up\n`,
    );
    console.log(
      '| scenario | req/s | p50 | p99 | errors | vs its baseline (req/s) |\n|---|---|---|---|---|---|',
    );
    const chosen = scenarios.filter(({ name }) => needed.has(name));
    // A baseline and the scenarios compared with it run together; the rest alone.
    // Each scenario that has a baseline is measured in alternating rounds with that baseline alone: put in one
    // group with other scenarios of the same server, one scenario's garbage and JIT state would be the next
    // one's to pay for. The baseline row shows the mean of its pairs.
    const baselineRuns = new Map<string, Measured[]>();
    const rows: [Scenario, Measured, string][] = [];
    for (const scenario of chosen) {
      if (!scenario.baseline) {
        if (chosen.some((other) => other.baseline === scenario.name)) continue;
        const alone = (await measureGroup([scenario])).get(scenario.name);
        if (alone) rows.push([scenario, alone, '']);
        continue;
      }
      const baseline = chosen.find((other) => other.name === scenario.baseline);
      if (!baseline) continue;
      const pair = await measureGroup([baseline, scenario]);
      const reference = pair.get(baseline.name);
      const result = pair.get(scenario.name);
      if (!reference || !result) continue;
      baselineRuns.set(baseline.name, [...(baselineRuns.get(baseline.name) ?? []), reference]);
      rows.push([
        scenario,
        result,
        `${Math.round((100 * result.rps) / reference.rps)}% of ${Math.round(reference.rps)}`,
      ]);
    }
    for (const [name, runs] of baselineRuns) {
      const mean = (pick: (run: Measured) => number) =>
        runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
      results.set(name, {
        rps: mean((run) => run.rps),
        p50: mean((run) => run.p50),
        p99: Math.max(...runs.map((run) => run.p99)),
        errors: mean((run) => run.errors),
      });
    }
    for (const scenario of chosen) {
      const result = results.get(scenario.name);
      if (result)
        console.log(
          `| ${scenario.name} | ${Math.round(result.rps)} | ${Math.round(result.p50)} ms | ${result.p99} ms | ${result.errors} | |`,
        );
    }
    for (const [scenario, result, ratio] of rows) {
      console.log(
        `| ${scenario.name} | ${Math.round(result.rps)} | ${result.p50} ms | ${result.p99} ms | ${result.errors} | ${ratio} |`,
      );
    }
    const samples: number[] = [];
    const stored = await hash(BENCH_PASSWORD);
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await verify(stored, BENCH_PASSWORD);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    console.log(
      `\nargon2id verify (the work of one login): median ${samples[10]?.toFixed(1)} ms on one core`,
    );
  } finally {
    await Promise.all([stopProcess(apiProcess), stopProcess(baseline)]);
  }
}

/** `pnpm bench soak`: 200 connections for 60 s on a mixed read/write workload; errors and memory. */
export async function soak(): Promise<void> {
  const { api: apiProcess, baseline } = await startServers();
  await stopProcess(baseline);
  try {
    const s = await session(4);
    const auth = { authorization: `Bearer ${s.access}` };
    const rssStart = rssMegabytes(apiProcess.pid);
    // Sampled every 10 s: a leak keeps climbing, a warming heap levels off.
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(Math.round(rssMegabytes(apiProcess.pid))), 10_000);
    const result = await autocannon({
      url: s.api,
      connections: 200,
      duration: 60,
      requests: [
        { method: 'GET', path: '/api/finance/transactions/?limit=50', headers: auth },
        { method: 'GET', path: `/api/finance/transactions/${s.transactionId}/`, headers: auth },
        { method: 'GET', path: '/api/finance/summary/', headers: auth },
        {
          method: 'POST',
          path: '/api/finance/transactions/',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            category: s.categoryId,
            type: 'EXPENSE',
            amount: '3.20',
            date: new Date().toISOString().slice(0, 10),
          }),
        },
        { method: 'GET', path: `/trpc/insights.breakdown?input=${encodeURIComponent('{}')}`, headers: auth },
      ],
    });
    clearInterval(sampler);
    const rssEnd = rssMegabytes(apiProcess.pid);
    console.log(
      `soak: 200 connections × 60 s: ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, ` +
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, timeouts ${result.timeouts}, ` +
        `non-2xx ${result.non2xx}; API RSS ${rssStart.toFixed(0)} MB at start, every 10 s: ${samples.join(', ')} MB, ` +
        `${rssEnd.toFixed(0)} MB at end`,
    );
  } finally {
    await stopProcess(apiProcess);
  }
}
