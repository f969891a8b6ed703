import { useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { Link } from '../../lib/router';
import {
  createTransactionInput,
  createTransferInput,
  NOTE_MAX_LENGTH,
  PAYEE_MAX_LENGTH,
  updateTransactionInput,
} from '../../lib/schemas';
import { useToday } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';
import type { Transaction } from './transaction-table';
import { useTransactionMutations } from './use-transaction-mutations';

export type EntryKind = 'EXPENSE' | 'INCOME' | 'TRANSFER';

interface TransactionDraft {
  kind: EntryKind;
  /** The account of an income or expense; the "from" account of a transfer. Blank: the default account. */
  accountId: string;
  toAccountId: string;
  categoryId: string;
  payee: string;
  amount: string;
  date: string;
  note: string;
}

/** The form's starting values: the transaction's, or a new entry dated `today` with the given presets. */
function draftOf(
  today: string,
  transaction?: Transaction,
  preset: { kind?: EntryKind; accountId?: number } = {},
): TransactionDraft {
  return transaction
    ? {
        kind: transaction.transferId !== null ? 'TRANSFER' : transaction.type,
        accountId: String(transaction.accountId),
        toAccountId: '',
        categoryId: transaction.categoryId === null ? '' : String(transaction.categoryId),
        payee: transaction.payee,
        amount: transaction.amount,
        date: transaction.date,
        note: transaction.note,
      }
    : {
        kind: preset.kind ?? 'EXPENSE',
        accountId: preset.accountId ? String(preset.accountId) : '',
        toAccountId: '',
        categoryId: '',
        payee: '',
        amount: '',
        date: today,
        note: '',
      };
}

const KIND_LABELS: Record<EntryKind, string> = { EXPENSE: 'Expense', INCOME: 'Income', TRANSFER: 'Transfer' };
const idOrUndefined = (value: string) => (value ? Number(value) : undefined);

/**
 * Records an expense, an income or a transfer between two accounts, or edits one side of any of them (of a
 * transfer only the amount, date and note, which the other side follows). Each kind validates with the
 * server's own schema before anything is sent.
 */
export function TransactionForm({
  transaction,
  preset,
  onDone,
  onCancel,
}: {
  transaction?: Transaction;
  preset?: { kind?: EntryKind; accountId?: number };
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const categories = trpc.categories.list.useQuery();
  const accounts = trpc.accounts.list.useQuery();
  const today = useToday();
  const { create, transfer, update } = useTransactionMutations();
  const [draft, setDraft] = useState<TransactionDraft>(() => draftOf(today, transaction, preset));
  const set = (key: keyof TransactionDraft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  const transferSide = transaction !== undefined && transaction.transferId !== null;
  // Archived accounts take no new entries, but an existing entry keeps showing the account it is in.
  const choices =
    accounts.data?.filter((account) => !account.archived || account.id === transaction?.accountId) ?? [];
  const defaultAccount = accounts.data?.find((account) => account.isDefault);
  const accountId = draft.accountId || (defaultAccount ? String(defaultAccount.id) : '');

  const entryValues = () => ({
    type: draft.kind === 'INCOME' ? 'INCOME' : 'EXPENSE',
    accountId: idOrUndefined(accountId),
    categoryId: idOrUndefined(draft.categoryId),
    payee: draft.payee,
    amount: draft.amount,
    date: draft.date,
    note: draft.note,
  });
  const entry = useFormSubmit(createTransactionInput, entryValues, async (data) => {
    await create.mutateAsync(data);
    onDone('Transaction added.');
  });
  const edit = useFormSubmit(
    updateTransactionInput,
    () =>
      transferSide
        ? { id: transaction?.id, amount: draft.amount, date: draft.date, note: draft.note }
        : { id: transaction?.id, ...entryValues() },
    async (data) => {
      await update.mutateAsync(data);
      onDone(transferSide ? 'Transfer updated.' : 'Transaction updated.');
    },
  );
  const move = useFormSubmit(
    createTransferInput,
    () => ({
      fromAccountId: idOrUndefined(accountId),
      toAccountId: idOrUndefined(draft.toAccountId),
      amount: draft.amount,
      date: draft.date,
      note: draft.note,
    }),
    async (data) => {
      await transfer.mutateAsync(data);
      onDone('Transfer recorded.');
    },
  );
  const form = transaction ? edit : draft.kind === 'TRANSFER' ? move : entry;
  const { errors } = form;
  const saving = create.isPending || transfer.isPending || update.isPending;
  const isTransfer = draft.kind === 'TRANSFER';
  const kinds: EntryKind[] = transaction ? [] : ['EXPENSE', 'INCOME', 'TRANSFER'];
  const tooFewAccounts = isTransfer && !transaction && accounts.data !== undefined && choices.length < 2;

  return (
    <form
      className="form-panel transaction-form"
      onSubmit={form.submit}
      noValidate
      aria-label={transaction ? (transferSide ? 'Edit transfer' : 'Edit transaction') : 'New transaction'}
    >
      <FormError message={form.problem} />
      {transferSide ? (
        <p className="muted form-note">
          One side of a transfer: changing the amount or date changes the other side too.
        </p>
      ) : (
        <fieldset className="type-toggle">
          <legend>Type</legend>
          {(transaction ? (['EXPENSE', 'INCOME'] as const) : kinds).map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="type"
                value={kind}
                checked={draft.kind === kind}
                onChange={set('kind')}
              />
              {KIND_LABELS[kind]}
            </label>
          ))}
        </fieldset>
      )}
      {tooFewAccounts ? (
        <p className="form-note">
          A transfer moves money between two of your accounts. <Link href="/accounts">Add an account</Link>{' '}
          first.
        </p>
      ) : isTransfer && !transferSide ? (
        <>
          <Field label="From account" errors={errors.fromAccountId}>
            <select value={accountId} onChange={set('accountId')}>
              <option value="">Choose an account…</option>
              {choices.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="To account" errors={errors.toAccountId}>
            <select value={draft.toAccountId} onChange={set('toAccountId')}>
              <option value="">Choose an account…</option>
              {choices
                .filter((account) => String(account.id) !== accountId)
                .map((account) => (
                  <option key={account.id} value={account.id}>
                    {account.name}
                  </option>
                ))}
            </select>
          </Field>
        </>
      ) : null}
      {!tooFewAccounts && (
        <Field label="Amount" errors={errors.amount} hint="For example 12.50">
          <input inputMode="decimal" autoComplete="off" value={draft.amount} onChange={set('amount')} />
        </Field>
      )}
      {!isTransfer &&
        (categories.data?.length === 0 ? (
          <p className="form-note">
            Every income and expense belongs to a category. <Link href="/categories">Create a category</Link>{' '}
            first.
          </p>
        ) : (
          <Field label="Category" errors={errors.categoryId}>
            <select value={draft.categoryId} onChange={set('categoryId')}>
              <option value="">Choose a category…</option>
              {categories.data?.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
          </Field>
        ))}
      {!isTransfer && (
        <>
          <Field label="Payee (optional)" errors={errors.payee}>
            <input
              maxLength={PAYEE_MAX_LENGTH}
              autoComplete="off"
              value={draft.payee}
              onChange={set('payee')}
            />
          </Field>
          <Field label="Account" errors={errors.accountId}>
            <select value={accountId} onChange={set('accountId')}>
              {accountId === '' && <option value="">Loading accounts…</option>}
              {choices.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                  {account.isDefault ? ' (default)' : ''}
                </option>
              ))}
            </select>
          </Field>
        </>
      )}
      {!tooFewAccounts && (
        <>
          <Field label="Date" errors={errors.date}>
            <input type="date" value={draft.date} onChange={set('date')} />
          </Field>
          <Field label="Note (optional)" errors={errors.note}>
            <input maxLength={NOTE_MAX_LENGTH} value={draft.note} onChange={set('note')} />
          </Field>
        </>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        {!tooFewAccounts && (
          <button type="submit" className="button" disabled={saving}>
            {saving
              ? 'Saving…'
              : transaction
                ? 'Save changes'
                : isTransfer
                  ? 'Record transfer'
                  : 'Add transaction'}
          </button>
        )}
      </div>
    </form>
  );
}
