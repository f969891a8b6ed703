import { listTransactionsInput } from '@finsight/core/schemas';
import { describe, expect, it } from 'vitest';
import { transactionListQuery } from './schemas';
import { pageInputOf } from './transactions';

/**
 * The REST list hands its parsed query to the service, which does not parse it again
 * (`listParsedTransactions`). So the query must accept exactly what the service accepts, and make of it
 * exactly what the service would: these hold the two together, filter by filter.
 */
type Query = Record<string, string>;

/** What the service makes of the same values under its own names (query text as the JSON a client sends). */
function serviceParse(query: Query) {
  const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  return listTransactionsInput.safeParse({
    from: query.start,
    to: query.end,
    type: query.type,
    categoryId: number(query.category),
    accountId: number(query.account),
    search: query.search,
    limit: number(query.limit),
    offset: number(query.offset ?? '0'),
    ordering: query.ordering,
    includeTotal: true,
  });
}

function restParse(query: Query) {
  const parsed = transactionListQuery.safeParse(query);
  if (!parsed.success || parsed.data.limit === undefined) return parsed;
  return { success: true as const, data: pageInputOf(parsed.data, parsed.data.limit) };
}

const accepted: Query[] = [
  { limit: '50' },
  { limit: '1', offset: '1000000' },
  { limit: '200', offset: '0', ordering: '-amount' },
  { limit: '20', start: '2026-01-01', end: '2026-01-31' },
  { limit: '20', start: '2026-01-31', end: '2026-01-31' },
  { limit: '20', type: 'INCOME', category: '3', account: '4' },
  { limit: '20', search: '  coffee  ' },
  { limit: '20', search: '12.50' },
];

const refused: [Query, string][] = [
  [{ limit: '0' }, 'limit'],
  [{ limit: '201' }, 'limit'],
  [{ limit: '20', offset: '1000001' }, 'offset'],
  [{ limit: '20', start: '2026-13-01' }, 'start'],
  [{ limit: '20', start: '2026-02-01', end: '2026-01-31' }, 'end'],
  [{ limit: '20', type: 'LOAN' }, 'type'],
  [{ limit: '20', category: '0' }, 'category'],
  [{ limit: '20', account: '0' }, 'account'],
  [{ limit: '20', search: 'x'.repeat(101) }, 'search'],
  [{ limit: '20', ordering: 'size' }, 'ordering'],
];

describe('the REST list query, parsed once', () => {
  it.each(accepted)('makes of %j what the service makes of it', (query) => {
    const service = serviceParse(query);
    expect(service.success).toBe(true);
    expect(restParse(query)).toEqual({ success: true, data: service.data });
  });

  it.each(refused)('refuses %j, naming %s, as the service refuses it', (query, field) => {
    expect(serviceParse(query).success).toBe(false);
    const rest = transactionListQuery.safeParse(query);
    expect(rest.success).toBe(false);
    expect(rest.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it('trims the search text, as the service does, before it reaches the statement', () => {
    expect(restParse({ limit: '20', search: '  coffee  ' }).data).toMatchObject({ search: 'coffee' });
  });
});
