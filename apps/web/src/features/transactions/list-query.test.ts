import { describe, expect, it } from 'vitest';
import { dateRangeProblem, filterChanges, nextOrdering, readListState } from './list-query';

describe('readListState', () => {
  it('reads filters, page, ordering and density from the address', () => {
    expect(
      readListState(
        new URLSearchParams(
          'from=2026-03-01&to=2026-03-31&type=EXPENSE&category=3&account=2&search=+rewe+&page=4&ordering=-amount&view=compact',
        ),
      ),
    ).toEqual({
      filters: {
        from: '2026-03-01',
        to: '2026-03-31',
        type: 'EXPENSE',
        categoryId: 3,
        accountId: 2,
        search: 'rewe',
      },
      page: 4,
      ordering: '-amount',
      compact: true,
    });
  });

  it('falls back to the defaults for what it cannot read', () => {
    expect(
      readListState(new URLSearchParams('from=2026-02-31&type=BOTH&category=x&page=0&ordering=colour')),
    ).toEqual({
      filters: {
        from: undefined,
        to: undefined,
        type: undefined,
        categoryId: undefined,
        accountId: undefined,
        search: undefined,
      },
      page: 1,
      ordering: '-date',
      compact: false,
    });
  });
});

describe('filterChanges', () => {
  it('starts a changed list again at page 1', () => {
    expect(filterChanges({ type: 'INCOME' })).toEqual({
      type: 'INCOME',
      page: undefined,
      highlight: undefined,
    });
  });
});

describe('dateRangeProblem', () => {
  it('says in words which end date to pick', () => {
    expect(dateRangeProblem('2026-03-03', '2026-03-01', 'en-GB')).toBe(
      'The end date is before the start date. Pick an end date on or after 3 March 2026.',
    );
    expect(dateRangeProblem('2026-03-03', '2026-03-03', 'en-GB')).toBeNull();
    expect(dateRangeProblem(undefined, '2026-03-01', 'en-GB')).toBeNull();
  });
});

describe('nextOrdering', () => {
  it('turns the sorted column around, and starts dates and amounts largest first, names A to Z', () => {
    expect(nextOrdering('-date', 'date')).toBe('date');
    expect(nextOrdering('date', 'date')).toBe('-date');
    expect(nextOrdering('-date', 'amount')).toBe('-amount');
    expect(nextOrdering('-date', 'payee')).toBe('payee');
    expect(nextOrdering('payee', 'payee')).toBe('-payee');
    expect(nextOrdering('-payee', 'category')).toBe('category');
  });
});
