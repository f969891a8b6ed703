import type { Sql } from 'postgres';

/**
 * Sharding by user on Citus (docs/scaling.md): `users` is distributed by `id`, every table with a `user_id`
 * by that column, all co-located, so a user's rows in every table live in one shard group on one worker and
 * each request is a single-shard query. `user_lookups` (what finds a user before sign-in) is a reference
 * table, copied to every node. Runs after the migrations, on Citus only; a no-op once everything is
 * distributed, so it runs at every start and picks up the tables a new migration adds.
 */

/** The one table every node holds whole. */
export const REFERENCE_TABLES = ['user_lookups'];

/**
 * How the database is told apart: `'citus'` (DATABASE_DISTRIBUTED=citus) insists, and fails clearly where
 * Citus is missing; by default finsight shards whenever the database has the citus extension.
 */
export type Distribution = 'auto' | 'citus';

/** Whether to shard this database: a Citus coordinator (its extension installed) is sharded. */
export async function shardOnCitus(client: Sql, distribution: Distribution = 'auto'): Promise<boolean> {
  const [row] = await client<{ found: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS found`;
  const citus = row?.found === true;
  if (distribution === 'citus' && !citus) {
    throw new Error(
      'DATABASE_DISTRIBUTED=citus, but this database has no citus extension: run CREATE EXTENSION citus on the coordinator (and every worker) first',
    );
  }
  return citus;
}

/** finsight's tables that Citus does not manage yet, each with the column it is to be sharded by. */
async function pendingTables(client: Sql) {
  return client<{ name: string; column: string | null }[]>`
    SELECT c.relname AS name,
           CASE WHEN c.relname = 'users' THEN 'id'
                WHEN EXISTS (SELECT 1 FROM pg_attribute a
                              WHERE a.attrelid = c.oid AND a.attname = 'user_id' AND NOT a.attisdropped)
                  AND c.relname <> ALL (${REFERENCE_TABLES}) THEN 'user_id' END AS column
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
       AND NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid)
     ORDER BY c.relname <> 'users', c.relname`;
}

/**
 * Distributes what is not distributed yet. Citus refuses to distribute a table that a foreign key of a
 * still-local table points at, so the foreign keys between finsight's tables are taken off first and put
 * back, unchanged, once every table is distributed (each already pairs the user with the user, which is
 * what a foreign key between co-located tables needs). The reference table's key into `users` is dropped
 * for good: a reference table cannot point into a sharded one; the accounts service deletes a user's
 * lookups itself.
 */
export async function distributeTables(client: Sql, log: (line: string) => void = () => {}): Promise<void> {
  const pending = await pendingTables(client);
  if (pending.length === 0) return;
  const unknown = pending.filter((table) => table.column === null && !REFERENCE_TABLES.includes(table.name));
  if (unknown.length > 0) {
    throw new Error(
      `Cannot shard ${unknown.map((table) => table.name).join(', ')}: no user_id column, and not a reference table`,
    );
  }
  await client.begin(async (tx) => {
    // Triggers on distributed tables (the summaries' upkeep) run next to each shard; Citus asks for this
    // to be said out loud. It holds for the connections the API opens later too.
    await tx.unsafe('SET LOCAL citus.enable_unsafe_triggers TO on');
    const database = await tx<{ name: string }[]>`SELECT current_database() AS name`;
    await tx.unsafe(`ALTER DATABASE "${database[0]?.name}" SET citus.enable_unsafe_triggers TO on`);
    await tx`ALTER TABLE user_lookups DROP CONSTRAINT IF EXISTS user_lookups_user_id_users_id_fk`;
    const keys = await tx<{ table: string; name: string; definition: string }[]>`
      SELECT c.relname AS table, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
       WHERE con.contype = 'f' AND c.relnamespace = 'public'::regnamespace
       ORDER BY con.conname`;
    for (const key of keys) await tx.unsafe(`ALTER TABLE "${key.table}" DROP CONSTRAINT "${key.name}"`);
    for (const table of pending) {
      if (table.column === null) {
        log(`Copying ${table.name} to every node (a reference table)`);
        await tx`SELECT create_reference_table(${table.name})`;
      } else {
        log(`Sharding ${table.name} by ${table.column}`);
        await tx`SELECT create_distributed_table(${table.name}, ${table.column},
          colocate_with => ${table.name === 'users' ? 'default' : 'users'})`;
      }
    }
    for (const key of keys) {
      await tx.unsafe(`ALTER TABLE "${key.table}" ADD CONSTRAINT "${key.name}" ${key.definition}`);
    }
  });
}
