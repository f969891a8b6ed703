import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDirectory } from './data-dir-lock';
import type { Distribution } from './distribution';
import { runMigrations } from './migrate';
import * as schema from './schema';

/**
 * The one database handle type every service takes. Both drivers produce it; a union of the two driver
 * types would break `.returning({...})`. A transaction (`tx`) fits the same slot.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** The server's connection string (postgres driver only). */
  url?: string;
  /** Whether to shard on Citus (postgres driver only; see distribution.ts). */
  distributed?: Distribution;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string. When set, postgres.js talks to that server. */
  url?: string;
  /**
   * Where embedded PGlite keeps its files when no `url` is given; `memory://` keeps it in memory.
   * Defaults to `.data/pglite` in the current working directory. One process at a time: a directory
   * another process has open is refused with a clear error.
   */
  dataDir?: string;
  /** A PGlite data directory dump to start from (tests restore a migrated template this way). */
  loadDataDir?: Blob;
  /** Apply pending migrations before returning (default true). Idempotent. */
  migrate?: boolean;
  /**
   * `'citus'` insists on sharding the tables on a Citus coordinator (DATABASE_DISTRIBUTED=citus); the
   * default, `'auto'`, shards whenever the database has the citus extension.
   */
  distributed?: Distribution;
  /** Pool size for postgres.js (default 10). */
  maxConnections?: number;
  /** Sees every statement Drizzle runs (the benchmarks capture them for EXPLAIN). */
  logger?: Logger;
}

// Must match drizzle.config.ts.
const casing = 'snake_case';

/** The embedded database's directory when none is given, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.data/pglite';

export async function createDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const handle = options.url ? openPostgres(options.url, options) : await openPglite(options);
  if (options.migrate !== false) {
    try {
      await runMigrations(handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

/**
 * A postgres.js pool with finsight's connection settings (the primary's, each read replica's, and the
 * benchmarks' own connections, so the values they read are the ones services accept).
 */
export function postgresPool(
  url: string,
  options: Pick<DatabaseOptions, 'maxConnections'> & { connectTimeout?: number } = {},
) {
  return postgres(url, {
    max: options.maxConnections ?? 10,
    // Fail fast while the server is down or restarting (callers answer 503) instead of hanging for 30 s;
    // postgres.js reconnects by itself once it is back.
    connect_timeout: options.connectTimeout ?? 5,
    // postgres.js waits up to 20 s between reconnection attempts by default, and queued queries wait with
    // it: during an outage requests would hang instead of failing fast. A pool of this size retrying at
    // most once a second is no burden on a recovering server.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    onnotice: () => {},
    // Timestamps are read as text in this zone and style (db/timestamps.ts); PGlite starts with both already.
    connection: { TimeZone: 'UTC', DateStyle: 'ISO' },
    // bigint (ids, counts) as a JavaScript number, as PGlite reads it, instead of postgres.js's string: ids
    // stay below 2^53 (validation/ids.ts), and both drivers then give services the same values.
    types: { bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: Number } },
  });
}

/** Drizzle over a postgres.js pool (or anything that answers like one), with finsight's schema and casing. */
export function drizzleOverPostgres(client: postgres.Sql, logger?: Logger): Database {
  return drizzlePostgres({ client, schema, casing, logger });
}

function openPostgres(url: string, options: DatabaseOptions): DatabaseHandle {
  const client = postgresPool(url, options);
  return {
    db: drizzleOverPostgres(client, options.logger),
    driver: 'postgres',
    url,
    distributed: options.distributed,
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  const inMemory = options.dataDir?.startsWith('memory://') ?? false;
  const dataDir = inMemory ? undefined : resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDirectory(dataDir);
  }
  try {
    const client = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir });
    return {
      db: drizzlePglite({ client, schema, casing, logger: options.logger }),
      driver: 'pglite',
      close: () => client.close().finally(release),
    };
  } catch (error) {
    release();
    throw error;
  }
}
