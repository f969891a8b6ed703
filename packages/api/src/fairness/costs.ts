/**
 * What a request costs against its user's budgets: `read` points for what it reads and computes, `write`
 * points for what it changes. Cheap reads cost 1; the rest by how much work they make the database do
 * (measured in docs/benchmarks.md: a summary reads one row, anomalies scan a year of a user's history).
 */
export interface Cost {
  read: number;
  write: number;
}

export const COSTS = {
  /** A page, one object, a stored summary. */
  read: { read: 1, write: 0 },
  /** A month's category breakdown: aggregates the month's transactions. */
  aggregate: { read: 2, write: 0 },
  /** Anomalies and the narrative: a year of history per call. */
  analysis: { read: 10, write: 0 },
  /** The unpaginated transaction list: every row the user has. */
  fullList: { read: 10, write: 0 },
  /** The whole account as JSON. */
  export: { read: 50, write: 0 },
  /** One created, changed or deleted object. */
  write: { read: 0, write: 1 },
  /** Thousands of rows at once: demo data, a reset. */
  bulkWrite: { read: 0, write: 50 },
  /**
   * Reading a bank file (up to 20 MB) and matching it against the account, writing nothing: heavy, so a
   * user's previews take turns and four users' at most run at once.
   */
  importPreview: { read: 20, write: 0 },
  /** The same, then writing up to 200,000 rows; undoing one; a rule run over the whole history. */
  bulkImport: { read: 20, write: 50 },
} satisfies Record<string, Cost>;

/** The cost of an MCP tool call, by tool: what the equivalent REST request costs. */
export const TOOL_COSTS: Record<string, Cost> = {
  get_transactions: COSTS.aggregate,
  get_category_breakdown: COSTS.aggregate,
  get_income_vs_expense: COSTS.read,
  get_monthly_trend: COSTS.read,
  get_anomalies: COSTS.analysis,
  summarize_month: COSTS.analysis,
  get_accounts: COSTS.read,
  search_transactions: COSTS.aggregate,
  get_budget_status: COSTS.read,
  get_alerts: COSTS.read,
  get_recurring_payments: COSTS.analysis,
  get_forecast: COSTS.analysis,
};

export function addCosts(costs: Iterable<Cost>): Cost {
  const total = { read: 0, write: 0 };
  for (const cost of costs) {
    total.read += cost.read;
    total.write += cost.write;
  }
  return total;
}
