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
} from './postgres-node';

export interface ReplicaUrls {
  primary: string;
  replica: string;
}

/**
 * A private primary and a streaming replica of it, made with `pg_basebackup -R` (which writes the standby's
 * connection settings and `standby.signal`), each on a free port. Returns DATABASE_URL (the primary) and
 * DATABASE_READ_URL (the replica).
 */
export async function replicaUp(log: (line: string) => void): Promise<ReplicaUrls> {
  const running = readCluster('replica');
  const [runningPrimary, runningReplica] = running?.nodes ?? [];
  if (runningPrimary && runningReplica) {
    log(`A primary and replica are already up (${running?.folder}); \`pnpm db:replica down\` stops them.`);
    return {
      primary: connectionUrl(runningPrimary, DATABASE),
      replica: connectionUrl(runningReplica, DATABASE),
    };
  }
  const folder = clusterFolder('replica');
  const primary = await newNode(folder, 'primary');
  const replica = await newNode(folder, 'replica');
  writeCluster('replica', { folder, nodes: [primary, replica] });
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
    `\n# the replica's own\nport = ${replica.port}\nunix_socket_directories = '${replica.dataDir}'\n`,
  );
  log(`Starting the replica on port ${replica.port}…`);
  startNode(replica);
  const inRecovery = sql(replica, DATABASE, 'SELECT pg_is_in_recovery();');
  if (inRecovery !== 't') throw new Error('the replica is not in recovery: it would take writes');
  log('Streaming.');
  return { primary: connectionUrl(primary, DATABASE), replica: connectionUrl(replica, DATABASE) };
}

export function replicaDown(log: (line: string) => void): void {
  log(removeCluster('replica', log) ? 'Stopped.' : 'No replica started by `pnpm db:replica up` is running.');
}

export function replicaUrls(): ReplicaUrls | null {
  const [primary, replica] = readCluster('replica')?.nodes ?? [];
  return primary && replica
    ? { primary: connectionUrl(primary, DATABASE), replica: connectionUrl(replica, DATABASE) }
    : null;
}
