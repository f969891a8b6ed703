import { type FormEvent, useEffect, useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Money } from '../../components/money';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { navigate, useLocation, withQuery } from '../../lib/router';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { TransactionForm } from './transaction-form';
import { useTransactionMutations } from './use-transaction-mutations';

type Transaction = RouterOutputs['transactions']['list']['items'][number];

const PAGE_SIZE = 25;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function useFilters() {
  const location = useLocation();
  const q = location.query;
  const type = q.get('type');
  const category = Number(q.get('category'));
  return {
    location,
    filters: {
      from: DATE.test(q.get('from') ?? '') ? (q.get('from') as string) : undefined,
      to: DATE.test(q.get('to') ?? '') ? (q.get('to') as string) : undefined,
      type: type === 'INCOME' || type === 'EXPENSE' ? (type as 'INCOME' | 'EXPENSE') : undefined,
      categoryId: Number.isInteger(category) && category > 0 ? category : undefined,
      search: q.get('search') || undefined,
    },
    highlight: Number(q.get('highlight')) || undefined,
    creating: q.get('new') === '1',
  };
}

export function TransactionsPage() {
  const { location, filters, highlight, creating } = useFilters();
  const categories = trpc.categories.list.useQuery();
  // Keyset pages: each page starts after the last row of the previous one, so page 200 costs what page 1 does.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts again from the first page
  useEffect(() => setCursors([undefined]), [filterKey]);
  const cursor = cursors.at(-1);
  const list = trpc.transactions.list.useQuery(
    { ...filters, limit: PAGE_SIZE, cursor, includeTotal: true },
    { placeholderData: (previous) => previous },
  );
  const { create, update, remove } = useTransactionMutations();
  const [editing, setEditing] = useState<Transaction | null>(null);
  const [deleting, setDeleting] = useState<Transaction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

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

  const confirmDelete = () => {
    const target = deleting;
    setDeleting(null);
    if (!target) return;
    remove.mutate(
      { id: target.id },
      {
        onSuccess: () => setNotice('Transaction deleted.'),
        onError: (error) => setNotice(`Could not delete: ${messageOf(error)}`),
      },
    );
  };

  const total = list.data?.total ?? 0;
  const pageNumber = cursors.length;
  const filtered = Object.values(filters).some((value) => value !== undefined);

  return (
    <div className="page">
      <div className="page-header">
        <h1>Transactions</h1>
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

      {(creating || editing) && (
        <section className="card" aria-label={editing ? 'Edit transaction' : 'New transaction'}>
          <h2>{editing ? 'Edit transaction' : 'New transaction'}</h2>
          <TransactionForm
            key={editing?.id ?? 'new'}
            transaction={editing ?? undefined}
            saving={create.isPending || update.isPending}
            onCancel={closeForm}
            onSave={async (values) => {
              if (editing) await update.mutateAsync({ id: editing.id, ...values });
              else await create.mutateAsync(values);
              setNotice(editing ? 'Transaction updated.' : 'Transaction added.');
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
          Note contains
          <input type="search" name="search" defaultValue={filters.search ?? ''} key={filters.search ?? ''} />
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

      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>

      {list.isPending ? (
        <Loading label="Loading transactions…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={filtered ? 'No transactions match these filters' : 'No transactions yet'}>
          <p>
            {filtered ? 'Try a wider date range or clear the filters.' : 'Add your first income or expense.'}
          </p>
        </EmptyState>
      ) : (
        <section aria-label="Transaction list">
          <div className="table-wrap">
            <table className="transactions">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Category</th>
                  <th scope="col">Note</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody aria-busy={list.isFetching}>
                {list.data.items.map((t) => (
                  <tr key={t.id} className={t.id === highlight ? 'highlight' : undefined}>
                    <td>{formatDate(t.date)}</td>
                    <td>{t.categoryName}</td>
                    <td className="note">{t.note}</td>
                    <td className={`num ${t.type === 'INCOME' ? 'income' : 'expense'}`}>
                      <span className="visually-hidden">{t.type === 'INCOME' ? 'Income' : 'Expense'} </span>
                      {t.type === 'INCOME' ? '+' : '−'}
                      <Money amount={t.amount} />
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="button link"
                        onClick={() => setEditing(t)}
                        aria-label={`Edit ${t.categoryName} ${t.amount} on ${t.date}`}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button link danger"
                        onClick={() => setDeleting(t)}
                        aria-label={`Delete ${t.categoryName} ${t.amount} on ${t.date}`}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              className="button secondary small"
              disabled={pageNumber === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              Previous
            </button>
            <span>
              Page {pageNumber} of {Math.max(1, Math.ceil(total / PAGE_SIZE))} · {total} transactions
            </span>
            <button
              type="button"
              className="button secondary small"
              disabled={!list.data.nextCursor}
              onClick={() => setCursors((c) => [...c, list.data.nextCursor ?? undefined])}
            >
              Next
            </button>
          </nav>
        </section>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title="Delete this transaction?"
        message={
          deleting
            ? `${deleting.categoryName}, ${deleting.amount} on ${formatDate(deleting.date)}. This cannot be undone.`
            : ''
        }
        confirmLabel="Delete"
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
