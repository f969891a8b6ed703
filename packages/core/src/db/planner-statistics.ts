import { sql } from 'drizzle-orm';
import type { Database } from './client';
import { rowsOf } from './rows';

/** The tables a bulk write of transactions changes, and the hot statements' plans depend on. */
const TABLES = ['transactions', 'monthly_summaries'] as const;

/**
 * After a bulk write of transactions (demo data, an import), ANALYZE the tables that autovacuum would
 * analyze for it: those never analysed, or for which the rows written exceed 50 plus a tenth of the table,
 * PostgreSQL's default threshold. The writer says how many rows it wrote, because the server's own change
 * counters reach the statistics views only a moment after the commit.
 *
 * Autovacuum gets there eventually, and on some servers (these machines included) it is off. Until it does,
 * a statement planned in that window plans with whatever the stale statistics suggest. The hot statements
 * are shaped to need no statistics (transactions/statements.ts); this keeps every other plan honest too.
 * Returns the tables analysed.
 */
export async function refreshPlannerStatistics(db: Database, rowsWritten: number): Promise<string[]> {
  const sizes = rowsOf<{ table: string; rows: number }>(
    await db.execute(sql`SELECT relname AS "table", reltuples::float8 AS rows FROM pg_class
      WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace
        AND relname IN (${sql.join(
          TABLES.map((table) => sql`${table}`),
          sql`, `,
        )})
      ORDER BY relname`),
  );
  const due = sizes
    .filter(({ rows }) => Number(rows) < 0 || rowsWritten > 50 + 0.1 * Number(rows))
    .map(({ table }) => table);
  for (const table of due) await db.execute(sql`ANALYZE ${sql.identifier(table)}`);
  return due;
}
