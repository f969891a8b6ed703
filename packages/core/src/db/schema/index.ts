export * from './api-tokens';
export * from './categories';
export * from './monthly-summaries';
export * from './password-resets';
export * from './recovery-codes';
export * from './sessions';
export * from './transactions';
export * from './users';
