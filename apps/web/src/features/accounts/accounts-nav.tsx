import { useEffect, useId, useState } from 'react';
import { Money } from '../../components/money';
import { ErrorState } from '../../components/states';
import { Link, useLocation } from '../../lib/router';
import { type RouterOutputs, trpc } from '../../lib/trpc';

type Account = RouterOutputs['accounts']['list'][number];

function AccountLink({ account, current }: { account: Account; current: boolean }) {
  return (
    <li>
      <Link
        href={`/accounts/${account.id}`}
        className="account-link"
        aria-current={current ? 'page' : undefined}
      >
        <span className="account-name">{account.name}</span>
        <Money amount={account.balance} className={account.balance.startsWith('-') ? 'negative' : ''} />
      </Link>
    </li>
  );
}

/**
 * The accounts with their balances and the total, beside the page on a wide screen and folded into one line
 * above it on a phone. Archived accounts are folded away under their own heading.
 */
export function AccountsNav() {
  const { path } = useLocation();
  const accounts = trpc.accounts.list.useQuery();
  const balances = trpc.accounts.balances.useQuery();
  // On a phone the list opens on demand; on a wide screen it is always shown (see styles.css).
  const [open, setOpen] = useState(false);
  const listId = useId();
  // Following a link folds the list away again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes
  useEffect(() => setOpen(false), [path]);
  const openAccounts = accounts.data?.filter((account) => !account.archived) ?? [];
  const archived = accounts.data?.filter((account) => account.archived) ?? [];

  return (
    <nav className={`accounts-nav${open ? ' open' : ''}`} aria-label="Accounts">
      <button
        type="button"
        className="accounts-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((current) => !current)}
      >
        <span>Accounts</span>
        {balances.data ? <Money amount={balances.data.total} /> : <span aria-hidden="true">…</span>}
      </button>
      <div id={listId} className="accounts-panel">
        <h2 className="nav-heading">Accounts</h2>
        {accounts.isPending ? (
          <p className="muted" role="status">
            Loading accounts…
          </p>
        ) : accounts.isError ? (
          <ErrorState error={accounts.error} retry={() => void accounts.refetch()} />
        ) : openAccounts.length === 0 ? (
          <p className="muted">No open accounts.</p>
        ) : (
          <ul className="account-links">
            {openAccounts.map((account) => (
              <AccountLink key={account.id} account={account} current={path === `/accounts/${account.id}`} />
            ))}
          </ul>
        )}
        <p className="accounts-total">
          <span>Total</span>
          {balances.data ? <Money amount={balances.data.total} /> : <span aria-hidden="true">…</span>}
        </p>
        {archived.length > 0 && (
          <details className="archived-accounts">
            <summary>Archived ({archived.length})</summary>
            <ul className="account-links">
              {archived.map((account) => (
                <AccountLink
                  key={account.id}
                  account={account}
                  current={path === `/accounts/${account.id}`}
                />
              ))}
            </ul>
          </details>
        )}
        <p className="accounts-actions">
          <Link href="/accounts" aria-current={path === '/accounts' ? 'page' : undefined}>
            Add or manage accounts
          </Link>
        </p>
      </div>
    </nav>
  );
}
