import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startProcess } from './testing/process';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../../..', import.meta.url));

describe('a production folder made by `pnpm --filter @finsight/api deploy --prod`', {
  timeout: 300_000,
}, () => {
  it('holds no development tools, starts with plain node and serves the API, its docs and the web app', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'finsight-deploy-')), 'app');
    await run('pnpm', ['--filter', '@finsight/api', 'deploy', '--prod', folder], { cwd: repository });

    const installed = readdirSync(join(folder, 'node_modules', '.pnpm'));
    for (const tool of ['tsx@', 'vitest@', 'drizzle-kit@', 'tsdown@', '@langchain+core@', 'newman@']) {
      expect(
        installed.filter((name) => name.startsWith(tool)),
        tool,
      ).toEqual([]);
    }
    expect(existsSync(join(folder, 'dist', 'web', 'index.html'))).toBe(true);

    const server = startProcess(
      { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-that-is-long-enough-0123' },
      join(folder, 'dist', 'server.js'),
    );
    try {
      const url = (await server.waitFor(/finsight is up on (http:\/\/[\d.:]+)/))[1] ?? '';
      expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
      const page = await fetch(url, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('<div id="root">');
      expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
      expect((await fetch(`${url}/api/docs`)).status).toBe(200);
      const register = await fetch(`${url}/api/auth/register/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'deployed',
          email: 'deployed@example.com',
          password: 'violet-harbour-42',
        }),
      });
      expect(register.status).toBe(201);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
