import type postgres from 'postgres';
import { type Database, type DatabaseHandle, drizzleOverPostgres, postgresPool } from './client';
import { isDatabaseUnavailable, pgErrorInfo } from './pg-error';

/**
 * Reads on streaming replicas, writes on the primary (DATABASE_READ_URL).
 *
 * Read-your-writes: a user who wrote within `readYourWritesMs` reads from the primary. A replica serves
 * reads only while its measured replay lag stays under `readYourWritesMs - probeMs`: a read later than the
 * window therefore finds the write replayed, even if the lag grew right after the last probe. The window is
 * remembered per process (see docs/scaling.md for several API processes).
 *
 * A replica that stops answering is left out at once: the statement that found it gone runs again on the
 * primary, so a stopped replica costs latency, never a failed request. A probe every `probeMs` brings it
 * back once it answers and has caught up.
 */
export interface ReadRouting {
  /** Every write, every transaction, and the reads of a user who just wrote. */
  readonly primary: Database;
  /** Where a read for this user goes: a healthy replica in turn, else the primary. */
  forRead(userId: number | null): Database;
  /** Keeps the user's reads on the primary for the read-your-writes window. */
  wrote(userId: number): void;
  /** Each replica's state, for the health check and the logs. */
  replicas(): ReplicaStatus[];
  close(): Promise<void>;
}

export interface ReplicaStatus {
  /** The replica's address, without credentials. */
  host: string;
  healthy: boolean;
  /** How far behind the primary it was at the last probe, to a probe interval; null when it did not answer. */
  lagMs: number | null;
}

export interface ReadRoutingOptions {
  /** How long after a write the user's reads stay on the primary (default 3 s). */
  readYourWritesMs?: number;
  /** How often each replica is probed for health and lag (default 500 ms). */
  probeMs?: number;
  /** Pool size per replica (default 10, as the primary's). */
  maxConnections?: number;
}

export const READ_YOUR_WRITES_MS = 3_000;
export const REPLICA_PROBE_MS = 500;

/** No replicas: everything on the primary. */
export function primaryOnly(primary: Database): ReadRouting {
  return {
    primary,
    forRead: () => primary,
    wrote: () => {},
    replicas: () => [],
    close: async () => {},
  };
}

// SQLSTATEs a replica answers that the primary would not: a write reaching it (a read path that writes) and
// a query cancelled because it conflicted with replay.
const PG_READ_ONLY_TRANSACTION = '25006';
const PG_SERIALIZATION_FAILURE = '40001';

interface Replica {
  host: string;
  pool: postgres.Sql;
  db: Database;
  healthy: boolean;
  lagMs: number | null;
  probing: boolean;
}

/**
 * Connects to each replica and starts probing them. Resolves once every replica has been probed once, so
 * the first requests already use those that answer; one that does not is tried again every probe.
 */
export async function createReadRouting(
  primary: DatabaseHandle,
  urls: string[],
  options: ReadRoutingOptions = {},
): Promise<ReadRouting> {
  const primaryPool = (primary.db as unknown as { $client: postgres.Sql }).$client;
  if (primary.driver !== 'postgres' || !primaryPool) {
    throw new Error('Read replicas need the primary on a PostgreSQL server (DATABASE_URL).');
  }
  const windowMs = options.readYourWritesMs ?? READ_YOUR_WRITES_MS;
  const probeMs = options.probeMs ?? REPLICA_PROBE_MS;
  const maxLagMs = windowMs - probeMs;
  if (maxLagMs <= 0) throw new Error('The read-your-writes window must be longer than the probe interval.');

  const replicas: Replica[] = urls.map((url) => {
    // A replica that is down should be given up on quickly: its reads have the primary to go to.
    const pool = postgresPool(url, { maxConnections: options.maxConnections, connectTimeout: 2 });
    const replica = { host: new URL(url).host, pool, healthy: false, lagMs: null, probing: false } as Replica;
    replica.db = drizzleOverPostgres(fallingBackToPrimary(pool, primaryPool, replica));
    return replica;
  });

  /**
   * The primary's WAL position over the last window, newest last. A replica's lag is how long ago the primary
   * was at the newest position the replica has replayed: exact to a probe interval, and unlike replay
   * timestamps it is not fooled by a quiet primary (nothing to replay is no lag).
   */
  const positions: { at: number; lsn: bigint }[] = [];
  let sampling = false;
  async function samplePrimary(): Promise<void> {
    if (sampling) return; // a primary that is slow to answer is not asked again meanwhile
    sampling = true;
    try {
      // Timed before asking: every commit before `at` is at or below the position the answer gives.
      const at = Date.now();
      const [row] = await primaryPool<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
      if (row) positions.push({ at, lsn: parseLsn(row.lsn) });
    } catch {
      // The primary is away: no new position, so every replica's lag grows, which errs on the safe side.
    } finally {
      sampling = false;
    }
    while (positions.length > 1 && (positions[0]?.at ?? 0) < Date.now() - windowMs) positions.shift();
  }

  async function probe(replica: Replica): Promise<void> {
    if (replica.probing) return; // a replica that hangs is not asked twice at once
    replica.probing = true;
    try {
      // A promoted (no longer standby) server has left the primary's timeline: it is no replica any more.
      const [row] = await replica.pool<{ standby: boolean; replayed: string | null }[]>`
        SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed`;
      const replayed = row?.replayed ? parseLsn(row.replayed) : -1n;
      const caughtUpTo = positions.findLast((position) => position.lsn <= replayed);
      replica.lagMs = caughtUpTo ? Date.now() - caughtUpTo.at : null;
      replica.healthy = row?.standby === true && replica.lagMs !== null && replica.lagMs <= maxLagMs;
    } catch {
      replica.healthy = false;
      replica.lagMs = null;
    } finally {
      replica.probing = false;
    }
  }

  async function probeAll(): Promise<void> {
    await samplePrimary();
    await Promise.all(replicas.map(probe));
  }

  /** When each user last wrote, oldest first (re-inserted on every write), so expiry stops at the first fresh one. */
  const lastWrite = new Map<number, number>();
  function forget(now: number) {
    for (const [userId, at] of lastWrite) {
      if (now - at < windowMs) break;
      lastWrite.delete(userId);
    }
  }

  await probeAll();
  const timer = setInterval(() => {
    forget(Date.now());
    void probeAll();
  }, probeMs);
  timer.unref();

  let turn = 0;
  return {
    primary: primary.db,
    forRead(userId) {
      if (userId !== null) {
        const at = lastWrite.get(userId);
        if (at !== undefined && Date.now() - at < windowMs) return primary.db;
      }
      for (let tried = 0; tried < replicas.length; tried++) {
        turn = (turn + 1) % replicas.length;
        const replica = replicas[turn];
        if (replica?.healthy) return replica.db;
      }
      return primary.db;
    },
    wrote(userId) {
      lastWrite.delete(userId);
      lastWrite.set(userId, Date.now());
    },
    replicas: () => replicas.map(({ host, healthy, lagMs }) => ({ host, healthy, lagMs })),
    async close() {
      clearInterval(timer);
      await Promise.all(replicas.map((replica) => replica.pool.end({ timeout: 5 })));
    },
  };
}

/**
 * The replica's pool as Drizzle sees it, except that a statement the replica cannot answer (it is gone, the
 * statement writes, or replay cancelled it) runs again on the primary, and transactions start there: a read
 * path never fails because a replica did.
 */
function fallingBackToPrimary(replica: postgres.Sql, primary: postgres.Sql, state: Replica): postgres.Sql {
  /** Whether the primary should answer a statement the replica failed, noting a replica that is gone. */
  const primaryAnswers = (error: unknown) => {
    if (isDatabaseUnavailable(error)) {
      state.healthy = false;
      state.lagMs = null;
      return true;
    }
    const code = pgErrorInfo(error)?.code;
    return code === PG_READ_ONLY_TRANSACTION || code === PG_SERIALIZATION_FAILURE;
  };
  // Drizzle's postgres-js session awaits `unsafe(...)` or its `.values()`, and opens transactions with
  // `begin`; the construction reads `options` to set its parsers. One promise per statement on the hot path.
  const unsafe = (text: string, params?: unknown[], queryOptions?: postgres.UnsafeQueryOptions) => {
    const on = (pool: postgres.Sql) => pool.unsafe(text, params as never[], queryOptions);
    return {
      values: () =>
        on(replica)
          .values()
          .then(undefined, (error: unknown) => {
            if (!primaryAnswers(error)) throw error;
            return on(primary).values();
          }),
      // biome-ignore lint/suspicious/noThenProperty: Drizzle awaits the statement itself.
      then: <A, B>(ok?: (rows: postgres.RowList<postgres.Row[]>) => A, fail?: (error: unknown) => B) =>
        on(replica).then(ok, (error: unknown) => {
          if (primaryAnswers(error)) return on(primary).then(ok, fail);
          if (fail) return fail(error);
          throw error;
        }),
    };
  };
  return { options: replica.options, unsafe, begin: primary.begin.bind(primary) } as unknown as postgres.Sql;
}

/** A WAL position ("16/B374D848") as a number that orders like it. */
function parseLsn(lsn: string): bigint {
  const [high = '0', low = '0'] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}
