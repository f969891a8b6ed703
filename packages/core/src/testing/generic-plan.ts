import { Placeholder, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';

/** One node of an `EXPLAIN (FORMAT JSON)` plan, with what the assertions look at. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * The plan PostgreSQL keeps for a prepared statement once it has switched to a generic plan (after five
 * runs, if it finds that plan no dearer): the statement prepared with `plan_cache_mode = force_generic_plan`,
 * so the plan is chosen without the values, from whatever statistics the tables have. Every node, flattened.
 */
export async function genericPlan(
  db: Database,
  statement: SQL,
  values: Record<string, unknown>,
): Promise<PlanNode[]> {
  const query = new PgDialect().sqlToQuery(statement);
  const args = query.params.map((param) =>
    literal(param instanceof Placeholder ? values[param.name] : param),
  );
  const plan = await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL plan_cache_mode = force_generic_plan`);
    await tx.execute(sql.raw(`PREPARE finsight_plan_probe AS ${query.sql}`));
    try {
      const [row] = rowsOf<{ 'QUERY PLAN': unknown }>(
        await tx.execute(sql.raw(`EXPLAIN (FORMAT JSON) EXECUTE finsight_plan_probe(${args.join(', ')})`)),
      );
      const json = row?.['QUERY PLAN'];
      return (typeof json === 'string' ? JSON.parse(json) : json) as [{ Plan: PlanNode }];
    } finally {
      await tx.execute(sql`DEALLOCATE finsight_plan_probe`);
    }
  });
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan[0].Plan);
  return nodes;
}
