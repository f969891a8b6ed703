import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE, ensureCitus } from './citus-install';
import {
  connectionUrl,
  freePort,
  initNode,
  type PostgresNode,
  sql,
  startNode,
  stopNode,
} from './postgres-node';

/** The database finsight uses on every node: Citus must be in each database that holds distributed tables. */
export const DATABASE = 'finsight';
const WORKERS = Number(process.env.CITUS_WORKERS ?? 2);
/** What `up` started, so `down` stops exactly that and nothing else. */
const STATE = join(CACHE, 'clusters', 'citus.json');

interface CitusCluster {
  folder: string;
  coordinator: PostgresNode;
  workers: PostgresNode[];
}

function readState(): CitusCluster | null {
  return existsSync(STATE) ? (JSON.parse(readFileSync(STATE, 'utf8')) as CitusCluster) : null;
}

/**
 * A coordinator and CITUS_WORKERS (2) workers: private PostgreSQL 15 servers on free ports in a temp folder,
 * each with Citus preloaded and in the `finsight` database, the workers registered with the coordinator.
 * Returns the coordinator's DATABASE_URL. Installs Citus first when this machine has none.
 */
export async function citusUp(log: (line: string) => void): Promise<string> {
  const running = readState();
  if (running) {
    log(`A Citus cluster is already up (${running.folder}); \`pnpm db:citus down\` stops it.`);
    return connectionUrl(running.coordinator, DATABASE);
  }
  ensureCitus(log);
  const folder = mkdtempSync(join(tmpdir(), 'finsight-citus-'));
  // The postgres user creates its data folders inside.
  chmodSync(folder, 0o755);
  const node = async (name: string): Promise<PostgresNode> => ({
    name,
    dataDir: join(folder, name),
    port: await freePort(),
  });
  const cluster: CitusCluster = { folder, coordinator: await node('coordinator'), workers: [] };
  for (let index = 1; index <= WORKERS; index++) cluster.workers.push(await node(`worker${index}`));
  mkdirSync(join(CACHE, 'clusters'), { recursive: true });
  // Written before anything starts: a failure halfway still leaves `down` what to stop.
  writeFileSync(STATE, JSON.stringify(cluster, null, 2));
  for (const member of [cluster.coordinator, ...cluster.workers]) {
    log(`Starting ${member.name} on port ${member.port}…`);
    initNode(member, {
      shared_preload_libraries: "'citus'",
      // Citus runs its own statements on the workers; without this each would count as a new session.
      'citus.max_shared_pool_size': '100',
    });
    startNode(member);
    sql(member, 'postgres', `CREATE DATABASE ${DATABASE};`);
    sql(member, DATABASE, 'CREATE EXTENSION citus;');
  }
  sql(
    cluster.coordinator,
    DATABASE,
    [
      `SELECT citus_set_coordinator_host('127.0.0.1', ${cluster.coordinator.port});`,
      ...cluster.workers.map((worker) => `SELECT citus_add_node('127.0.0.1', ${worker.port});`),
    ].join('\n'),
  );
  const workers = sql(cluster.coordinator, DATABASE, 'SELECT count(*) FROM citus_get_active_worker_nodes();');
  log(`Citus coordinator on ${cluster.coordinator.port} with ${workers} active workers.`);
  return connectionUrl(cluster.coordinator, DATABASE);
}

/** Stops what `up` started and removes its folder; nothing to do when nothing is up. */
export function citusDown(log: (line: string) => void): void {
  const cluster = readState();
  if (!cluster) {
    log('No Citus cluster started by `pnpm db:citus up` is running.');
    return;
  }
  for (const member of [...cluster.workers, cluster.coordinator]) {
    log(`Stopping ${member.name} (port ${member.port})…`);
    if (existsSync(member.dataDir)) stopNode(member);
  }
  rmSync(cluster.folder, { recursive: true, force: true });
  rmSync(STATE);
  log('Stopped.');
}

/** The coordinator's URL when a cluster is up, else null. */
export function citusUrl(): string | null {
  const cluster = readState();
  return cluster ? connectionUrl(cluster.coordinator, DATABASE) : null;
}
