import { type FormEvent, useState } from 'react';
import { Pager } from '../../components/pager';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { Link, navigate, useLocation, withQuery } from '../../lib/router';
import { trpc } from '../../lib/trpc';
import { ExportButtons } from './export-buttons';
import { TransactionForm } from './transaction-form';
import { type Transaction, TransactionTable } from './transaction-table';
import { useCursorPages } from './use-cursor-pages';
import { useDeleteTransaction } from './use-delete-transaction';

const PAGE_SIZE = 25;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const positiveId = (text: string | null) => {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : undefined;
};

function useFilters() {
  const location = useLocation();
  const q = location.query;
  const type = q.get('type');
  return {
    location,
    filters: {
      from: DATE.test(q.get('from') ?? '') ? (q.get('from') as string) : undefined,
      to: DATE.test(q.get('to') ?? '') ? (q.get('to') as string) : undefined,
      type: type === 'INCOME' || type === 'EXPENSE' ? (type as 'INCOME' | 'EXPENSE') : undefined,
      categoryId: positiveId(q.get('category')),
      accountId: positiveId(q.get('account')),
      search: q.get('search') || undefined,
    },
    highlight: Number(q.get('highlight')) || undefined,
    creating: q.get('new') === '1',
  };
}

export function TransactionsPage() {
  const { location, filters, highlight, creating } = useFilters();
  const categories = trpc.categories.list.useQuery();
  const accounts = trpc.accounts.list.useQuery();
  const pages = useCursorPages(JSON.stringify(filters));
  const list = trpc.transactions.list.useQuery(
    { ...filters, limit: PAGE_SIZE, cursor: pages.cursor, includeTotal: true },
    { placeholderData: (previous) => previous },
  );
  const [editing, setEditing] = useState<Transaction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const deletion = useDeleteTransaction(setNotice);

  const setFilter = (changes: Record<string, string | undefined>) =>
    navigate(withQuery(location, { ...changes, highlight: undefined }), { replace: true });
  const closeForm = () => {
    setEditing(null);
    if (creating) navigate(withQuery(location, { new: undefined }), { replace: true });
  };

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('search');
    setFilter({ search: typeof value === 'string' ? value.trim() : undefined });
  };

  const total = list.data?.total ?? 0;
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const formTitle = editing
    ? editing.transferId !== null
      ? 'Edit transfer'
      : 'Edit transaction'
    : 'New transaction';

  return (
    <div className="page">
      <div className="page-header">
        <h1>Transactions</h1>
        <div className="header-actions">
          <Link href="/import" className="button secondary">
            Import a file
          </Link>
          <button
            type="button"
            className="button"
            onClick={() => {
              setNotice(null);
              navigate(withQuery(location, { new: '1' }));
            }}
          >
            New transaction
          </button>
        </div>
      </div>

      {(creating || editing) && (
        <section className="card" aria-label={formTitle}>
          <h2>{formTitle}</h2>
          <TransactionForm
            key={editing?.id ?? 'new'}
            transaction={editing ?? undefined}
            preset={{ accountId: filters.accountId }}
            onCancel={closeForm}
            onDone={(message) => {
              setNotice(message);
              closeForm();
            }}
          />
        </section>
      )}

      <form className="filters card" onSubmit={onSearch} aria-label="Filter transactions">
        <label>
          From
          <input
            type="date"
            value={filters.from ?? ''}
            onChange={(e) => setFilter({ from: e.target.value })}
          />
        </label>
        <label>
          To
          <input type="date" value={filters.to ?? ''} onChange={(e) => setFilter({ to: e.target.value })} />
        </label>
        <label>
          Type
          <select value={filters.type ?? ''} onChange={(e) => setFilter({ type: e.target.value })}>
            <option value="">All</option>
            <option value="INCOME">Income</option>
            <option value="EXPENSE">Expenses</option>
          </select>
        </label>
        <label>
          Category
          <select value={filters.categoryId ?? ''} onChange={(e) => setFilter({ category: e.target.value })}>
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
          <select value={filters.accountId ?? ''} onChange={(e) => setFilter({ account: e.target.value })}>
            <option value="">All</option>
            {accounts.data?.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search
          <input
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
        {filtered && (
          <button
            type="button"
            className="button link"
            onClick={() => navigate(location.path, { replace: true })}
          >
            Clear filters
          </button>
        )}
      </form>

      <div className="list-toolbar">
        <p className="notice" role="status" aria-live="polite">
          {notice}
        </p>
        <ExportButtons filters={filters} />
      </div>

      {list.isPending ? (
        <Loading label="Loading transactions…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={filtered ? 'No transactions match these filters' : 'No transactions yet'}>
          <p>
            {filtered ? (
              'Try a wider date range or clear the filters.'
            ) : (
              <>
                Add your first income or expense, or <Link href="/import">import a bank file</Link>.
              </>
            )}
          </p>
        </EmptyState>
      ) : (
        <section aria-label="Transaction list">
          <TransactionTable
            items={list.data.items}
            busy={list.isFetching}
            highlight={highlight}
            showAccount={(accounts.data?.length ?? 0) > 1}
            onEdit={(transaction) => {
              setNotice(null);
              setEditing(transaction);
            }}
            onDelete={deletion.ask}
          />
          <Pager
            pageNumber={pages.pageNumber}
            pageSize={PAGE_SIZE}
            total={total}
            hasNext={Boolean(list.data.nextCursor)}
            onPrevious={pages.previous}
            onNext={() => pages.next(list.data.nextCursor)}
          />
        </section>
      )}

      {deletion.dialog}
    </div>
  );
}
