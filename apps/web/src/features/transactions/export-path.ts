import type { TransactionFiltersInput } from '../../lib/schemas';

/** The export endpoint's query for the list's filters (the REST names: start, end, category, account). */
export function exportPath(format: 'csv' | 'ofx', filters: TransactionFiltersInput): string {
  const query = new URLSearchParams({ format });
  const add = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') query.set(key, String(value));
  };
  add('start', filters.from);
  add('end', filters.to);
  add('type', filters.type);
  add('category', filters.categoryId);
  add('account', filters.accountId);
  add('search', filters.search);
  return `/api/finance/transactions/export/?${query}`;
}
