import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProcess } from './testing/process';

// A cold start of a real process (PGlite, migrations) is slow on a busy 2-core CI machine.
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

  it('refuses a database directory another process has open, saying which and what to do', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'finsight-shared-')), 'pglite');
    const first = startProcess({ DATA_DIR: dataDir });
    await first.waitFor(/finsight is up on/);
    const second = startProcess({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `The embedded database in ${dataDir} is already open in process ${first.child.pid}`,
    );
    expect(second.output()).toContain('DATABASE_URL');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Closed cleanly, the directory is free again.
    const third = startProcess({ DATA_DIR: dataDir });
    await third.waitFor(/finsight is up on/);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
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
