import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PG_BIN } from '@finsight/db-clusters/postgres-node';
import { replicaDown, replicaUp, setReplicaRunning } from '@finsight/db-clusters/replica';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, listCategories } from '../categories/service';
import { env } from '../testing/env';
import { createUser } from '../testing/fixtures';
import { createDatabase, type Database, type DatabaseHandle } from './client';
import { createReadRouting, type ReadRouting } from './read-routing';
import { rowsOf } from './rows';

// These tests start a private primary and a streaming replica of it (what `pnpm db:replica up` starts), so
// they need PostgreSQL's server programs and the right to run them as the `postgres` user.
const CLUSTER = 'replica-test';
const canStartServers =
  env.TEST_DATABASE_URL !== undefined && existsSync(join(PG_BIN, 'pg_ctl')) && process.getuid?.() === 0;
if (!canStartServers) {
  console.info(
    'Skipped: read replicas need TEST_DATABASE_URL, PostgreSQL 15 server programs and root (to start a private primary and replica as the postgres user).',
  );
}

let primary: DatabaseHandle;
let routing: ReadRouting;
let replicaUrl = '';
const log = () => {};

beforeAll(async () => {
  if (!canStartServers) return;
  const urls = await replicaUp(log, { name: CLUSTER });
  primary = await createDatabase({ url: urls.primary });
  replicaUrl = urls.replica;
  // A short staleness limit keeps the test fast.
  routing = await createReadRouting(primary, [urls.replica], { maxStalenessMs: 2_000, probeMs: 100 });
  // The migrations just applied reach the replica a moment later.
  await until(async () => routing.replicas()[0]?.healthy === true, 'the replica to catch up');
}, 120_000);

afterAll(async () => {
  if (!canStartServers) return;
  await routing?.close();
  await primary?.close();
  replicaDown(log, CLUSTER);
});

const onReplica = async (db: Database) =>
  rowsOf<{ standby: boolean }>(await db.execute(sql`SELECT pg_is_in_recovery() AS standby`))[0]?.standby;

async function until(condition: () => Promise<boolean>, what: string) {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Still waiting after 10 s: ${what}`);
}

describe.skipIf(!canStartServers)('reads with a streaming replica', () => {
  it('go to the replica, and writes to the primary', async () => {
    expect(routing.replicas()).toEqual([expect.objectContaining({ healthy: true })]);
    expect(await onReplica(routing.forRead(null))).toBe(true);
    expect(await onReplica(routing.primary)).toBe(false);
  });

  it('show a user their own write at once: on the primary until the replica has replayed it', async () => {
    const user = await createUser(routing.primary, 'writer');
    const food = await createCategory(routing.primary, user.id, { name: 'Food' });
    routing.wrote(user.id);
    // No probe since the write can have seen it replayed.
    expect(await onReplica(routing.forRead(user.id))).toBe(false);
    expect((await listCategories(routing.forRead(user.id), user.id)).map((c) => c.id)).toContain(food.id);
    // Someone else reads from the replica meanwhile.
    expect(await onReplica(routing.forRead(user.id + 1))).toBe(true);
    await until(async () => (await onReplica(routing.forRead(user.id))) === true, 'the write to be replayed');
    expect((await listCategories(routing.forRead(user.id), user.id)).map((c) => c.id)).toContain(food.id);
  });

  it('skip a replica that falls behind, whatever its last probe said, and use it again once it catches up', async () => {
    const replica = postgres(replicaUrl, { max: 1, onnotice: () => {} });
    try {
      await replica`SELECT pg_wal_replay_pause()`;
      await createUser(routing.primary, 'unseen'); // something it does not replay
      await until(
        async () => (await onReplica(routing.forRead(null))) === false,
        'the replica to be too far behind',
      );
      expect(routing.replicas()).toEqual([expect.objectContaining({ healthy: false })]);
    } finally {
      await replica`SELECT pg_wal_replay_resume()`;
      await replica.end();
    }
    await until(async () => (await onReplica(routing.forRead(null))) === true, 'the replica to catch up');
  });

  it('send a statement that writes on to the primary instead of failing', async () => {
    const user = await createUser(routing.primary, 'reader');
    const reader = routing.forRead(null);
    expect(await onReplica(reader)).toBe(true);
    await reader.execute(sql`UPDATE users SET time_zone = 'Europe/Berlin' WHERE id = ${user.id}`);
    const [row] = rowsOf<{ zone: string }>(
      await routing.primary.execute(sql`SELECT time_zone AS zone FROM users WHERE id = ${user.id}`),
    );
    expect(row?.zone).toBe('Europe/Berlin');
  });

  it('lose nothing but latency while the replica is down, and use it again once it is back', async () => {
    const user = await createUser(routing.primary, 'steady');
    await until(async () => (await onReplica(routing.forRead(null))) === true, 'the replica to catch up');
    const chosenBeforeTheStop = routing.forRead(null);
    setReplicaRunning(false, CLUSTER);
    try {
      // A read routed to the replica before the stop finds it gone, and is answered by the primary.
      expect(await onReplica(chosenBeforeTheStop)).toBe(false);
      expect(await listCategories(chosenBeforeTheStop, user.id)).toEqual([]);
      expect(routing.replicas()).toEqual([expect.objectContaining({ healthy: false, lagMs: null })]);
      expect(await onReplica(routing.forRead(null))).toBe(false);
    } finally {
      setReplicaRunning(true, CLUSTER);
    }
    await until(async () => routing.replicas()[0]?.healthy === true, 'the replica to be probed healthy');
    expect(await onReplica(routing.forRead(null))).toBe(true);
  });
});
