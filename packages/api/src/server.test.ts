import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const serverFile = fileURLToPath(new URL('./server.ts', import.meta.url));

/** `pnpm start` as a real process, on a fresh embedded database. */
function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, [tsx, serverFile], {
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: join(mkdtempSync(join(tmpdir(), 'finsight-server-')), 'pglite'),
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
  }) as ChildProcessWithoutNullStreams;
  let output = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = output.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    waitFor: (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const match = output.match(pattern);
        if (match) return resolve(match);
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`exited with ${code} before ${pattern}:\n${output}`)));
      }),
  };
}

// A cold start of a real process (tsx transform, PGlite, migrations) is slow on a busy 2-core CI machine.
describe('the server process', { timeout: 180_000 }, () => {
  it('starts on embedded PGlite, finishes in-flight requests on SIGTERM, and logs no passwords or tokens', async () => {
    const server = startProcess({});
    const [, url] = await server.waitFor(/finsight is up on (http:\/\/[\d.:]+)/);
    const password = 'violet-harbour-42-secret';
    const json = { 'content-type': 'application/json' };
    const body = JSON.stringify({ username: 'proc', email: 'proc@example.com', password });
    expect((await fetch(`${url}/api/auth/register/`, { method: 'POST', headers: json, body })).status).toBe(
      201,
    );
    const login = await fetch(`${url}/api/auth/login/`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'proc@example.com', password }),
    });
    const tokens = (await login.json()) as { access: string; refresh: string };
    await fetch(`${url}/api/finance/categories/`, { headers: { authorization: `Bearer ${tokens.access}` } });

    // A request that is being handled when the signal arrives still gets its answer.
    const inFlight = fetch(`${url}/api/auth/register/`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'late', email: 'late@example.com', password }),
    });
    // The second register request has been logged as incoming: the server is handling it now.
    await server.waitFor(/(?:"url":"\/api\/auth\/register\/"[\s\S]*){2}/);
    server.child.kill('SIGTERM');
    expect((await inFlight).status).toBe(201);
    expect(await server.exited).toBe(0);

    const logs = server.output();
    expect(logs).toContain('shutting down');
    expect(logs).toMatch(/"reqId":"[0-9a-f-]{36}"/);
    expect(logs).not.toContain(password);
    expect(logs).not.toContain(tokens.access);
    expect(logs).not.toContain(tokens.refresh);
  });

  it('refuses to start with a bad setting, naming it', async () => {
    const server = startProcess({ PORT: 'eighty', AUTH_RATE_LIMIT: 'lots' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Invalid environment:[\s\S]*PORT[\s\S]*AUTH_RATE_LIMIT/);
  });

  it('refuses to start in production without JWT_SECRET', async () => {
    const server = startProcess({ NODE_ENV: 'production' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('JWT_SECRET: required in production');
  });
});
