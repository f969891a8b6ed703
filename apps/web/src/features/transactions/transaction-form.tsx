import { useEffect, useRef, useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import type { FieldErrors } from '../../lib/errors';
import { formatAmountInput, useLocale } from '../../lib/locale';
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
import { useSubmissionKey } from './submission-key';
import {
  categoriesFor,
  counterText,
  type DraftPreset,
  draftOf,
  type EntryKind,
  nextDraft,
  noteTooLong,
  readEntryAmount,
  type TransactionDraft,
} from './transaction-draft';
import type { Transaction } from './transaction-table';
import { useTransactionMutations } from './use-transaction-mutations';

export type { EntryKind } from './transaction-draft';

const KIND_LABELS: Record<EntryKind, string> = { EXPENSE: 'Expense', INCOME: 'Income', TRANSFER: 'Transfer' };
const idOrUndefined = (value: string) => (value ? Number(value) : undefined);
const SUGGEST_DELAY_MS = 350;

/**
 * Records an expense, an income or a transfer between two accounts, or edits one side of any of them (of a
 * transfer only the amount, date and note, which the other side follows). Each kind validates with the
 * server's own schema before anything is sent; amounts are read and shown the way the user's locale writes
 * them. A new entry can be saved with "Save and add another", which keeps type, accounts, date and category
 * and puts the cursor back in the amount.
 */
export function TransactionForm({
  transaction,
  preset,
  onDone,
  onSaved,
  onCancel,
}: {
  transaction?: Transaction;
  preset?: DraftPreset;
  /** Saved, and the form is done. */
  onDone: (message: string) => void;
  /** Saved with "Save and add another": the form stays open for the next entry. */
  onSaved?: (message: string) => void;
  onCancel: () => void;
}) {
  const categories = trpc.categories.list.useQuery();
  const accounts = trpc.accounts.list.useQuery();
  const utils = trpc.useUtils();
  const today = useToday();
  const locale = useLocale();
  const { create, transfer, update } = useTransactionMutations();
  const [draft, setDraft] = useState<TransactionDraft>(() => draftOf(today, locale, transaction, preset));
  const [suggested, setSuggested] = useState<{ id: string; source: 'rule' | 'history' | null } | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const another = useRef(false);
  const amountRef = useRef<HTMLInputElement>(null);
  const submission = useSubmissionKey();
  const set = (key: keyof TransactionDraft) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    if (key === 'categoryId') setSuggested(null);
    setDraft((current) => ({ ...current, [key]: value }));
  };

  const transferSide = transaction !== undefined && transaction.transferId !== null;
  const isTransfer = draft.kind === 'TRANSFER';
  const type = draft.kind === 'INCOME' ? 'INCOME' : 'EXPENSE';
  // Archived accounts take no new entries, but an existing entry keeps showing the account it is in.
  const choices =
    accounts.data?.filter((account) => !account.archived || account.id === transaction?.accountId) ?? [];
  const defaultAccount = accounts.data?.find((account) => account.isDefault);
  const accountId = draft.accountId || (defaultAccount ? String(defaultAccount.id) : '');
  const offered = categoriesFor(categories.data ?? [], type).filter(
    // An entry keeps its category even when that category's kind says otherwise.
    (category) => category.kind == null || category.kind === type || String(category.id) === draft.categoryId,
  );
  // A category of the other kind is dropped when the type changes (its own category stays on an edit).
  const categoryFits =
    draft.categoryId === '' ||
    String(transaction?.categoryId ?? '') === draft.categoryId ||
    categoriesFor(categories.data ?? [], type).some((category) => String(category.id) === draft.categoryId);
  const categoryId = categoryFits ? draft.categoryId : '';

  // The category suggested from the payee (the user's rules, or their earlier payments to that payee), only
  // into an empty category, and only for a new income or expense.
  const payee = draft.payee.trim();
  const suggesting = !transaction && !isTransfer && categoryId === '' && payee.length >= 2;
  useEffect(() => {
    if (!suggesting) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      utils.transactions.suggestCategory
        .fetch({ payee, type })
        .then((result) => {
          if (cancelled || result.categoryId === null) return;
          const id = String(result.categoryId);
          setDraft((current) => (current.categoryId === '' ? { ...current, categoryId: id } : current));
          setSuggested({ id, source: result.source });
        })
        // A suggestion is a convenience: without one the user picks the category as before.
        .catch(() => undefined);
    }, SUGGEST_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [suggesting, payee, type, utils]);

  const note = draft.note.trim();
  const noteProblem = noteTooLong(note.length, NOTE_MAX_LENGTH, locale);
  const amount = readEntryAmount(draft.amount, locale);
  const precheck = (): FieldErrors => ({
    ...(amount.ok ? {} : { amount: [amount.message] }),
    ...(noteProblem ? { note: [noteProblem] } : {}),
  });
  const amountValue = amount.ok ? amount.value : draft.amount;

  const finish = (message: string) => {
    submission.saved();
    if (another.current) {
      another.current = false;
      setDraft(nextDraft({ ...draft, accountId, categoryId }));
      setSuggested(null);
      setAdded(`${message} Add the next one.`);
      amountRef.current?.focus();
      onSaved?.(message);
    } else {
      onDone(message);
    }
  };

  const entryValues = () => ({
    type,
    accountId: idOrUndefined(accountId),
    categoryId: idOrUndefined(categoryId),
    payee: draft.payee,
    amount: amountValue,
    date: draft.date,
    note: draft.note,
  });
  const entry = useFormSubmit(
    createTransactionInput,
    entryValues,
    async (input) => {
      await create.mutateAsync({ input, idempotencyKey: submission.keyFor(input) });
      finish('Transaction added.');
    },
    precheck,
  );
  const edit = useFormSubmit(
    updateTransactionInput,
    () =>
      transferSide
        ? { id: transaction?.id, amount: amountValue, date: draft.date, note: draft.note }
        : { id: transaction?.id, ...entryValues() },
    async (data) => {
      await update.mutateAsync(data);
      onDone(transferSide ? 'Transfer updated.' : 'Transaction updated.');
    },
    precheck,
  );
  const move = useFormSubmit(
    createTransferInput,
    () => ({
      fromAccountId: idOrUndefined(accountId),
      toAccountId: idOrUndefined(draft.toAccountId),
      amount: amountValue,
      date: draft.date,
      note: draft.note,
    }),
    async (input) => {
      await transfer.mutateAsync({ input, idempotencyKey: submission.keyFor(input) });
      finish('Transfer recorded.');
    },
    precheck,
  );
  const form = transaction ? edit : isTransfer ? move : entry;
  const { errors } = form;
  const saving = form.pending;
  const kinds: EntryKind[] = transaction ? [] : ['EXPENSE', 'INCOME', 'TRANSFER'];
  const tooFewAccounts = isTransfer && !transaction && accounts.data !== undefined && choices.length < 2;
  const noteErrors = noteProblem ? [noteProblem] : errors.note;

  return (
    <form
      className="form-panel transaction-form"
      onSubmit={(event) => {
        if (!saving) {
          const submitter = (event.nativeEvent as SubmitEvent).submitter;
          another.current = submitter?.dataset.another !== undefined;
          setAdded(null);
        }
        void form.submit(event);
      }}
      noValidate
      aria-label={transaction ? (transferSide ? 'Edit transfer' : 'Edit transaction') : 'New transaction'}
    >
      <FormError message={form.problem} />
      {added && (
        <p className="notice form-note" role="status">
          {added}
        </p>
      )}
      {!tooFewAccounts && (
        <Field
          label="Amount"
          errors={errors.amount}
          hint={`For example ${formatAmountInput('12.50', locale)}`}
        >
          <input
            ref={amountRef}
            inputMode="decimal"
            autoComplete="off"
            value={draft.amount}
            onChange={set('amount')}
            data-first-field
          />
        </Field>
      )}
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
      {!isTransfer && (
        <Field label="Payee (optional)" errors={errors.payee}>
          <input
            maxLength={PAYEE_MAX_LENGTH}
            autoComplete="off"
            value={draft.payee}
            onChange={set('payee')}
          />
        </Field>
      )}
      {!isTransfer &&
        (categories.data?.length === 0 ? (
          <p className="form-note">
            Every income and expense belongs to a category. <Link href="/categories">Create a category</Link>{' '}
            first.
          </p>
        ) : (
          <Field
            label="Category"
            errors={errors.categoryId}
            hint={
              suggested?.id === categoryId
                ? suggested.source === 'rule'
                  ? 'Suggested by one of your rules'
                  : 'Suggested from earlier payments'
                : undefined
            }
          >
            <select value={categoryId} onChange={set('categoryId')}>
              <option value="">Choose a category…</option>
              {offered.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
          </Field>
        ))}
      {!isTransfer && (
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
      )}
      {!tooFewAccounts && (
        <>
          <Field label="Date" errors={errors.date}>
            <input type="date" value={draft.date} onChange={set('date')} />
          </Field>
          <Field
            label="Note (optional)"
            errors={noteErrors}
            hint={counterText(note.length, NOTE_MAX_LENGTH, locale)}
          >
            <textarea rows={2} value={draft.note} onChange={set('note')} />
          </Field>
        </>
      )}
      <div className="actions start">
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
        {!transaction && !tooFewAccounts && (
          <button type="submit" className="button secondary" disabled={saving} data-another>
            Save and add another
          </button>
        )}
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
