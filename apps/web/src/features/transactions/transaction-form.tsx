import { type FormEvent, useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { type FieldErrors, messageOf, serverFieldErrors } from '../../lib/errors';
import { Link } from '../../lib/router';
import { createTransactionInput, NOTE_MAX_LENGTH, updateTransactionInput } from '../../lib/schemas';
import { useToday } from '../../lib/session';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { validate } from '../../lib/validate';

type Transaction = RouterOutputs['transactions']['list']['items'][number];

export interface TransactionDraft {
  categoryId: string;
  type: 'INCOME' | 'EXPENSE';
  amount: string;
  date: string;
  note: string;
}

/** The form's starting values: the transaction's, or a new expense dated `today`. */
export function draftOf(today: string, transaction?: Transaction): TransactionDraft {
  return transaction
    ? {
        categoryId: String(transaction.categoryId),
        type: transaction.type,
        amount: transaction.amount,
        date: transaction.date,
        note: transaction.note,
      }
    : { categoryId: '', type: 'EXPENSE', amount: '', date: today, note: '' };
}

/** Create (no `transaction`) or edit; validates with the server's own schemas before sending. */
export function TransactionForm({
  transaction,
  onSave,
  onCancel,
  saving,
}: {
  transaction?: Transaction;
  onSave: (values: ReturnType<typeof createTransactionInput.parse>) => Promise<void>;
  onCancel: () => void;
  saving: boolean;
}) {
  const categories = trpc.categories.list.useQuery();
  const today = useToday();
  const [draft, setDraft] = useState<TransactionDraft>(() => draftOf(today, transaction));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const set = (key: keyof TransactionDraft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const values = { ...draft, categoryId: draft.categoryId ? Number(draft.categoryId) : undefined };
    const checked = transaction
      ? validate(updateTransactionInput, { id: transaction.id, ...values })
      : validate(createTransactionInput, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    try {
      await onSave(createTransactionInput.parse(values));
    } catch (error) {
      setErrors(serverFieldErrors(error));
      setProblem(messageOf(error));
    }
  };

  if (categories.data?.length === 0) {
    return (
      <div className="form-panel">
        <p>
          Every transaction belongs to a category. <Link href="/categories">Create a category</Link> first.
        </p>
        <button type="button" className="button secondary" onClick={onCancel}>
          Close
        </button>
      </div>
    );
  }

  return (
    <form
      className="form-panel transaction-form"
      onSubmit={submit}
      noValidate
      aria-label={transaction ? 'Edit transaction' : 'New transaction'}
    >
      <FormError message={problem} />
      <fieldset className="type-toggle">
        <legend>Type</legend>
        {(['EXPENSE', 'INCOME'] as const).map((type) => (
          <label key={type}>
            <input
              type="radio"
              name="type"
              value={type}
              checked={draft.type === type}
              onChange={set('type')}
            />
            {type === 'EXPENSE' ? 'Expense' : 'Income'}
          </label>
        ))}
      </fieldset>
      <Field label="Amount" errors={errors.amount} hint="For example 12.50">
        <input inputMode="decimal" autoComplete="off" value={draft.amount} onChange={set('amount')} />
      </Field>
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
      <Field label="Date" errors={errors.date}>
        <input type="date" value={draft.date} onChange={set('date')} />
      </Field>
      <Field label="Note (optional)" errors={errors.note}>
        <input maxLength={NOTE_MAX_LENGTH} value={draft.note} onChange={set('note')} />
      </Field>
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : transaction ? 'Save changes' : 'Add transaction'}
        </button>
      </div>
    </form>
  );
}
