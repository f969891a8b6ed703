import { Money } from '../../components/money';
import { formatDate } from '../../lib/format';
import { Link } from '../../lib/router';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { describeTransaction, ruleFromTransactionHref } from './transaction-text';
import { TransferLabel } from './transfer-label';

export type Transaction = RouterOutputs['transactions']['list']['items'][number];

function Amount({ transaction }: { transaction: Transaction }) {
  const transfer = transaction.transferId !== null;
  const income = transaction.type === 'INCOME';
  const spoken = transfer ? (income ? 'Transfer in' : 'Transfer out') : income ? 'Income' : 'Expense';
  return (
    <td className={`num ${transfer ? 'transfer' : income ? 'income' : 'expense'}`}>
      <span className="visually-hidden">{spoken} </span>
      {income ? '+' : '−'}
      <Money amount={transaction.amount} />
    </td>
  );
}

/**
 * The transaction rows of the transactions page and of an account's register: payee, category (or where a
 * transfer went), and on the register the balance after each row.
 */
export function TransactionTable({
  items,
  busy,
  highlight,
  showAccount = false,
  showBalance = false,
  onEdit,
  onDelete,
}: {
  items: Transaction[];
  busy: boolean;
  highlight?: number;
  showAccount?: boolean;
  showBalance?: boolean;
  onEdit: (transaction: Transaction) => void;
  onDelete: (transaction: Transaction) => void;
}) {
  const accounts = trpc.accounts.list.useQuery(undefined, { enabled: showAccount });
  const accountName = (id: number) => accounts.data?.find((account) => account.id === id)?.name ?? '';
  return (
    <div className="table-wrap">
      <table className="transactions">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col" className="col-payee">
              Payee
            </th>
            <th scope="col">Category</th>
            <th scope="col" className="col-note">
              Note
            </th>
            {showAccount && (
              <th scope="col" className="col-account">
                Account
              </th>
            )}
            <th scope="col" className="num">
              Amount
            </th>
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
                <td className="date">{formatDate(t.date)}</td>
                <td className="col-payee">{t.payee}</td>
                <td>
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
