import { fileURLToPath } from 'node:url';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { DatabaseHandle } from './client';
import { distributeTables, shardOnCitus } from './distribution';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

// pg_advisory_lock key: several API processes starting together must not apply migrations twice.
const MIGRATION_LOCK = 7_146_210_011;

/** Applies pending migrations; already-applied ones are skipped, so running it at every start is safe. */
export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === 'pglite') {
    // PGlite is single-connection and in-process: nothing else can migrate it concurrently.
    // The handle is typed driver-neutrally; on this branch it is the PGlite one.
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  if (!handle.url) throw new Error('runMigrations: a postgres handle must carry its connection string');
  // One dedicated connection so the session-level advisory lock covers the whole migration.
  const client = postgres(handle.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    const citus = await shardOnCitus(client, handle.distributed);
    // Citus runs DDL on a sharded table over many connections at once, and then refuses other DDL in the
    // same transaction (a migration is one); one connection per node lets a migration hold several.
    if (citus) await client`SET citus.multi_shard_modify_mode TO 'sequential'`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    if (citus) await distributeTables(client);
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
