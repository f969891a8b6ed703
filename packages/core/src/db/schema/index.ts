export * from './categories';
export * from './monthly-summaries';
export * from './transactions';
export * from './users';
