import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from '@finsight/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

let project: string;
let server: TestServer;

/** tsc on the outside project; the diagnostics it prints ('' when there are none). */
async function typeCheck(...args: string[]): Promise<string> {
  return run(process.execPath, [tsc, ...args], { cwd: project }).then(
    () => '',
    (error: { stdout: string }) => error.stdout,
  );
}

/**
 * The way a developer adopting finsight gets the client: packed exactly as it would be published, then
 * installed with npm into an empty project in the system's temp folder, with no workspace around it.
 */
beforeAll(async () => {
  const packed = mkdtempSync(join(tmpdir(), 'finsight-pack-'));
  await run('pnpm', ['pack', '--pack-destination', packed], { cwd: packageDir });
  const [tarball] = readdirSync(packed).filter((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack left no tarball in ${packed}`);

  project = mkdtempSync(join(tmpdir(), 'finsight-consumer-'));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  cpSync(join(packageDir, 'consumer'), project, { recursive: true });
  await run('npm', ['install', '--no-audit', '--no-fund', join(packed, tarball), '@types/node@20'], {
    cwd: project,
  });
  server = await startTestServer();
}, 300_000);
afterAll(() => server?.close());

describe('@finsight/client installed from its tarball into a project outside the repository', () => {
  it('brings only @trpc/client and what it needs: nothing of the server', () => {
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules/@finsight/client/package.json'), 'utf8'),
    );
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@trpc/client', '@trpc/server']);
    expect(manifest.peerDependencies).toBeUndefined();
    const installed = readdirSync(join(project, 'node_modules'));
    for (const server of [
      'fastify',
      'drizzle-orm',
      'ioredis',
      '@electric-sql',
      '@node-rs',
      '@modelcontextprotocol',
    ]) {
      expect(installed).not.toContain(server);
    }
  });

  it.each(['nodenext', 'bundler'])(
    'type-checks under moduleResolution %s, and every wrong use in it is a type error',
    async (resolution) => {
      // An unused @ts-expect-error is itself an error (TS2578): had the types decayed to `any`, the wrong
      // inputs would type-check and this would fail.
      expect(await typeCheck('--noEmit', '-p', `tsconfig.${resolution}.json`)).toBe('');
    },
  );

  it('ships declarations that are themselves free of errors', async () => {
    const output = await typeCheck('--noEmit', '--skipLibCheck', 'false', '-p', 'tsconfig.bundler.json');
    // Only our own file is judged: @trpc's declarations ask for lib settings of their own.
    expect(output.split('\n').filter((line) => line.includes('@finsight/client'))).toEqual([]);
  });

  it('runs with plain node against a live server: register, log in, create a category, list', async () => {
    expect(await typeCheck('-p', 'tsconfig.nodenext.json')).toBe('');
    const { stdout } = await run(process.execPath, [join(project, 'dist', 'consumer.js'), server.url], {
      cwd: project,
    });
    expect(JSON.parse(stdout)).toMatchObject({
      registered: expect.stringMatching(/^consumer_/),
      loggedIn: expect.stringMatching(/^consumer\./),
      category: 'Food',
      created: '12.50',
      listed: [{ amount: '12.50', category: 'Food' }],
      expense: '12.50',
      createdOnce: true,
    });
  });
});
