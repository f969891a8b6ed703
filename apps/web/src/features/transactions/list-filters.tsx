import { type FormEvent, type RefObject, useId, useState } from 'react';
import { useLocale } from '../../lib/locale';
import { trpc } from '../../lib/trpc';
import { dateRangeProblem, type ListFilters as Filters, ORDERINGS, type Ordering } from './list-query';

const ORDERING_LABELS: Record<Ordering, string> = {
  '-date': 'Newest first',
  date: 'Oldest first',
  '-amount': 'Largest amount first',
  amount: 'Smallest amount first',
  payee: 'Payee A to Z',
  '-payee': 'Payee Z to A',
  category: 'Category A to Z',
  '-category': 'Category Z to A',
};

/**
 * The list's filters. Each change goes into the address at once (so Back undoes it), except a date range
 * that ends before it starts: that one is explained here and nothing is asked of the server. On a phone the
 * filters sit behind a "Filters" button.
 */
export function ListFilters({
  filters,
  ordering,
  searchRef,
  open,
  onToggle,
  onChange,
  onClear,
}: {
  filters: Filters;
  ordering: Ordering;
  searchRef: RefObject<HTMLInputElement | null>;
  /** On a phone: whether the drawer is open. */
  open: boolean;
  onToggle: () => void;
  onChange: (changes: Record<string, string | undefined>) => void;
  onClear: () => void;
}) {
  const locale = useLocale();
  const categories = trpc.categories.list.useQuery();
  const accounts = trpc.accounts.list.useQuery();
  // The range as typed; it reaches the address only when it makes sense.
  const [range, setRange] = useState({ from: filters.from ?? '', to: filters.to ?? '' });
  const [rangeOf, setRangeOf] = useState({ from: filters.from, to: filters.to });
  if (rangeOf.from !== filters.from || rangeOf.to !== filters.to) {
    // The address changed (Back, Clear filters): show its range.
    setRangeOf({ from: filters.from, to: filters.to });
    setRange({ from: filters.from ?? '', to: filters.to ?? '' });
  }
  const problem = dateRangeProblem(range.from || undefined, range.to || undefined, locale);
  const id = useId();
  const panelId = `${id}-panel`;
  const problemId = `${id}-range`;

  const setDate = (key: 'from' | 'to', value: string) => {
    const next = { ...range, [key]: value };
    setRange(next);
    if (!dateRangeProblem(next.from || undefined, next.to || undefined, locale))
      onChange({ from: next.from, to: next.to });
  };
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('search');
    onChange({ search: typeof value === 'string' ? value.trim() : undefined });
  };
  const active = Object.values(filters).filter((value) => value !== undefined).length;

  return (
    <div className="list-filters">
      <button
        type="button"
        className="button secondary filters-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={onToggle}
      >
        Filters{active > 0 ? ` (${active})` : ''}
      </button>
      <form
        id={panelId}
        className={`filters card${open ? ' filters-open' : ''}`}
        onSubmit={onSearch}
        aria-label="Filter transactions"
        noValidate
      >
        <label>
          From
          <input type="date" value={range.from} onChange={(e) => setDate('from', e.target.value)} />
        </label>
        <label>
          To
          <input
            type="date"
            value={range.to}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? problemId : undefined}
            onChange={(e) => setDate('to', e.target.value)}
          />
        </label>
        <label>
          Type
          <select value={filters.type ?? ''} onChange={(e) => onChange({ type: e.target.value })}>
            <option value="">All</option>
            <option value="INCOME">Income</option>
            <option value="EXPENSE">Expenses</option>
          </select>
        </label>
        <label>
          Category
          <select value={filters.categoryId ?? ''} onChange={(e) => onChange({ category: e.target.value })}>
            <option value="">All</option>
            {categories.data?.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Account
          <select value={filters.accountId ?? ''} onChange={(e) => onChange({ account: e.target.value })}>
            <option value="">All</option>
            {accounts.data?.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        </label>
        <label className="sort-select">
          Sort by
          <select value={ordering} onChange={(e) => onChange({ ordering: e.target.value })}>
            {ORDERINGS.map((value) => (
              <option key={value} value={value}>
                {ORDERING_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="search-field">
          Search
          <input
            ref={searchRef}
            type="search"
            name="search"
            placeholder="Payee, note, category or amount"
            defaultValue={filters.search ?? ''}
            key={filters.search ?? ''}
          />
        </label>
        <button type="submit" className="button secondary">
          Search
        </button>
        {(active > 0 || range.from || range.to) && (
          <button
            type="button"
            className="button link"
            onClick={() => {
              setRange({ from: '', to: '' });
              onClear();
            }}
          >
            Clear filters
          </button>
        )}
        {problem && (
          <p id={problemId} className="form-error range-problem" role="alert">
            {problem}
          </p>
        )}
      </form>
    </div>
  );
}
