import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PG_BIN } from '@finsight/db-clusters/postgres-node';
import { replicaDown, replicaUp, setReplicaRunning } from '@finsight/db-clusters/replica';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess } from './testing/process';
import { restAs, restUser } from './testing/server';

// The built server as a real process with DATABASE_URL on a private primary and DATABASE_READ_URL on a
// streaming replica of it (what `pnpm db:replica up` starts). Starting those needs PostgreSQL's server
// programs and the right to run them as the `postgres` user. The replica replays 300 ms late, so a read of
// one's own write that went to it would miss the write.
const CLUSTER = 'replica-api-test';
const canStartServers =
  Boolean(process.env.TEST_DATABASE_URL) && existsSync(join(PG_BIN, 'pg_ctl')) && process.getuid?.() === 0;
if (!canStartServers) {
  console.info(
    'Skipped: read replicas need TEST_DATABASE_URL, PostgreSQL 15 server programs and root (to start a private primary and replica as the postgres user).',
  );
}

let server: ReturnType<typeof startProcess>;
let url = '';
const log = () => {};

beforeAll(async () => {
  if (!canStartServers) return;
  const urls = await replicaUp(log, { name: CLUSTER, applyDelayMs: 300 });
  server = startProcess({ DATABASE_URL: urls.primary, DATABASE_READ_URL: urls.replica });
  [, url = ''] = await server.waitFor(/finsight is up on (http:\/\/[\d.:]+) \(PostgreSQL, reads on [\d.:]+/);
  // The migrations just written reach the replica 300 ms late: until then its reads stay on the primary.
  await replicaHealthy();
}, 180_000);

/** Waits until /readyz reports the replica so (its probes run every 500 ms). */
async function replicaReported(expected: { healthy: boolean; lag_ms?: null }) {
  let last: unknown;
  for (let waited = 0; waited < 10_000; waited += 100) {
    last = await (await fetch(`${url}/readyz`)).json();
    const [replica] = (last as { replicas: { healthy: boolean; lag_ms: number | null }[] }).replicas;
    if (replica?.healthy === expected.healthy && (!('lag_ms' in expected) || replica.lag_ms === null)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/readyz did not report ${JSON.stringify(expected)} within 10 s: ${JSON.stringify(last)}`);
}

const replicaHealthy = () => replicaReported({ healthy: true });

afterAll(async () => {
  if (!canStartServers) return;
  server?.child.kill('SIGTERM');
  await server?.exited;
  replicaDown(log, CLUSTER);
});

const trpc = async (path: string, access: string, input?: unknown) => {
  const headers = { authorization: `Bearer ${access}`, 'content-type': 'application/json' };
  const response =
    input === undefined
      ? await fetch(`${url}/trpc/${path}`, { headers })
      : await fetch(`${url}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
  return ((await response.json()) as { result: { data: unknown } }).result.data;
};

describe.skipIf(!canStartServers)('the server with a read replica', { timeout: 60_000 }, () => {
  it('shows every user their own writes at once, through REST and tRPC', async () => {
    const user = await restUser(url, 'replica');
    const api = restAs(url, user);
    // Registered and signed in a moment ago, through the public auth routes: the account is there already.
    expect((await api.get('/api/auth/me/')).status).toBe(200);
    expect((await api.get('/api/auth/sessions/')).body).toHaveLength(1);
    for (let round = 0; round < 10; round++) {
      const created = await api.post('/api/finance/categories/', { name: `Rest ${round}` });
      expect(created.status).toBe(201);
      const listed = await api.get('/api/finance/categories/');
      expect((listed.body as { id: number }[]).map((c) => c.id)).toContain(
        (created.body as { id: number }).id,
      );

      const made = (await trpc('categories.create', user.access, { name: `Trpc ${round}` })) as {
        id: number;
      };
      const list = (await trpc('categories.list', user.access)) as { id: number }[];
      expect(list.map((c) => c.id)).toContain(made.id);
    }
  });

  it('reports the replica when ready, and answers reads while it is down', async () => {
    await replicaHealthy(); // the first test's writes reach it 300 ms late
    const ready = await (await fetch(`${url}/readyz`)).json();
    expect(ready).toEqual({ status: 'ready', replicas: [{ healthy: true, lag_ms: expect.any(Number) }] });

    const user = await restUser(url, 'steady');
    const api = restAs(url, user);
    setReplicaRunning(false, CLUSTER);
    try {
      for (let round = 0; round < 5; round++) {
        expect((await api.get('/api/finance/categories/')).status).toBe(200);
        expect((await api.get('/api/finance/transactions/?limit=5')).status).toBe(200);
      }
      await replicaReported({ healthy: false, lag_ms: null });
    } finally {
      setReplicaRunning(true, CLUSTER);
    }
    await replicaHealthy();
  });
});
