import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCluster, removeCluster, writeCluster } from './cluster-state';
import {
  clusterFolder,
  connectionUrl,
  DATABASE,
  initNode,
  makeDataDir,
  newNode,
  PG_BIN,
  runAsPostgres,
  sql,
  startNode,
  stopNode,
} from './postgres-node';

/** The pair `pnpm db:replica` manages; tests start their own under another name. */
export const REPLICA_CLUSTER = 'replica';

export interface ReplicaUrls {
  primary: string;
  replica: string;
}

/**
 * A private primary and a streaming replica of it, made with `pg_basebackup -R` (which writes the standby's
 * connection settings and `standby.signal`), each on a free port. Returns DATABASE_URL (the primary) and
 * DATABASE_READ_URL (the replica).
 */
export async function replicaUp(
  log: (line: string) => void,
  options: {
    /** Another pair than `pnpm db:replica`'s (tests start their own). */
    name?: string;
    /** Hold back replay by this long (recovery_min_apply_delay): a replica that is visibly behind. */
    applyDelayMs?: number;
  } = {},
): Promise<ReplicaUrls> {
  const { name = REPLICA_CLUSTER, applyDelayMs = 0 } = options;
  const running = readCluster(name);
  const [runningPrimary, runningReplica] = running?.nodes ?? [];
  if (runningPrimary && runningReplica) {
    log(`A primary and replica are already up (${running?.folder}); \`pnpm db:replica down\` stops them.`);
    return {
      primary: connectionUrl(runningPrimary, DATABASE),
      replica: connectionUrl(runningReplica, DATABASE),
    };
  }
  const folder = clusterFolder(name);
  const primary = await newNode(folder, 'primary');
  const replica = await newNode(folder, 'replica');
  writeCluster(name, { folder, nodes: [primary, replica] });
  log(`Starting the primary on port ${primary.port}…`);
  // initdb's trust setup already lets 127.0.0.1 connect for replication; wal_level is `replica` by default.
  initNode(primary);
  startNode(primary);
  sql(primary, 'postgres', `CREATE DATABASE ${DATABASE};`);
  log(`Copying it to the replica with pg_basebackup…`);
  makeDataDir(replica);
  runAsPostgres(join(PG_BIN, 'pg_basebackup'), [
    '--host',
    '127.0.0.1',
    '--port',
    String(primary.port),
    '--username',
    'postgres',
    '--pgdata',
    replica.dataDir,
    '--write-recovery-conf',
    '--wal-method',
    'stream',
    '--checkpoint',
    'fast',
  ]);
  // The copy carries the primary's settings; the lines appended last win.
  appendFileSync(
    join(replica.dataDir, 'postgresql.conf'),
    `\n# the replica's own\nport = ${replica.port}\nunix_socket_directories = '${replica.dataDir}'\nrecovery_min_apply_delay = '${applyDelayMs}ms'\n`,
  );
  log(`Starting the replica on port ${replica.port}…`);
  startNode(replica);
  const inRecovery = sql(replica, DATABASE, 'SELECT pg_is_in_recovery();');
  if (inRecovery !== 't') throw new Error('the replica is not in recovery: it would take writes');
  log('Streaming.');
  return { primary: connectionUrl(primary, DATABASE), replica: connectionUrl(replica, DATABASE) };
}

export function replicaDown(log: (line: string) => void, name = REPLICA_CLUSTER): void {
  log(removeCluster(name, log) ? 'Stopped.' : 'No replica started by `pnpm db:replica up` is running.');
}

export function replicaUrls(name = REPLICA_CLUSTER): ReplicaUrls | null {
  const [primary, replica] = readCluster(name)?.nodes ?? [];
  return primary && replica
    ? { primary: connectionUrl(primary, DATABASE), replica: connectionUrl(replica, DATABASE) }
    : null;
}

/** Stops or starts the replica of a pair `replicaUp` started (tests take it away and bring it back). */
export function setReplicaRunning(running: boolean, name = REPLICA_CLUSTER): void {
  const replica = readCluster(name)?.nodes[1];
  if (!replica) throw new Error(`No replica "${name}" is up.`);
  if (running) startNode(replica);
  else stopNode(replica);
}
