import { ensureCitus } from './citus-install';
import { readCluster, removeCluster, writeCluster } from './cluster-state';
import {
  clusterFolder,
  connectionUrl,
  DATABASE,
  initNode,
  newNode,
  type PostgresNode,
  sql,
  startNode,
} from './postgres-node';

const WORKERS = Number(process.env.CITUS_WORKERS ?? 2);
/** The cluster `pnpm db:citus` manages; tests start their own under another name. */
export const CITUS_CLUSTER = 'citus';
/**
 * A coordinator and CITUS_WORKERS (2) workers: private PostgreSQL 15 servers on free ports in a temp folder,
 * each with Citus preloaded and in the `finsight` database, the workers registered with the coordinator.
 * Returns the coordinator's DATABASE_URL. Installs Citus first when this machine has none.
 */
export async function citusUp(log: (line: string) => void, name = CITUS_CLUSTER): Promise<string> {
  const running = readCluster(name);
  if (running?.nodes[0]) {
    log(`A Citus cluster is already up (${running.folder}); \`pnpm db:citus down\` stops it.`);
    return connectionUrl(running.nodes[0], DATABASE);
  }
  ensureCitus(log);
  const folder = clusterFolder(name);
  const coordinator = await newNode(folder, 'coordinator');
  const workers: PostgresNode[] = [];
  for (let index = 1; index <= WORKERS; index++) workers.push(await newNode(folder, `worker${index}`));
  writeCluster(name, { folder, nodes: [coordinator, ...workers] });
  for (const member of [coordinator, ...workers]) startCitusNode(log, member);
  sql(
    coordinator,
    DATABASE,
    [
      `SELECT citus_set_coordinator_host('127.0.0.1', ${coordinator.port});`,
      ...workers.map((worker) => `SELECT citus_add_node('127.0.0.1', ${worker.port});`),
    ].join('\n'),
  );
  const active = sql(coordinator, DATABASE, 'SELECT count(*) FROM citus_get_active_worker_nodes();');
  log(`Citus coordinator on ${coordinator.port} with ${active} active workers.`);
  return connectionUrl(coordinator, DATABASE);
}

/**
 * Starts one more worker in a running cluster and registers it with the coordinator (`citus_add_node`). It
 * holds no shards until they are moved to it (`citus_rebalance_start()`). Returns the worker's port.
 */
export async function citusAddWorker(log: (line: string) => void, name = CITUS_CLUSTER): Promise<number> {
  const running = readCluster(name);
  const coordinator = running?.nodes[0];
  if (!running || !coordinator) throw new Error(`No Citus cluster named ${name} is up.`);
  const worker = await newNode(running.folder, `worker${running.nodes.length}`);
  writeCluster(name, { ...running, nodes: [...running.nodes, worker] });
  startCitusNode(log, worker);
  sql(coordinator, DATABASE, `SELECT citus_add_node('127.0.0.1', ${worker.port});`);
  return worker.port;
}

function startCitusNode(log: (line: string) => void, member: PostgresNode): void {
  log(`Starting ${member.name} on port ${member.port}…`);
  // Logical decoding lets the rebalancer move a shard while it is being written (blocking writes only for
  // the final switch), as on a production cluster.
  initNode(member, { shared_preload_libraries: "'citus'", wal_level: 'logical' });
  startNode(member);
  // Citus must be in each database that holds distributed tables, on every node.
  sql(member, 'postgres', `CREATE DATABASE ${DATABASE};`);
  sql(member, DATABASE, 'CREATE EXTENSION citus;');
}

/** Stops what `up` started and removes its folder; nothing to do when nothing is up. */
export function citusDown(log: (line: string) => void, name = CITUS_CLUSTER): void {
  log(removeCluster(name, log) ? 'Stopped.' : 'No Citus cluster started by `pnpm db:citus up` is running.');
}

/** The coordinator's URL when a cluster is up, else null. */
export function citusUrl(): string | null {
  const coordinator = readCluster('citus')?.nodes[0];
  return coordinator ? connectionUrl(coordinator, DATABASE) : null;
}
