/** The rows of a raw `db.execute(sql...)`: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<Row = Record<string, unknown>>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}
