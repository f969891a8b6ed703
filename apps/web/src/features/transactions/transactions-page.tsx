import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Pager } from '../../components/pager';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { countOf, formatMoney } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { useNotice } from '../../lib/notice';
import { Link, navigate, useLocation, withQuery } from '../../lib/router';
import { useProfile, useToday } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { BulkToolbar } from './bulk-toolbar';
import { ExportButtons } from './export-buttons';
import { ListFilters } from './list-filters';
import { DEFAULT_ORDERING, dateRangeProblem, filterChanges, nextOrdering, readListState } from './list-query';
import { ShortcutsDialog } from './shortcuts-dialog';
import { TransactionDialog } from './transaction-dialog';
import { defaultEntryDate } from './transaction-draft';
import { TransactionForm } from './transaction-form';
import { type Transaction, TransactionTable } from './transaction-table';
import { UndoToast } from './undo-toast';
import { useDeleteTransaction } from './use-delete-transaction';
import { useShortcuts } from './use-shortcuts';
import { useUndoableDelete } from './use-undoable-delete';

const PAGE_SIZE = 25;

interface Notice {
  text: string;
  error?: boolean;
}

/**
 * All transactions, filtered, sorted and paged — every bit of that in the address, so reload, Back and a
 * shared link show the same list. Rows can be selected for bulk changes; new and edited entries open in a
 * dialog where the user is; `n`, `/` and `?` are keyboard shortcuts.
 */
export function TransactionsPage() {
  const location = useLocation();
  const { filters, page, ordering, compact } = readListState(location.query);
  const highlight = Number(location.query.get('highlight')) || undefined;
  const creating = location.query.get('new') === '1';
  const locale = useLocale();
  const today = useToday();
  const currency = useProfile().data?.preferredCurrency ?? 'USD';
  const accounts = trpc.accounts.list.useQuery();
  const rangeProblem = dateRangeProblem(filters.from, filters.to, locale);
  const list = trpc.transactions.list.useQuery(
    {
      ...filters,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      includeTotal: true,
      includeSums: true,
      ...(ordering === DEFAULT_ORDERING ? {} : { ordering }),
    },
    // A reversed range is explained by the filters; the server would only refuse it.
    { placeholderData: (previous) => previous, enabled: rangeProblem === null },
  );
  // The rows are drawn from a deferred copy: when a page of data arrives, React draws the table in slices
  // that yield to taps and scrolls, not in one long task (a phone's main thread stays free).
  const data = useDeferredValue(list.data);
  const [editing, setEditing] = useState<Transaction | null>(null);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [notice, setNotice] = useNotice<Notice>();
  const say = (text: string, error?: boolean) => setNotice({ text, error });
  const deletion = useDeleteTransaction((text) => say(text, text.startsWith('Could not')));
  const undoable = useUndoableDelete((text) => say(text, true));
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const searchRef = useRef<HTMLInputElement>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const listHeading = useRef<HTMLHeadingElement>(null);

  // A new list (other filters, page or order) starts with nothing selected.
  const listKey = location.query.toString();
  const [selectionKey, setSelectionKey] = useState(listKey);
  if (selectionKey !== listKey) {
    setSelectionKey(listKey);
    setSelected(new Set());
  }

  const go = (changes: Record<string, string | undefined>) => navigate(withQuery(location, changes));
  // `?new=1` makes the dialog a link (the dashboard's "Add a transaction"); opening it is no step to go Back to.
  const openNew = () => {
    setNotice(null);
    navigate(withQuery(location, { new: '1' }), { replace: true });
  };
  const closeForm = () => {
    setEditing(null);
    if (creating) navigate(withQuery(location, { new: undefined }), { replace: true });
  };

  useShortcuts({
    n: openNew,
    '/': () => {
      // On a phone the search is in the closed filter drawer: open it first.
      flushSync(() => setFiltersOpen(true));
      searchRef.current?.focus();
    },
    '?': () => setShowShortcuts(true),
  });

  const items = useMemo(
    () => data?.items.filter((item) => !undoable.hidden.has(item.id)) ?? [],
    [data, undoable.hidden],
  );
  const total = data?.total ?? 0;
  const sums = data?.sums;
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const formTitle = editing
    ? editing.transferId !== null
      ? 'Edit transfer'
      : 'Edit transaction'
    : 'New transaction';
  const money = (amount: string) => formatMoney(amount, currency, locale);
  const selectedIds = items.filter((item) => selected.has(item.id)).map((item) => item.id);

  return (
    <div className="page transactions-page">
      <div className="page-header">
        <h1>Transactions</h1>
        <div className="header-actions">
          <Link href="/import" className="button secondary">
            Import a file
          </Link>
          <button type="button" className="button" onClick={openNew} aria-keyshortcuts="n">
            New transaction
          </button>
        </div>
      </div>

      <ListFilters
        filters={filters}
        ordering={ordering}
        searchRef={searchRef}
        open={filtersOpen}
        onToggle={() => setFiltersOpen((current) => !current)}
        onChange={(changes) => go(filterChanges(changes))}
        onClear={() => navigate(compact ? `${location.path}?view=compact` : location.path)}
      />

      <div className="list-toolbar">
        <p className={`notice${notice?.error ? ' notice-error' : ''}`} role="status" aria-live="polite">
          {notice?.text}
        </p>
        <div className="list-tools">
          <button
            type="button"
            className="button secondary small"
            aria-pressed={compact}
            onClick={() => go({ view: compact ? undefined : 'compact' })}
          >
            Compact rows
          </button>
          <button
            type="button"
            className="button link small shortcuts-button"
            aria-keyshortcuts="?"
            onClick={() => setShowShortcuts(true)}
          >
            Keyboard shortcuts
          </button>
          <ExportButtons filters={filters} />
        </div>
      </div>

      {selectedIds.length > 0 && (
        <BulkToolbar
          ids={selectedIds}
          onDelete={() => {
            undoable.remove(selectedIds);
            setSelected(new Set());
            listHeading.current?.focus();
          }}
          onDone={say}
          onClear={() => setSelected(new Set())}
        />
      )}

      <section aria-labelledby="transaction-list-title" className="transaction-list">
        <h2
          id="transaction-list-title"
          className="visually-hidden"
          tabIndex={-1}
          ref={listHeading}
          data-focus-fallback
        >
          Transaction list
        </h2>
        {rangeProblem ? (
          <EmptyState level={2} title="These dates do not make a range">
            <p>{rangeProblem}</p>
          </EmptyState>
        ) : list.isError ? (
          <ErrorState error={list.error} retry={() => void list.refetch()} />
        ) : data === undefined ? (
          <Loading label="Loading transactions…" />
        ) : items.length === 0 ? (
          page > 1 && data.items.length === 0 ? (
            <EmptyState level={2} title={`There is no page ${page}`}>
              <p>
                <Link href={withQuery(location, { page: undefined })}>Go to the first page</Link>.
              </p>
            </EmptyState>
          ) : (
            <EmptyState
              level={2}
              title={filtered ? 'No transactions match these filters' : 'No transactions yet'}
            >
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
          )
        ) : (
          <>
            <p className="list-summary">
              {countOf(total, 'transaction', undefined, locale)}
              {sums && (
                <>
                  {' · '}
                  <span className="income">income +{money(sums.income)}</span>
                  {' · '}
                  <span className="expense">expenses −{money(sums.expense)}</span>
                </>
              )}
            </p>
            <TransactionTable
              items={items}
              busy={list.isFetching}
              highlight={highlight}
              compact={compact}
              showAccount={(accounts.data?.length ?? 0) > 1}
              sorting={{
                ordering,
                onSort: (field) => go({ ordering: nextOrdering(ordering, field), page: undefined }),
              }}
              selection={{
                selected,
                toggle: (id) =>
                  setSelected((current) => {
                    const next = new Set(current);
                    if (next.has(id)) next.delete(id);
                    else next.add(id);
                    return next;
                  }),
                toggleAll: (ids, on) => setSelected(on ? new Set(ids) : new Set()),
              }}
              onEdit={(transaction) => {
                setNotice(null);
                setEditing(transaction);
              }}
              onDelete={deletion.ask}
            />
            <Pager
              pageNumber={page}
              pageSize={PAGE_SIZE}
              total={total}
              hasNext={page * PAGE_SIZE < total}
              onPrevious={() => go({ page: page > 2 ? String(page - 1) : undefined })}
              onNext={() => go({ page: String(page + 1) })}
            />
          </>
        )}
      </section>

      {(creating || editing) && (
        <TransactionDialog title={formTitle} onClose={closeForm}>
          <TransactionForm
            key={editing?.id ?? 'new'}
            transaction={editing ?? undefined}
            preset={{ accountId: filters.accountId, date: defaultEntryDate(today, filters) }}
            onCancel={closeForm}
            onSaved={(text) => say(text)}
            onDone={(text) => {
              say(text);
              closeForm();
            }}
          />
        </TransactionDialog>
      )}
      {showShortcuts && <ShortcutsDialog onClose={() => setShowShortcuts(false)} />}
      <UndoToast pending={undoable.pending} onUndo={undoable.undo} />
      {deletion.dialog}
    </div>
  );
}
