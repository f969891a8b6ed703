import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FormError } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { formatAmountInput, useLocale } from '../../lib/locale';
import { useNotice } from '../../lib/notice';
import { navigate } from '../../lib/router';
import { updateAccountInput } from '../../lib/schemas';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';
import { type AccountDraft, AccountFields, accountValues, openingBalanceErrors } from './account-fields';

type Account = RouterOutputs['accounts']['byId'];

const draftOf = (account: Account, locale: string): AccountDraft => ({
  name: account.name,
  kind: account.kind,
  openingBalance: formatAmountInput(account.openingBalance, locale),
  openingDate: account.openingDate ?? '',
});

/** Edit the account; archive it, make it the default, or delete it (the server says when it cannot). */
export function AccountSettings({ account }: { account: Account }) {
  const utils = trpc.useUtils();
  const locale = useLocale();
  const [draft, setDraft] = useState(() => draftOf(account, locale));
  const [notice, setNotice] = useNotice<{ text: string; error: boolean }>();
  const [deleting, setDeleting] = useState(false);
  const update = trpc.accounts.update.useMutation({ onSettled: () => utils.accounts.invalidate() });
  const remove = trpc.accounts.delete.useMutation();

  const { errors, problem, submit } = useFormSubmit(
    updateAccountInput,
    () => ({ id: account.id, ...accountValues(draft, locale) }),
    async (data) => {
      const saved = await update.mutateAsync(data);
      setDraft(draftOf(saved, locale));
      setNotice({ text: 'Account saved.', error: false });
    },
    () => openingBalanceErrors(draft, locale),
  );

  const change = (changes: { archived?: boolean; isDefault?: true }, done: string) => {
    setNotice(null);
    update.mutate(
      { id: account.id, ...changes },
      {
        onSuccess: () => setNotice({ text: done, error: false }),
        onError: (error) => setNotice({ text: messageOf(error), error: true }),
      },
    );
  };

  const confirmDelete = () => {
    setDeleting(false);
    setNotice(null);
    remove.mutate(
      { id: account.id },
      {
        onSuccess: async () => {
          await utils.accounts.invalidate();
          navigate('/accounts', { replace: true });
        },
        // The server explains: the default account, or one that still has transactions.
        onError: (error) => setNotice({ text: messageOf(error), error: true }),
      },
    );
  };

  return (
    <section className="card" aria-labelledby="account-settings-title">
      <h2 id="account-settings-title">Account details</h2>
      <form className="form-grid" onSubmit={submit} noValidate aria-label="Edit account">
        <FormError message={problem} />
        <AccountFields
          draft={draft}
          errors={errors}
          onChange={(changes) => {
            setNotice(null);
            setDraft((current) => ({ ...current, ...changes }));
          }}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save account'}
          </button>
        </div>
      </form>
      <div className="account-actions">
        {!account.isDefault && !account.archived && (
          <button
            type="button"
            className="button secondary"
            disabled={update.isPending}
            onClick={() => change({ isDefault: true }, `“${account.name}” is now your default account.`)}
          >
            Make default
          </button>
        )}
        <button
          type="button"
          className="button secondary"
          disabled={update.isPending}
          onClick={() =>
            account.archived
              ? change({ archived: false }, `“${account.name}” is open again.`)
              : change({ archived: true }, `“${account.name}” is archived: hidden from the lists and totals.`)
          }
        >
          {account.archived ? 'Unarchive' : 'Archive'}
        </button>
        <button
          type="button"
          className="button link danger"
          disabled={remove.isPending}
          onClick={() => setDeleting(true)}
        >
          Delete account
        </button>
      </div>
      <p
        className={notice?.error ? 'notice notice-error' : 'notice'}
        role={notice?.error ? 'alert' : 'status'}
        aria-live="polite"
      >
        {notice?.text}
      </p>
      <ConfirmDialog
        open={deleting}
        title={`Delete “${account.name}”?`}
        message={`“${account.name}” will be deleted for good. An account with transactions, or your default account, cannot be deleted: archive it to hide it instead.`}
        confirmLabel="Delete account"
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(false)}
      />
    </section>
  );
}
