import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../db/client';
import { dropCitusDatabase, isCitusCoordinator } from './citus-databases';
import { env } from './env';

export type TestDatabaseTemplate =
  | { kind: 'pglite'; dumpPath: string }
  | { kind: 'postgres'; serverUrl: string; template: string; prefix: string }
  | { kind: 'citus'; serverUrl: string; prefix: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseTemplate;
  }
}

/**
 * Migrates one template database per test run. Each test file then gets its own copy: a restored PGlite
 * dump (much faster than a cold start plus migrations), or `CREATE DATABASE ... TEMPLATE` on the server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = env.TEST_DATABASE_URL;
  if (url && (await isCitusCoordinator(url))) {
    // No template on Citus: each file's database is made, migrated and sharded afresh (citus-databases.ts).
    const prefix = `finsight_test_${randomBytes(4).toString('hex')}`;
    project.provide('testDatabase', { kind: 'citus', serverUrl: url, prefix });
    return async () => {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`${prefix}%`}`;
      await admin.end();
      for (const { datname } of leftovers) await dropCitusDatabase(url, datname);
    };
  }
  if (url) {
    const prefix = `finsight_test_${randomBytes(4).toString('hex')}`;
    const template = `${prefix}_template`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${template}"`);
    const handle = await createDatabase({ url: databaseUrl(url, template) });
    await handle.close();
    project.provide('testDatabase', { kind: 'postgres', serverUrl: url, template, prefix });
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`${prefix}%`}`;
      for (const { datname } of leftovers)
        await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.end();
    };
  }

  const handle = await createDatabase({ dataDir: 'memory://' });
  const client = (handle.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  await handle.close();
  const dir = await mkdtemp(join(tmpdir(), 'finsight-test-'));
  const dumpPath = join(dir, 'template.tar');
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDatabase', { kind: 'pglite', dumpPath });
  return () => rm(dir, { recursive: true, force: true });
}

export function databaseUrl(serverUrl: string, database: string): string {
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
