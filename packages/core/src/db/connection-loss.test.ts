import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { onPostgresServer } from '../testing/env';
import { createDatabase } from './client';
import { rowsOf } from './rows';

// postgres.js 3.4.9 throws from a timer, out of reach of any catch, when a transaction keeps writing to a
// connection the server has closed (porsager/postgres#1154, #1208). Vitest fails a run on such an error, and
// a server process would die of it on a failover. patches/postgres@3.4.9.patch fixes it; the second test
// fails without the patch, and the first says what finsight relies on.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const backendPid = async (db: TestDatabase['db']) =>
  rowsOf<{ pid: number }>(await db.execute(sql`SELECT pg_backend_pid() AS pid`))[0]?.pid ?? 0;

/** Kills a backend and waits until the client has seen its socket close. */
async function killBackend(pid: number) {
  await database.db.execute(sql`SELECT pg_terminate_backend(${pid})`);
  await new Promise((resolve) => setTimeout(resolve, 200));
}

describe('a connection the server closes', () => {
  it('fails the transaction that was using it, and the pool connects afresh for the next query', async () => {
    if (!onPostgresServer('a backend killed by the server')) return;
    const worker = await createDatabase({ url: database.url ?? '', migrate: false, maxConnections: 1 });
    try {
      await expect(
        worker.db.transaction(async (tx) => {
          await killBackend(await backendPid(tx));
        }),
      ).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
      const [row] = rowsOf<{ answer: number }>(await worker.db.execute(sql`SELECT 42 AS answer`));
      expect(row?.answer).toBe(42);
    } finally {
      await worker.close();
    }
  });

  it('fails a query on a reserved connection after the kill instead of crashing the process', async () => {
    if (!onPostgresServer('a backend killed by the server')) return;
    // postgres.js's own pinned connection: the case that crashed on every run before the patch.
    const client = postgres(database.url ?? '', { max: 1, onnotice: () => {} });
    try {
      const reserved = await client.reserve();
      const [me] = await reserved<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      await killBackend(me?.pid ?? 0);
      await expect(reserved`SELECT 1`).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
      reserved.release();
      const [row] = await client<{ answer: number }[]>`SELECT 42 AS answer`;
      expect(row?.answer).toBe(42);
    } finally {
      await client.end();
    }
  });
});
