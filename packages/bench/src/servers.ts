import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { config } from './config';

const tsx = createRequire(import.meta.url).resolve('tsx');
export const API_PORT = 3100;
export const BASELINE_PORT = 3101;

/** Resolves when nothing answers on `port` any more (a previous run's server has exited). */
async function portFree(port: number): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const answered = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (!answered) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`port ${port} is still in use: is another benchmark or server running?`);
}

/**
 * Starts a server process and resolves once `readyUrl` answers. A TypeScript file runs under
 * `--import tsx`, which keeps the server in this child process itself, so its pid is the one whose memory
 * we read; the API runs compiled, exactly as `pnpm start` runs it.
 */
export async function startProcess(
  file: string,
  env: Record<string, string>,
  port: number,
  readyPath: string,
  nodeArgs: string[] = [],
): Promise<ChildProcess> {
  await portFree(port);
  const args = file.endsWith('.ts') ? ['--import', tsx, file] : [...nodeArgs, file];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  for (let attempt = 0; attempt < 300 && !exited; attempt++) {
    const ok = await fetch(`http://127.0.0.1:${port}${readyPath}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  throw new Error(`${file} did not become ready on port ${port}`);
}

/** Stops a server and waits until it has exited, so the next one can take its port. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function rssMegabytes(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * The API as `pnpm start` runs it, on the benchmark database. The per-user limits are on, with budgets
 * out of reach (one benchmark user sends thousands of requests a second): their bookkeeping is part of
 * every measured request. `env` overrides (the fairness benchmark runs the defaults).
 */
export async function startApi(env: Record<string, string>): Promise<{ process: ChildProcess; url: string }> {
  const child = await startProcess(
    fileURLToPath(new URL('../../api/dist/server.js', import.meta.url)),
    {
      DATABASE_URL: config.BENCH_DATABASE_URL,
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      JWT_SECRET: 'benchmark-secret-that-is-long-enough-0123456789',
      AUTH_RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      ...env,
    },
    API_PORT,
    '/readyz',
    // e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/profiles" to profile the API under the load.
    config.BENCH_API_NODE_ARGS,
  );
  return { process: child, url: `http://127.0.0.1:${API_PORT}` };
}

/** Limits on, but no benchmark user can reach them. */
export const LIMITS_OUT_OF_REACH = {
  USER_RATE_LIMIT: '100000000/min',
  USER_WRITE_RATE_LIMIT: '100000000/min',
  USER_CONCURRENCY: '1000',
};

export async function login(email: string, password: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${API_PORT}/api/auth/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { access?: string };
  if (!body.access) throw new Error(`login as ${email} failed: ${JSON.stringify(body)}`);
  return body.access;
}
