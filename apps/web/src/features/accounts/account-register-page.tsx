import { useEffect, useState } from 'react';
import { Money } from '../../components/money';
import { Pager } from '../../components/pager';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { countOf } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { useNotice } from '../../lib/notice';
import { Link, navigate, useLocation, withQuery } from '../../lib/router';
import { trpc } from '../../lib/trpc';
import { readPositiveInteger } from '../../lib/url-params';
import { TransactionDialog } from '../transactions/transaction-dialog';
import { type EntryKind, TransactionForm } from '../transactions/transaction-form';
import { type Transaction, TransactionTable } from '../transactions/transaction-table';
import { useDeleteTransaction } from '../transactions/use-delete-transaction';
import { AccountSettings } from './account-settings';
import { KIND_LABELS } from './kinds';

const PAGE_SIZE = 25;

/**
 * One account's register: its transactions newest first with the balance after each, and its details. The
 * page is in the address (`?page=3`), so reload and Back stay on it.
 */
export function AccountRegisterPage({ id }: { id: number }) {
  const location = useLocation();
  const locale = useLocale();
  const page = readPositiveInteger(location.query.get('page') ?? '') ?? 1;
  const account = trpc.accounts.byId.useQuery({ id });
  // The account as the only filter: that is when each row carries its running balance.
  const list = trpc.transactions.list.useQuery(
    { accountId: id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, includeTotal: true },
    { placeholderData: (previous) => previous },
  );
  const [form, setForm] = useState<{ kind?: EntryKind; editing?: Transaction } | null>(null);
  const [notice, setNotice] = useNotice<string>();
  const deletion = useDeleteTransaction(setNotice);
  const name = account.data?.name;

  useEffect(() => {
    if (name) document.title = `${name} · finsight`;
  }, [name]);

  if (account.isPending) return <Loading label="Loading the account…" />;
  if (account.isError)
    return (
      <div className="page">
        <h1>Account</h1>
        <ErrorState error={account.error} retry={() => void account.refetch()} />
        <p>
          <Link href="/accounts">All accounts</Link>
        </p>
      </div>
    );

  const open = (next: { kind?: EntryKind; editing?: Transaction }) => {
    setNotice(null);
    setForm(next);
  };
  const total = list.data?.total ?? 0;
  const formTitle = form?.editing
    ? form.editing.transferId !== null
      ? 'Edit transfer'
      : 'Edit transaction'
    : form?.kind === 'TRANSFER'
      ? 'New transfer'
      : 'New transaction';

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>
            {account.data.name}
            {account.data.isDefault && <span className="badge">default</span>}
            {account.data.archived && <span className="badge muted-badge">archived</span>}
          </h1>
          <p className="muted account-kind">
            {KIND_LABELS[account.data.kind]} ·{' '}
            {countOf(account.data.transactionCount, 'transaction', undefined, locale)}
          </p>
        </div>
        <div className="card stat account-balance">
          <span className="label">Balance</span>
          <Money amount={account.data.balance} className="value" />
        </div>
      </div>
      <div className="header-actions register-actions">
        <button type="button" className="button" onClick={() => open({ kind: 'EXPENSE' })}>
          New transaction
        </button>
        <button type="button" className="button secondary" onClick={() => open({ kind: 'TRANSFER' })}>
          Transfer
        </button>
        <Link href={`/import?account=${id}`} className="button secondary">
          Import into this account
        </Link>
        <a href="#account-settings-title" className="button link">
          Account details
        </a>
      </div>

      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>

      {list.isPending ? (
        <Loading label="Loading transactions…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState level={2} title="No transactions in this account yet">
          <p>
            Add one, record a transfer, or <Link href={`/import?account=${id}`}>import a bank file</Link>.
          </p>
        </EmptyState>
      ) : (
        <section aria-label="Register">
          <TransactionTable
            items={list.data.items}
            busy={list.isFetching}
            showBalance
            onEdit={(transaction) => open({ editing: transaction })}
            onDelete={deletion.ask}
          />
          <Pager
            pageNumber={page}
            pageSize={PAGE_SIZE}
            total={total}
            hasNext={page * PAGE_SIZE < total}
            onPrevious={() =>
              navigate(withQuery(location, { page: page > 2 ? String(page - 1) : undefined }))
            }
            onNext={() => navigate(withQuery(location, { page: String(page + 1) }))}
          />
        </section>
      )}

      <AccountSettings account={account.data} />

      {form && (
        <TransactionDialog title={formTitle} onClose={() => setForm(null)}>
          <TransactionForm
            key={form.editing?.id ?? form.kind}
            transaction={form.editing}
            preset={{ kind: form.kind, accountId: id }}
            onCancel={() => setForm(null)}
            onSaved={setNotice}
            onDone={(message) => {
              setNotice(message);
              setForm(null);
            }}
          />
        </TransactionDialog>
      )}

      {deletion.dialog}
    </div>
  );
}
