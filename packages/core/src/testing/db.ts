import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle, type DatabaseOptions } from '../db/client';
import { createCitusDatabase, dropCitusDatabase } from './citus-databases';
import { databaseUrl } from './global-setup';

export interface TestDatabase extends DatabaseHandle {
  /** Connection string of this file's own database on the server; undefined on PGlite. */
  url: string | undefined;
}

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a database of its own on
 * the server when TEST_DATABASE_URL is set (sharded, when that server is a Citus coordinator). `close()`
 * drops it.
 */
export async function createTestDatabase(
  options: Pick<DatabaseOptions, 'logger'> = {},
): Promise<TestDatabase> {
  const template = inject('testDatabase');
  if (template.kind === 'pglite') {
    const dump = new Blob([await readFile(template.dumpPath)]);
    const handle = await createDatabase({
      ...options,
      dataDir: 'memory://',
      loadDataDir: dump,
      migrate: false,
    });
    return { ...handle, url: undefined };
  }
  const name = `${template.prefix}_${randomBytes(4).toString('hex')}`;
  if (template.kind === 'citus') {
    const url = await createCitusDatabase(template.serverUrl, name);
    const handle = await createDatabase({ ...options, url, distributed: 'citus', maxConnections: 20 });
    return {
      ...handle,
      url,
      async close() {
        await handle.close();
        await dropCitusDatabase(template.serverUrl, name);
      },
    };
  }
  const admin = postgres(template.serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template.template}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(template.serverUrl, name);
  const handle = await createDatabase({ ...options, url, migrate: false, maxConnections: 20 });
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      const dropper = postgres(template.serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
