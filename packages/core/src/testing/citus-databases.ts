import postgres from 'postgres';

/**
 * Test databases on a Citus cluster. `CREATE DATABASE ... TEMPLATE` copies only the coordinator's files,
 * not the shards on the workers, so every test file gets a database made afresh on each node: created,
 * given the citus extension, the workers registered with the coordinator, then migrated and sharded by
 * finsight itself (createDatabase). TEST_DATABASE_URL names a database on the coordinator whose node list
 * (pg_dist_node) says where the workers are.
 */

/** Whether the server's test database is a Citus coordinator with workers. */
export async function isCitusCoordinator(serverUrl: string): Promise<boolean> {
  const client = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client<{ citus: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`;
    return row?.citus === true;
  } finally {
    await client.end();
  }
}

function onNode(serverUrl: string, host: string, port: number, database: string): string {
  const url = new URL(serverUrl);
  url.hostname = host;
  url.port = String(port);
  url.pathname = `/${database}`;
  return url.toString();
}

async function run(url: string, statements: string[]): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (const statement of statements) await client.unsafe(statement);
  } finally {
    await client.end();
  }
}

async function workers(serverUrl: string) {
  const client = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await client<{ host: string; port: number }[]>`
      SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0`;
  } finally {
    await client.end();
  }
}

/** Makes `name` on the coordinator and every worker, with Citus in it; returns the coordinator's URL. */
export async function createCitusDatabase(serverUrl: string, name: string): Promise<string> {
  const coordinator = new URL(serverUrl);
  const nodes = await workers(serverUrl);
  const all = [{ host: coordinator.hostname, port: Number(coordinator.port || 5432) }, ...nodes];
  for (const node of all) {
    await run(onNode(serverUrl, node.host, node.port, 'postgres'), [`CREATE DATABASE "${name}"`]);
    await run(onNode(serverUrl, node.host, node.port, name), ['CREATE EXTENSION citus']);
  }
  const url = onNode(serverUrl, all[0]?.host ?? '127.0.0.1', all[0]?.port ?? 5432, name);
  await run(url, [
    `SELECT citus_set_coordinator_host('${all[0]?.host}', ${all[0]?.port})`,
    ...nodes.map((node) => `SELECT citus_add_node('${node.host}', ${node.port})`),
  ]);
  return url;
}

/** Drops `name` everywhere `createCitusDatabase` made it (and whatever is left of a half-made one). */
export async function dropCitusDatabase(serverUrl: string, name: string): Promise<void> {
  const coordinator = new URL(serverUrl);
  const nodes = await workers(serverUrl);
  for (const node of [{ host: coordinator.hostname, port: Number(coordinator.port || 5432) }, ...nodes]) {
    await run(onNode(serverUrl, node.host, node.port, 'postgres'), [
      `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
    ]);
  }
}
