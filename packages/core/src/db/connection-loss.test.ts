import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { onSingleNodePostgres } from '../testing/env';
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

/** Kills a backend, waits for it to exit, and gives the client a moment to see its socket close. */
async function killBackend(pid: number) {
  await database.db.execute(sql`SELECT pg_terminate_backend(${pid}, 5000)`);
  await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('a connection the server closes', () => {
  it('fails the transaction that was using it, and the pool connects afresh for the next query', async () => {
    if (!onSingleNodePostgres('a backend killed by the server')) return;
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

  it('never runs a statement of the dead transaction outside it, on the session the pool opened since', async () => {
    if (!onSingleNodePostgres('a backend killed by the server')) return;
    await database.db.execute(sql`CREATE TABLE IF NOT EXISTS late_writes (x integer)`);
    const worker = await createDatabase({ url: database.url ?? '', migrate: false, maxConnections: 1 });
    try {
      let lateInsert: Promise<string> = Promise.resolve('not sent');
      await expect(
        worker.db.transaction(async (tx) => {
          await killBackend(await backendPid(tx));
          // Someone else's query has the pool connect again, on the same connection object.
          await worker.db.execute(sql`SELECT 1`);
          lateInsert = tx.execute(sql`INSERT INTO late_writes VALUES (1)`).then(
            () => 'ran',
            () => 'refused',
          );
          await lateInsert;
        }),
      ).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
      // The transaction is reported failed at once; its callback goes on until the insert is answered.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await lateInsert).toBe('refused');
      const [row] = rowsOf<{ n: number }>(
        await database.db.execute(sql`SELECT count(*)::integer AS n FROM late_writes`),
      );
      expect(row?.n).toBe(0);
    } finally {
      await worker.close();
    }
  });

  it('fails a query on a reserved connection after the kill instead of crashing the process', async () => {
    if (!onSingleNodePostgres('a backend killed by the server')) return;
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
