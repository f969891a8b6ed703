/**
 * Browser-safe entry (`@finsight/core/schemas`): the zod input schemas, limits and output types, with no
 * database driver behind them — the web app's forms validate with exactly what the services enforce.
 */
export * from './accounts/password-rules';
export * from './accounts/schemas';
export * from './alerts/schemas';
export * from './api-tokens/schemas';
export * from './budgets/schemas';
export * from './categories/schemas';
export * from './demo/schemas';
export * from './errors';
export * from './finance-accounts/schemas';
export * from './forecast/schemas';
export * from './imports/schemas';
export * from './insights/schemas';
export * from './limits';
export * from './notifications/schemas';
export * from './recurring/schemas';
export * from './rules/schemas';
export * from './sessions/schemas';
export * from './summaries/schemas';
export * from './transactions/export-formats';
export * from './transactions/schemas';
export * from './two-factor/schemas';
export * from './validation/dates';
export * from './validation/ids';
export * from './validation/money';
export { fieldErrorsOf } from './validation/parse-input';
