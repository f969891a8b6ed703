import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The PostgreSQL 15 binaries of these machines (Debian's layout); PG_BIN points elsewhere. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** The database finsight's clusters create, and their DATABASE_URLs name. */
export const DATABASE = 'finsight';

/** One private PostgreSQL server: its data folder and the port it listens on (127.0.0.1 only). */
export interface PostgresNode {
  name: string;
  dataDir: string;
  port: number;
}

/**
 * Runs a command as the `postgres` OS user, which owns every data folder (PostgreSQL refuses to run as root);
 * directly when this process is that user already. Throws with the command's output when it fails.
 */
export function runAsPostgres(command: string, args: string[], input?: string): string {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8', input })
    : spawnSync(command, args, { encoding: 'utf8', input });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed:\n${result.stderr || result.stdout || result.error}`,
    );
  }
  return result.stdout;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A temp folder for a set of nodes; the `postgres` user creates their data folders inside. */
export function clusterFolder(kind: string): string {
  const folder = mkdtempSync(join(tmpdir(), `finsight-${kind}-`));
  chmodSync(folder, 0o755);
  return folder;
}

/** A node to be created in `folder`, on a free port. */
export async function newNode(folder: string, name: string): Promise<PostgresNode> {
  return { name, dataDir: join(folder, name), port: await freePort() };
}

/** The node's empty data folder, owned by the `postgres` user with the mode PostgreSQL asks for. */
export function makeDataDir(node: PostgresNode): void {
  mkdirSync(node.dataDir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() === 0) {
    chownSync(
      node.dataDir,
      Number(runAsPostgres('id', ['-u']).trim()),
      Number(runAsPostgres('id', ['-g']).trim()),
    );
  }
}

/**
 * Creates the node's data folder with `initdb` (trust authentication: a private development cluster on
 * 127.0.0.1) and writes its settings. Throwaway data, so no fsync: a crash loses a test run, nothing else.
 */
export function initNode(node: PostgresNode, settings: Record<string, string> = {}): void {
  makeDataDir(node);
  runAsPostgres(join(PG_BIN, 'initdb'), [
    '--pgdata',
    node.dataDir,
    '--username',
    'postgres',
    '--auth',
    'trust',
    '--encoding',
    'UTF8',
    '--no-instructions',
  ]);
  const lines = {
    port: String(node.port),
    listen_addresses: "'127.0.0.1'",
    // Sockets in the node's own folder: no clash with the machine's server in /var/run/postgresql.
    unix_socket_directories: `'${node.dataDir}'`,
    fsync: 'off',
    max_connections: '200',
    ...settings,
  };
  appendFileSync(
    join(node.dataDir, 'postgresql.conf'),
    `\n# finsight db-clusters\n${Object.entries(lines)
      .map(([key, value]) => `${key} = ${value}`)
      .join('\n')}\n`,
  );
}

export function startNode(node: PostgresNode): void {
  runAsPostgres(join(PG_BIN, 'pg_ctl'), [
    '--pgdata',
    node.dataDir,
    '--log',
    join(node.dataDir, 'server.log'),
    '--wait',
    'start',
  ]);
}

/** Stops the node if it runs; a node already stopped is fine. */
export function stopNode(node: PostgresNode): void {
  try {
    runAsPostgres(join(PG_BIN, 'pg_ctl'), ['--pgdata', node.dataDir, '--mode', 'fast', '--wait', 'stop']);
  } catch (error) {
    if (!String(error).includes('Is server running?')) throw error;
  }
}

/** Runs SQL on the node with psql (stops at the first error) and returns its unaligned output. */
export function sql(node: PostgresNode, database: string, statements: string): string {
  return runAsPostgres(
    join(PG_BIN, 'psql'),
    [
      '--host',
      '127.0.0.1',
      '--port',
      String(node.port),
      '--username',
      'postgres',
      '--dbname',
      database,
      '--no-psqlrc',
      '--tuples-only',
      '--no-align',
      '--set',
      'ON_ERROR_STOP=1',
    ],
    statements,
  ).trim();
}

export function connectionUrl(node: PostgresNode, database: string): string {
  return `postgres://postgres@127.0.0.1:${node.port}/${database}`;
}
