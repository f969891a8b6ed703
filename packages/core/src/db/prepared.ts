import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import { rowsOf } from './rows';

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

const dialect = new PgDialect();

/** A statement prepared by `preparedSql`: run it with its placeholder values, get the driver's rows. */
export interface SqlStatement<Row> {
  execute(values: Record<string, unknown>): Promise<Row[]>;
}

/**
 * A statement written in SQL (values as `sql.placeholder(name)`), prepared once per database handle like
 * `prepared()`, whose rows come back as the driver reads them. A Drizzle select maps every field of every
 * row through its column decoders; for a page of transactions that mapping cost more CPU than the rest of
 * the request (profiled in docs/benchmarks.md). The SQL casts what it returns to the types the caller
 * wants (`::text` for dates and amounts), so both drivers give the same rows.
 *
 * It runs through the handle's own session: inside a transaction, on the transaction's connection.
 */
export function preparedSql<Row>(db: Database, name: string, build: () => SQL): SqlStatement<Row> {
  const statement = prepared(db, `sql:${name}`, (statementName) =>
    db._.session.prepareQuery(dialect.sqlToQuery(build()), undefined, statementName, false),
  );
  return {
    execute: async (values) => rowsOf<Row>(await statement.execute(values)),
  };
}
