import { Money } from '../../components/money';
import { formatDate } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { Link } from '../../lib/router';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { type Ordering, type SortField, sortOf } from './list-query';
import { describeTransaction, ruleFromTransactionHref } from './transaction-text';
import { TransferLabel } from './transfer-label';
import './transactions.css';

export type Transaction = RouterOutputs['transactions']['list']['items'][number];

function Amount({ transaction }: { transaction: Transaction }) {
  const transfer = transaction.transferId !== null;
  const income = transaction.type === 'INCOME';
  const spoken = transfer ? (income ? 'Transfer in' : 'Transfer out') : income ? 'Income' : 'Expense';
  return (
    <td className={`num cell-amount ${transfer ? 'transfer' : income ? 'income' : 'expense'}`}>
      <span className="visually-hidden">{spoken} </span>
      {income ? '+' : '−'}
      <Money amount={transaction.amount} />
    </td>
  );
}

export interface Selection {
  selected: ReadonlySet<number>;
  toggle: (id: number) => void;
  /** Selects every row shown, or clears them all. */
  toggleAll: (ids: number[], on: boolean) => void;
}

export interface Sorting {
  ordering: Ordering;
  onSort: (field: SortField) => void;
}

const SORT_LABELS: Record<SortField, string> = {
  date: 'Date',
  payee: 'Payee',
  category: 'Category',
  amount: 'Amount',
};

function Header({ field, sorting, className }: { field: SortField; sorting?: Sorting; className?: string }) {
  const label = SORT_LABELS[field];
  if (!sorting)
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  const sorted = sortOf(sorting.ordering);
  const active = sorted.field === field;
  const direction = active ? (sorted.descending ? 'descending' : 'ascending') : undefined;
  return (
    <th scope="col" className={className} aria-sort={direction ?? 'none'}>
      <button type="button" className="sort-button" onClick={() => sorting.onSort(field)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sorted.descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

/**
 * The transaction rows of the transactions page and of an account's register: payee, category (or where a
 * transfer went), and on the register the balance after each row. With `sorting` the headers sort; with
 * `selection` each row has a checkbox. On a phone each row is a card (see transactions.css).
 */
export function TransactionTable({
  items,
  busy,
  highlight,
  showAccount = false,
  showBalance = false,
  compact = false,
  sorting,
  selection,
  onEdit,
  onDelete,
}: {
  items: Transaction[];
  busy: boolean;
  highlight?: number;
  showAccount?: boolean;
  showBalance?: boolean;
  compact?: boolean;
  sorting?: Sorting;
  selection?: Selection;
  onEdit: (transaction: Transaction) => void;
  onDelete: (transaction: Transaction) => void;
}) {
  const locale = useLocale();
  const accounts = trpc.accounts.list.useQuery(undefined, { enabled: showAccount });
  const accountName = (id: number) => accounts.data?.find((account) => account.id === id)?.name ?? '';
  const ids = items.map((item) => item.id);
  const selectedHere = selection ? ids.filter((id) => selection.selected.has(id)).length : 0;
  const allSelected = ids.length > 0 && selectedHere === ids.length;
  return (
    <div className="table-wrap">
      <table className={`transactions register${compact ? ' compact' : ''}`}>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="cell-select">
                <label className="check-target">
                  <input
                    type="checkbox"
                    checked={allSelected}
                    ref={(input) => {
                      if (input) input.indeterminate = selectedHere > 0 && !allSelected;
                    }}
                    onChange={(event) => selection.toggleAll(ids, event.target.checked)}
                  />
                  <span className="visually-hidden">Select all transactions on this page</span>
                </label>
              </th>
            )}
            <Header field="date" sorting={sorting} className="col-date" />
            <Header field="payee" sorting={sorting} className="col-payee" />
            <Header field="category" sorting={sorting} className="col-category" />
            <th scope="col" className="col-note">
              Note
            </th>
            {showAccount && (
              <th scope="col" className="col-account">
                Account
              </th>
            )}
            <Header field="amount" sorting={sorting} className="num" />
            {showBalance && (
              <th scope="col" className="num">
                Balance
              </th>
            )}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody aria-busy={busy}>
          {items.map((t) => {
            const described = describeTransaction(t);
            return (
              <tr key={t.id} className={t.id === highlight ? 'highlight' : undefined}>
                {selection && (
                  <td className="cell-select">
                    <label className="check-target">
                      <input
                        type="checkbox"
                        checked={selection.selected.has(t.id)}
                        onChange={() => selection.toggle(t.id)}
                      />
                      <span className="visually-hidden">Select {described}</span>
                    </label>
                  </td>
                )}
                <td className="date">{formatDate(t.date, locale)}</td>
                <td className="col-payee">{t.payee}</td>
                <td className="cell-category">
                  {/* On a phone the payee column gives way, and the payee shows here. */}
                  {t.payee && <span className="payee-inline">{t.payee}</span>}
                  {t.transferId !== null ? (
                    <TransferLabel type={t.type} transferId={t.transferId} />
                  ) : (
                    t.categoryName
                  )}
                </td>
                <td className="note col-note">{t.note}</td>
                {showAccount && (
                  <td className="col-account">
                    <Link href={`/accounts/${t.accountId}`}>{accountName(t.accountId)}</Link>
                  </td>
                )}
                <Amount transaction={t} />
                {showBalance && (
                  <td className="num running-balance">
                    {t.runningBalance !== undefined && <Money amount={t.runningBalance} />}
                  </td>
                )}
                <td className="row-actions">
                  <button
                    type="button"
                    className="button link"
                    onClick={() => onEdit(t)}
                    aria-label={`Edit ${described}`}
                  >
                    Edit
                  </button>
                  {t.transferId === null && (
                    <Link
                      className="button link"
                      href={ruleFromTransactionHref(t)}
                      aria-label={`Create a rule from ${described}`}
                    >
                      Rule
                    </Link>
                  )}
                  <button
                    type="button"
                    className="button link danger"
                    onClick={() => onDelete(t)}
                    aria-label={`Delete ${described}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
