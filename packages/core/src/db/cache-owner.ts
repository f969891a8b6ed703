import type { Database } from './client';

const owners = new WeakMap<Database, Database>();

/**
 * Makes `db` use `owner`'s remembered data (a user's time zone): a replica's handle shares the primary's, so
 * what a change forgets on the primary is forgotten for reads from the replica too. Prepared statements stay
 * per handle: they belong to a pool's connections.
 */
export function shareCaches(db: Database, owner: Database): void {
  owners.set(db, owner);
}

/** The handle whose remembered data `db` uses: its owner, or itself. */
export function cacheOwner(db: Database): Database {
  return owners.get(db) ?? db;
}
