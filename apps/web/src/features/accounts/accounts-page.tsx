import { useState } from 'react';
import { Money } from '../../components/money';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { formatCount } from '../../lib/intl-formats';
import { useLocale } from '../../lib/locale';
import { Link, navigate } from '../../lib/router';
import { createAccountInput } from '../../lib/schemas';
import { trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';
import { type AccountDraft, AccountFields, accountValues, openingBalanceErrors } from './account-fields';
import { KIND_LABELS } from './kinds';

const EMPTY: AccountDraft = { name: '', kind: 'CHECKING', openingBalance: '', openingDate: '' };

function NewAccountForm() {
  const utils = trpc.useUtils();
  const locale = useLocale();
  const [draft, setDraft] = useState(EMPTY);
  const create = trpc.accounts.create.useMutation();
  const { errors, problem, submit } = useFormSubmit(
    createAccountInput,
    () => accountValues(draft, locale),
    async (data) => {
      const account = await create.mutateAsync(data);
      await utils.accounts.invalidate();
      navigate(`/accounts/${account.id}`);
    },
    () => openingBalanceErrors(draft, locale),
  );
  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-labelledby="new-account-title">
      <h2 id="new-account-title">Add an account</h2>
      <FormError message={problem} />
      <AccountFields
        draft={draft}
        errors={errors}
        onChange={(changes) => setDraft((current) => ({ ...current, ...changes }))}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add account'}
        </button>
      </div>
    </form>
  );
}

/** Every account, open and archived, with its balance; and the form that adds one. */
export function AccountsPage() {
  const locale = useLocale();
  const accounts = trpc.accounts.list.useQuery();
  const balances = trpc.accounts.balances.useQuery();
  return (
    <div className="page">
      <div className="page-header">
        <h1>Accounts</h1>
        <Link href="/import" className="button secondary">
          Import a bank file
        </Link>
      </div>
      <NewAccountForm />
      <section aria-labelledby="all-accounts-title">
        <h2 id="all-accounts-title">Your accounts</h2>
        {accounts.isPending ? (
          <Loading label="Loading accounts…" />
        ) : accounts.isError ? (
          <ErrorState error={accounts.error} retry={() => void accounts.refetch()} />
        ) : accounts.data.length === 0 ? (
          <EmptyState title="No accounts yet">
            <p>Add your checking account, savings, cards or cash above.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Transactions
                  </th>
                  <th scope="col" className="num">
                    Balance
                  </th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.map((account) => (
                  <tr key={account.id} className={account.archived ? 'archived' : undefined}>
                    <td>
                      <Link href={`/accounts/${account.id}`}>{account.name}</Link>
                      {account.isDefault && <span className="badge">default</span>}
                      {account.archived && <span className="badge muted-badge">archived</span>}
                    </td>
                    <td>{KIND_LABELS[account.kind]}</td>
                    <td className="num">{formatCount(account.transactionCount, locale)}</td>
                    <td className="num">
                      <Money amount={account.balance} />
                    </td>
                  </tr>
                ))}
              </tbody>
              {balances.data && (
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={3}>
                      Total of the open accounts
                    </th>
                    <td className="num">
                      <Money amount={balances.data.total} />
                    </td>
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
