import type postgres from 'postgres';
import { shareCaches } from './cache-owner';
import { type Database, type DatabaseHandle, drizzleOverPostgres, postgresPool } from './client';
import { pgErrorInfo } from './pg-error';

/**
 * Reads on streaming replicas, writes on the primary (DATABASE_READ_URL).
 *
 * Every `probeMs` the primary's WAL position is noted (with the time just before asking) and each replica says
 * how far it has replayed. A replica is therefore known to hold every commit made before its `freshAsOf`: the
 * time of the newest noted position it has replayed. Freshness is judged when a read is routed, never from
 * a flag a slow or hung probe could leave standing:
 * - a user's read goes to a replica only once it holds their last write (`wrote`), so they always read it;
 * - and only while it is at most `maxStalenessMs` behind, so a write older than the remembered ones is there
 *   too. A replica whose probes stop answering ages out by itself.
 *
 * A statement a replica cannot answer (it is gone, it refuses, replay cancelled it) runs again on the primary,
 * so a stopped replica costs latency, never a failed request. Recent writes are remembered per process (see
 * docs/scaling.md for several API processes).
 */
export interface ReadRouting {
  /** Every write, every transaction, and the reads no replica is fresh enough for. */
  readonly primary: Database;
  /** Where a read for this user goes: a replica that holds their writes, in turn, else the primary. */
  forRead(userId: number | null): Database;
  /** Records that the user has just written: their reads wait for a replica that has replayed it. */
  wrote(userId: number): void;
  /** Each replica's state, for the health check and the logs. */
  replicas(): ReplicaStatus[];
  close(): Promise<void>;
}

export interface ReplicaStatus {
  /** The replica's address, without credentials. */
  host: string;
  healthy: boolean;
  /** How far behind the primary it is, to a probe interval; null when it does not answer. */
  lagMs: number | null;
}

export interface ReadRoutingOptions {
  /** The most a replica may lag and still serve reads (default 3 s); also how long writes are remembered. */
  maxStalenessMs?: number;
  /** How often each replica is probed (default 500 ms). */
  probeMs?: number;
  /** Pool size per replica (default 10, as the primary's). */
  maxConnections?: number;
  /** Told when a replica stops or starts serving reads. */
  onChange?: (replica: ReplicaStatus) => void;
}

export const MAX_STALENESS_MS = 3_000;
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

interface Replica {
  host: string;
  pool: postgres.Sql;
  db: Database;
  /** Answered its last probe as a standby, and no statement has found it gone since. */
  up: boolean;
  /** When a statement last found it gone: a probe that started earlier does not bring it back. */
  downAt: number;
  /** It holds every commit made before this time (0: unknown). */
  freshAsOf: number;
  probing: boolean;
  /** What `onChange` was last told. */
  reported: boolean | null;
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
  const maxStalenessMs = options.maxStalenessMs ?? MAX_STALENESS_MS;
  const probeMs = options.probeMs ?? REPLICA_PROBE_MS;

  const replicas: Replica[] = urls.map((url) => {
    // A replica that is down should be given up on quickly: its reads have the primary to go to.
    const pool = postgresPool(url, { maxConnections: options.maxConnections, connectTimeout: 2 });
    const replica = {
      host: new URL(url).host,
      pool,
      up: false,
      downAt: 0,
      freshAsOf: 0,
      probing: false,
      reported: null,
    } as unknown as Replica;
    replica.db = drizzleOverPostgres(fallingBackToPrimary(pool, primaryPool, replica));
    // What the services remember per handle (a user's time zone) is the primary's, forgotten there on change.
    shareCaches(replica.db, primary.db);
    return replica;
  });

  const statusOf = (replica: Replica, now = Date.now()): ReplicaStatus => {
    const lagMs = replica.up && replica.freshAsOf > 0 ? Math.max(0, now - replica.freshAsOf) : null;
    return { host: replica.host, healthy: lagMs !== null && lagMs <= maxStalenessMs, lagMs };
  };
  const report = (replica: Replica) => {
    const status = statusOf(replica);
    if (status.healthy === replica.reported) return;
    replica.reported = status.healthy;
    options.onChange?.(status);
  };

  /** The primary's WAL position over the last window, oldest first. */
  const positions: { at: number; lsn: bigint }[] = [];
  let sampling = false;
  async function samplePrimary(): Promise<void> {
    if (sampling) return; // a primary that is slow to answer is not asked again meanwhile
    sampling = true;
    try {
      // Timed before asking, and the insert position (ahead of what is written and flushed): every commit
      // that returned before `at` is at or below it.
      const at = Date.now();
      const [row] = await primaryPool<{ lsn: string }[]>`SELECT pg_current_wal_insert_lsn()::text AS lsn`;
      if (row) positions.push({ at, lsn: parseLsn(row.lsn) });
    } catch {
      // The primary is away: no new position, so the replicas age, which errs on the safe side.
    } finally {
      sampling = false;
    }
    while (positions.length > 1 && (positions[0]?.at ?? 0) < Date.now() - maxStalenessMs) positions.shift();
  }

  async function probe(replica: Replica): Promise<void> {
    if (replica.probing) return; // a replica that hangs is not asked twice at once
    replica.probing = true;
    const startedAt = Date.now();
    try {
      // A promoted (no longer standby) server has left the primary's timeline: it is no replica any more.
      const [row] = await replica.pool<{ standby: boolean; replayed: string | null }[]>`
        SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed`;
      const replayed = row?.replayed ? parseLsn(row.replayed) : -1n;
      const caughtUpTo = positions.findLast((position) => position.lsn <= replayed);
      if (caughtUpTo) replica.freshAsOf = Math.max(replica.freshAsOf, caughtUpTo.at);
      const standby = row?.standby === true;
      if (!standby) replica.up = false;
      else if (startedAt > replica.downAt) replica.up = true;
    } catch {
      replica.up = false;
    } finally {
      replica.probing = false;
      report(replica);
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
      if (now - at < maxStalenessMs) break;
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
      const now = Date.now();
      const wroteAt = userId === null ? undefined : lastWrite.get(userId);
      const needed = Math.max(now - maxStalenessMs, wroteAt ?? 0);
      for (let tried = 0; tried < replicas.length; tried++) {
        turn = (turn + 1) % replicas.length;
        const replica = replicas[turn];
        if (replica?.up && replica.freshAsOf >= needed) return replica.db;
      }
      return primary.db;
    },
    wrote(userId) {
      lastWrite.delete(userId);
      lastWrite.set(userId, Date.now());
    },
    replicas: () => replicas.map((replica) => statusOf(replica)),
    async close() {
      clearInterval(timer);
      await Promise.all(replicas.map((replica) => replica.pool.end({ timeout: 5 })));
    },
  };
}

/**
 * What a replica answers that the primary should answer instead: `down` when the replica itself is the
 * problem (unreachable, refusing connections, shutting down), `retry` when only this statement is (it writes,
 * or replay cancelled it), null when the statement is at fault and would fail on the primary too.
 */
function replicaFailure(error: unknown): 'down' | 'retry' | null {
  const code = pgErrorInfo(error)?.code;
  // No SQLSTATE: the driver or the network failed (refused, reset, timed out, unknown host, closed).
  if (code === undefined) return 'down';
  // 08 connection, 28 authorisation, 3D no such database, 53 out of resources, 57P0x shutting down.
  if (/^(08|28|3D|53|57P0)/.test(code)) return 'down';
  // 25006 a write on a read-only server, 40001/40P01 cancelled by replay, 57014 cancelled.
  if (code === '25006' || code === '40001' || code === '40P01' || code === '57014') return 'retry';
  return null;
}

/**
 * The replica's pool as Drizzle sees it, except that a statement the replica cannot answer runs again on the
 * primary, and transactions start there: a read path never fails because a replica did.
 */
function fallingBackToPrimary(replica: postgres.Sql, primary: postgres.Sql, state: Replica): postgres.Sql {
  const primaryAnswers = (error: unknown) => {
    const failure = replicaFailure(error);
    if (failure === 'down') {
      state.up = false;
      state.downAt = Date.now();
    }
    return failure !== null;
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
