import type { Database } from './client';

const built = new WeakMap<Database, Map<string, unknown>>();

/**
 * A Drizzle query built once per database handle and then only executed. Building a query through
 * Drizzle's builder costs more CPU than PostgreSQL spends answering a simple one (about a third of a REST
 * retrieve, profiled in docs/benchmarks.md); a query built with `sql.placeholder` values and `.prepare()`
 * keeps its SQL text, and postgres.js keeps it as a named prepared statement on each connection, inside
 * transactions too.
 *
 * Only for queries that are hot and whose best plan is the same for every user: after five executions
 * PostgreSQL may switch a prepared statement to a generic plan, which made the heavy user's anomaly queries
 * ten times slower when every statement was prepared. Analytical queries stay planned per call.
 *
 * `name` identifies the query's shape: every call with one name must build the same SQL. A transaction
 * handle is its own `Database`, so its queries are built for it and dropped with it.
 */
export function prepared<Query>(db: Database, name: string, build: (name: string) => Query): Query {
  let queries = built.get(db);
  if (queries === undefined) {
    queries = new Map();
    built.set(db, queries);
  }
  let query = queries.get(name) as Query | undefined;
  if (query === undefined) {
    query = build(name);
    queries.set(name, query);
  }
  return query;
}
