import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { hash, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { BENCH_PASSWORD, config } from './config';

const tsx = createRequire(import.meta.url).resolve('tsx');
const API_PORT = 3100;
const BASELINE_PORT = 3101;

/**
 * Starts a server process and resolves once `readyUrl` answers. A TypeScript file runs under
 * `--import tsx`, which keeps the server in this child process itself, so its pid is the one whose memory
 * we read; the API runs compiled, exactly as `pnpm start` runs it.
 */
async function startProcess(
  file: string,
  env: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> {
  const args = file.endsWith('.ts') ? ['--import', tsx, file] : [file];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  for (let attempt = 0; attempt < 300 && !exited; attempt++) {
    const ok = await fetch(readyUrl).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  throw new Error(`${file} did not become ready at ${readyUrl}`);
}

function rssMegabytes(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function startServers() {
  const api = await startProcess(
    fileURLToPath(new URL('../../api/dist/server.js', import.meta.url)),
    {
      DATABASE_URL: config.BENCH_DATABASE_URL,
      PORT: String(API_PORT),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      JWT_SECRET: 'benchmark-secret-that-is-long-enough-0123456789',
      AUTH_RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
    },
    `http://127.0.0.1:${API_PORT}/readyz`,
  );
  const baseline = await startProcess(
    fileURLToPath(new URL('./baseline-server.ts', import.meta.url)),
    {
      BENCH_DATABASE_URL: config.BENCH_DATABASE_URL,
      PORT: String(BASELINE_PORT),
    },
    `http://127.0.0.1:${BASELINE_PORT}/base/transactions?user=2`,
  );
  return { api, baseline };
}

async function session(userId: number) {
  const api = `http://127.0.0.1:${API_PORT}`;
  const login = await fetch(`${api}/api/auth/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench${userId}@example.com`, password: BENCH_PASSWORD }),
  });
  const { access } = (await login.json()) as { access: string };
  const sql = postgres(config.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ id: number; category_id: number }[]>`
    SELECT id, category_id FROM transactions WHERE user_id = ${userId} ORDER BY date DESC, id DESC LIMIT 1`;
  await sql.end();
  if (!row) throw new Error('no transactions: run `pnpm bench generate` first');
  return { api, access, transactionId: row.id, categoryId: row.category_id };
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

async function load(scenario: Scenario) {
  if (config.BENCH_WARMUP > 0) {
    await autocannon({
      url: scenario.url,
      method: scenario.method ?? 'GET',
      body: scenario.body,
      headers: scenario.headers,
      connections: scenario.connections ?? config.BENCH_CONNECTIONS,
      duration: config.BENCH_WARMUP,
    });
  }
  const result = await autocannon({
    url: scenario.url,
    method: scenario.method ?? 'GET',
    body: scenario.body,
    headers: scenario.headers,
    connections: scenario.connections ?? config.BENCH_CONNECTIONS,
    duration: scenario.duration ?? config.BENCH_DURATION,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
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
    const results = new Map<string, Awaited<ReturnType<typeof load>>>();
    console.log(
      `${config.BENCH_CONNECTIONS} connections, ${config.BENCH_DURATION} s per scenario after ${config.BENCH_WARMUP} s of warm-up\n`,
    );
    console.log('| scenario | req/s | p50 | p99 | errors | vs baseline |\n|---|---|---|---|---|---|');
    for (const scenario of scenarios.filter(({ name }) => needed.has(name))) {
      const measured = await load(scenario);
      const result = { ...measured, rps: measured.rps * (scenario.calls ?? 1) };
      results.set(scenario.name, result);
      const reference = scenario.baseline ? results.get(scenario.baseline) : undefined;
      const ratio = reference ? `${Math.round((100 * result.rps) / reference.rps)}%` : '';
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
    apiProcess.kill('SIGTERM');
    baseline.kill('SIGTERM');
  }
}

/** `pnpm bench soak`: 200 connections for 60 s on a mixed read/write workload; errors and memory. */
export async function soak(): Promise<void> {
  const { api: apiProcess, baseline } = await startServers();
  baseline.kill('SIGTERM');
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
    apiProcess.kill('SIGTERM');
  }
}
