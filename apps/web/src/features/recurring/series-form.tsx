import { useEffect, useRef, useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { formatAmountInput, parseAmount, useLocale } from '../../lib/locale';
import {
  PAYEE_MAX_LENGTH,
  RECURRING_CADENCES,
  type RecurringCadence,
  updateRecurringInput,
} from '../../lib/schemas';
import { trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';
import { CADENCE_WORDS, type Series } from './recurring-text';

/** The user's own name, rhythm and amount for a series; only what changed is sent. */
export function SeriesForm({
  series,
  onCancel,
  onDone,
}: {
  series: Series;
  onCancel: () => void;
  onDone: (text: string) => void;
}) {
  const utils = trpc.useUtils();
  const update = trpc.recurring.update.useMutation({
    onSettled: () => Promise.all([utils.recurring.invalidate(), utils.forecast.invalidate()]),
  });
  const locale = useLocale();
  // The amount as the user types it in their locale ("61,00" in de-DE); sent as a decimal string.
  const shownAmount = formatAmountInput(series.amount, locale);
  const [draft, setDraft] = useState({ payee: series.payee, cadence: series.cadence, amount: shownAmount });
  const [resetProblem, setResetProblem] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);
  const set = (changes: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...changes }));

  const { errors, problem, submit } = useFormSubmit(
    updateRecurringInput,
    () => ({
      id: series.id,
      payee: draft.payee !== series.payee ? draft.payee : undefined,
      cadence: draft.cadence !== series.cadence ? draft.cadence : undefined,
      // Empty: back to the amount finsight found; what is not an amount goes as typed, for the schema to refuse.
      amount:
        draft.amount.trim() === ''
          ? null
          : draft.amount !== shownAmount
            ? (parseAmount(draft.amount, locale) ?? draft.amount)
            : undefined,
    }),
    async (data) => {
      const saved = await update.mutateAsync(data);
      onDone(`“${saved.payee}” saved.`);
    },
  );
  const reset = () => {
    setResetProblem(null);
    update.mutate(
      { id: series.id, payee: null, cadence: null, amount: null },
      {
        onSuccess: (saved) => onDone(`“${saved.payee}” is back to what finsight found.`),
        onError: (error) => setResetProblem(messageOf(error)),
      },
    );
  };

  return (
    <form className="form-grid series-form" onSubmit={submit} noValidate aria-label={`Edit ${series.payee}`}>
      <FormError message={problem ?? resetProblem} />
      <Field label="Name" errors={errors.payee}>
        <input
          ref={nameRef}
          maxLength={PAYEE_MAX_LENGTH}
          autoComplete="off"
          value={draft.payee}
          onChange={(event) => set({ payee: event.target.value })}
        />
      </Field>
      <Field label="How often" errors={errors.cadence}>
        <select
          value={draft.cadence}
          onChange={(event) => set({ cadence: event.target.value as RecurringCadence })}
        >
          {RECURRING_CADENCES.map((cadence) => (
            <option key={cadence} value={cadence}>
              {CADENCE_WORDS[cadence]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Typical amount" errors={errors.amount} hint="Empty: the amount finsight found">
        <input
          inputMode="decimal"
          autoComplete="off"
          value={draft.amount}
          onChange={(event) => set({ amount: event.target.value })}
        />
      </Field>
      <div className="actions">
        {series.edited && (
          <button type="button" className="button link" onClick={reset} disabled={update.isPending}>
            Use what finsight found
          </button>
        )}
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
