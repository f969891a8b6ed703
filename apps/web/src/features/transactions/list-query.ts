/**
 * Everything the transactions list shows, read from its address: filters, page, ordering and density. A
 * reload, a shared link or Back lands on the very same list. Pure, tested without a browser.
 */

import { dateTimeFormat } from '../../lib/intl-formats';
import { readDate, readOneOf, readPositiveInteger } from '../../lib/url-params';

export const ORDERINGS = [
  'date',
  '-date',
  'amount',
  '-amount',
  'payee',
  '-payee',
  'category',
  '-category',
] as const;
export type Ordering = (typeof ORDERINGS)[number];
export type SortField = 'date' | 'amount' | 'payee' | 'category';
export const DEFAULT_ORDERING: Ordering = '-date';

export interface ListFilters {
  from?: string;
  to?: string;
  type?: 'INCOME' | 'EXPENSE';
  categoryId?: number;
  accountId?: number;
  search?: string;
}

export interface ListState {
  filters: ListFilters;
  page: number;
  ordering: Ordering;
  compact: boolean;
}

const readId = readPositiveInteger;
const readType = readOneOf(['INCOME', 'EXPENSE'] as const);
const readOrdering = readOneOf(ORDERINGS);

function read<Value>(query: URLSearchParams, name: string, reader: (raw: string) => Value | null) {
  const raw = query.get(name);
  return raw ? (reader(raw) ?? undefined) : undefined;
}

export function readListState(query: URLSearchParams): ListState {
  const search = query.get('search')?.trim();
  return {
    filters: {
      from: read(query, 'from', readDate),
      to: read(query, 'to', readDate),
      type: read(query, 'type', readType),
      categoryId: read(query, 'category', readId),
      accountId: read(query, 'account', readId),
      search: search ? search.slice(0, 100) : undefined,
    },
    page: read(query, 'page', readPositiveInteger) ?? 1,
    ordering: read(query, 'ordering', readOrdering) ?? DEFAULT_ORDERING,
    compact: query.get('view') === 'compact',
  };
}

/** The URL's names for filter changes: a changed filter starts again at page 1. */
export function filterChanges(
  changes: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return { ...changes, page: undefined, highlight: undefined };
}

/** The sentence for an end date before the start date, or null when the range is fine. */
export function dateRangeProblem(
  from: string | undefined,
  to: string | undefined,
  locale: string,
): string | null {
  if (!from || !to || to >= from) return null;
  const day = dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${from}T00:00:00Z`),
  );
  return `The end date is before the start date. Pick an end date on or after ${day}.`;
}

/** The column an ordering sorts by, and which way. */
export function sortOf(ordering: Ordering): { field: SortField; descending: boolean } {
  const descending = ordering.startsWith('-');
  return { field: (descending ? ordering.slice(1) : ordering) as SortField, descending };
}

/**
 * What a click on a column's header asks for: the other direction of the current column; a new column starts
 * newest / largest first for dates and amounts, A to Z for names.
 */
export function nextOrdering(current: Ordering, field: SortField): Ordering {
  const { field: sorted, descending } = sortOf(current);
  if (sorted === field) return (descending ? field : `-${field}`) as Ordering;
  return (field === 'date' || field === 'amount' ? `-${field}` : field) as Ordering;
}
