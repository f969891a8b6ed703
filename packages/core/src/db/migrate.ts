import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { DatabaseHandle } from './client';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

// pg_advisory_lock key: several API processes starting together must not apply migrations twice.
const MIGRATION_LOCK = 7_146_210_011;

/** Applies pending migrations; already-applied ones are skipped, so running it at every start is safe. */
export async function runMigrations(handle: DatabaseHandle, url?: string): Promise<void> {
  if (handle.driver === 'pglite' || !url) {
    // PGlite is single-connection and in-process: nothing else can migrate it concurrently.
    // biome-ignore lint/suspicious/noExplicitAny: the pglite migrator wants its own driver's type
    await migratePglite(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  // One dedicated connection so the session-level advisory lock covers the whole migration.
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
