import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDatabase, type DatabaseHandle, findSummaryDrift } from '@finsight/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadEnv } from './env';
import { call, TEST_JWT_SECRET } from './testing/server';

/**
 * The PostgreSQL server goes away under load and comes back. finsight must answer 503 quickly (not hang)
 * while it is down, recover by itself, and leave monthly_summaries equal to a fresh recomputation.
 * Runs on a throwaway cluster of its own (initdb/pg_ctl), never the machine's shared server.
 */
const BIN = '/usr/lib/postgresql/15/bin';
const available =
  existsSync(`${BIN}/initdb`) && existsSync(`${BIN}/pg_ctl`) && existsSync('/usr/sbin/runuser');
if (!available)
  console.warn(`skipping the database restart test: ${BIN}/initdb, pg_ctl or runuser not found`);

const run = promisify(execFile);
const asPostgres = (command: string, args: string[]) =>
  process.getuid?.() === 0
    ? run('/usr/sbin/runuser', ['-u', 'postgres', '--', command, ...args])
    : run(command, args);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

let dataDir = '';
let port = 0;
let handle: DatabaseHandle | undefined;
let app: FastifyInstance | undefined;
let url = '';

const pgCtl = (action: 'start' | 'stop') =>
  asPostgres(`${BIN}/pg_ctl`, [
    '-D',
    dataDir,
    '-w',
    '-t',
    '30',
    ...(action === 'start'
      ? [
          '-o',
          `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`,
          '-l',
          join(dataDir, 'log'),
          'start',
        ]
      : ['-m', 'fast', 'stop']),
  ]);

beforeAll(async () => {
  if (!available) return;
  const root = mkdtempSync(join(tmpdir(), 'finsight-pg-'));
  dataDir = join(root, 'data');
  const { uid, gid } = await run('id', ['-u', 'postgres']).then(async ({ stdout }) => ({
    uid: Number(stdout),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout),
  }));
  if (process.getuid?.() === 0) chownSync(root, uid, gid);
  await asPostgres(`${BIN}/initdb`, ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  port = await freePort();
  await pgCtl('start');
  handle = await createDatabase({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, maxConnections: 8 });
  app = await buildApp({
    db: handle.db,
    env: loadEnv({ AUTH_RATE_LIMIT: 'off', USER_RATE_LIMIT: 'off', LOG_LEVEL: 'silent' }),
    jwtSecret: TEST_JWT_SECRET,
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
  if (dataDir) {
    await pgCtl('stop').catch(() => undefined);
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }
});

describe.runIf(available)('a database restart during load', () => {
  it('is answered with 503 while the database is down, recovers by itself, and leaves the books consistent', async () => {
    const password = 'violet-harbour-42';
    await call(url, 'POST', '/api/auth/register/', {
      username: 'restart',
      email: 'restart@example.com',
      password,
    });
    const { access } = (
      await call(url, 'POST', '/api/auth/login/', { email: 'restart@example.com', password })
    ).body as {
      access: string;
    };
    const category = (
      (await call(url, 'POST', '/api/finance/categories/', { name: 'Load' }, access)).body as { id: number }
    ).id;

    // Writers keep going through the whole outage.
    const statuses: number[] = [];
    const slow: number[] = [];
    let writing = true;
    const writer = async (seed: number) => {
      for (let n = 0; writing; n++) {
        const started = Date.now();
        const response = await call(
          url,
          'POST',
          '/api/finance/transactions/',
          {
            category,
            type: n % 3 === 0 ? 'INCOME' : 'EXPENSE',
            amount: `${((seed * 7 + n) % 90) + 1}.25`,
            date: `2026-0${1 + ((seed + n) % 6)}-1${n % 9}`,
          },
          access,
        ).catch(() => ({ status: 0 }));
        statuses.push(response.status);
        // "Not hanging": every answer, even during the outage, within a few seconds.
        if (Date.now() - started > 5_000) slow.push(Date.now() - started);
        if (response.status !== 201) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const writers = [1, 2, 3, 4].map((seed) => writer(seed));
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    await pgCtl('stop');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const down = await call(url, 'GET', '/api/finance/categories/', undefined, access);
    expect(down).toMatchObject({
      status: 503,
      body: { detail: expect.stringContaining('database is unavailable') },
    });
    expect((await call(url, 'GET', '/readyz')).status).toBe(503);
    const trpcDown = await fetch(`${url}/trpc/categories.list`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(trpcDown.status).toBe(503);

    await pgCtl('start');
    const back = Date.now();
    let recovered = false;
    while (Date.now() - back < 20_000 && !recovered) {
      recovered = (await call(url, 'GET', '/api/finance/categories/', undefined, access)).status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    writing = false;
    await Promise.all(writers);

    console.info(
      `restart test: ${statuses.filter((s) => s === 201).length} writes succeeded, ` +
        `${statuses.filter((s) => s === 503).length} answered 503, recovered ${Date.now() - back} ms after restart`,
    );
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(slow).toEqual([]);
    expect((await call(url, 'GET', '/readyz')).status).toBe(200);
    if (!handle) throw new Error('no database handle');
    expect(await findSummaryDrift(handle.db)).toEqual([]);
  }, 120_000);
});
