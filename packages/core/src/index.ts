/** @finsight/core: the finance domain. Every service takes `(db, userId, input)`. */
export * from './accounts/export';
export * from './accounts/service';
export * from './accounts/time-zone';
export * from './alerts/checks';
export * from './alerts/service';
export * from './api-tokens/service';
export * from './budgets/service';
export * from './categories/service';
export {
  createDatabase,
  type Database,
  type DatabaseHandle,
  type DatabaseOptions,
  DEFAULT_DATA_DIR,
  postgresPool,
} from './db/client';
export { DataDirectoryInUseError } from './db/data-dir-lock';
export { isDatabaseReachable } from './db/health';
export { MIGRATIONS_FOLDER, runMigrations } from './db/migrate';
export {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  isUnknownUser,
  USER_NOT_FOUND,
} from './db/pg-error';
export { refreshPlannerStatistics } from './db/planner-statistics';
export {
  createReadRouting,
  MAX_STALENESS_MS,
  primaryOnly,
  type ReadRouting,
  type ReadRoutingOptions,
  type ReplicaStatus,
} from './db/read-routing';
export * as tables from './db/schema';
export { DEMO_CATEGORIES, generateHousehold } from './demo/generator';
export { seededRandom } from './demo/seeded-random';
export { loadDemoData, removeDemoData, resetAccountData } from './demo/service';
export * from './finance-accounts/service';
export { getForecast } from './forecast/service';
export * from './idempotency/service';
export * from './imports/service';
export { getAnomalies, HISTORY_MONTHS } from './insights/anomalies';
export { getCategoryBreakdown } from './insights/category-breakdown';
export { getIncomeVsExpense } from './insights/income-vs-expense';
export { summarizeMonth } from './insights/narrative';
export { getTransactions } from './insights/transactions';
export * from './notifications/deliveries';
export * from './notifications/digests';
export * from './notifications/service';
export {
  listRecurring,
  refreshRecurring,
  requestOverdueChecks,
  updateRecurring,
} from './recurring/service';
export * from './rules/service';
export * from './schemas';
export * from './sessions/service';
export * from './summaries/service';
export {
  type FinsightTool,
  findTool,
  finsightTools,
  runTool,
  TOOL_LIMITS,
  toolJsonSchema,
} from './tools/registry';
export * from './transactions/bulk';
export { encodeCursor } from './transactions/cursor';
export * from './transactions/service';
// The hot statements' SQL, for the benchmark's bare baseline to run exactly what the services run.
export { byIdSql, insertSql, pageSql } from './transactions/statements';
export { suggestCategory } from './transactions/suggest';
export * from './two-factor/service';
export { totpCodeAt } from './two-factor/totp';
export { parseInput } from './validation/parse-input';
