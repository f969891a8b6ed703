import { useId, useState } from 'react';
import { messageOf } from '../../lib/errors';
import { countOf } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { trpc } from '../../lib/trpc';
import { useTransactionMutations } from './use-transaction-mutations';

/**
 * What can be done to the selected rows at once: delete them (with a moment to undo, see
 * use-undoable-delete.ts), give them another category, or move them to another account. One request each,
 * all or nothing.
 */
export function BulkToolbar({
  ids,
  onDelete,
  onDone,
  onClear,
}: {
  ids: number[];
  onDelete: () => void;
  /** The outcome, as a sentence for the page's notice; `error` when it failed. */
  onDone: (message: string, error?: boolean) => void;
  onClear: () => void;
}) {
  const locale = useLocale();
  const categories = trpc.categories.list.useQuery();
  const accounts = trpc.accounts.list.useQuery();
  const { refresh } = useTransactionMutations();
  const bulk = trpc.transactions.bulk.useMutation({ onSettled: refresh });
  const [categoryId, setCategoryId] = useState('');
  const [accountId, setAccountId] = useState('');
  const id = useId();
  const count = countOf(ids.length, 'transaction', undefined, locale);

  const apply = (change: { categoryId: number } | { accountId: number }, done: string) =>
    bulk.mutate(
      { ids, action: 'update', ...change },
      {
        onSuccess: () => {
          onDone(done);
          onClear();
        },
        onError: (error) => onDone(`Nothing was changed: ${messageOf(error)}`, true),
      },
    );
  const categoryName = categories.data?.find((category) => String(category.id) === categoryId)?.name;
  const accountName = accounts.data?.find((account) => String(account.id) === accountId)?.name;

  return (
    <section className="bulk-toolbar card" aria-label="Selected transactions">
      <p className="bulk-count">
        <strong>{count} selected</strong>{' '}
        <button type="button" className="button link" onClick={onClear}>
          Clear selection
        </button>
      </p>
      <button type="button" className="button danger" disabled={bulk.isPending} onClick={onDelete}>
        Delete {count}
      </button>
      <div className="bulk-action">
        <label htmlFor={`${id}-category`}>New category</label>
        <select id={`${id}-category`} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
          <option value="">Choose a category…</option>
          {categories.data?.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button secondary"
          disabled={bulk.isPending || categoryId === ''}
          onClick={() => apply({ categoryId: Number(categoryId) }, `${count} moved to “${categoryName}”.`)}
        >
          Change category
        </button>
      </div>
      <div className="bulk-action">
        <label htmlFor={`${id}-account`}>Account</label>
        <select id={`${id}-account`} value={accountId} onChange={(e) => setAccountId(e.target.value)}>
          <option value="">Choose an account…</option>
          {accounts.data
            ?.filter((account) => !account.archived)
            .map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
        </select>
        <button
          type="button"
          className="button secondary"
          disabled={bulk.isPending || accountId === ''}
          onClick={() => apply({ accountId: Number(accountId) }, `${count} moved to ${accountName}.`)}
        >
          Move to account
        </button>
      </div>
    </section>
  );
}
