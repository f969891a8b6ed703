import { useId, useState } from 'react';
import { Field } from '../../components/field';
import { useMoneyFormat } from '../../components/money';
import { FormError } from '../../components/states';
import { formatMonth } from '../../lib/format';
import { formatAmountInput, parseAmount, useLocale } from '../../lib/locale';
import { Link } from '../../lib/router';
import { createBudgetInput } from '../../lib/schemas';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';

type Category = RouterOutputs['categories']['list'][number];

/**
 * A new budget: a category that has none yet, its monthly limit, the first month it counts and whether
 * what is left over (or overspent) carries into the next month.
 */
export function BudgetForm({
  categories,
  month,
  onCancel,
  onDone,
}: {
  /** The categories without a budget. */
  categories: Category[];
  /** The month on the page: the new budget starts there unless changed. */
  month: string;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const utils = trpc.useUtils();
  const money = useMoneyFormat();
  const locale = useLocale();
  const create = trpc.budgets.create.useMutation({
    onSettled: () => Promise.all([utils.budgets.invalidate(), utils.forecast.invalidate()]),
  });
  const [draft, setDraft] = useState({ categoryId: '', amount: '', startMonth: month, rollover: false });
  // The first category is preselected: there is no "choose one" state to get wrong.
  const categoryId = draft.categoryId || String(categories[0]?.id ?? '');
  const rolloverHint = useId();
  const set = (changes: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...changes }));

  const { errors, problem, submit } = useFormSubmit(
    createBudgetInput,
    () => ({
      categoryId: categoryId ? Number(categoryId) : undefined,
      // "1.234,50" in de-DE is 1234.50; what is not an amount goes as typed, for the schema to refuse.
      amount: parseAmount(draft.amount, locale) ?? draft.amount,
      startMonth: draft.startMonth || undefined,
      rollover: draft.rollover,
    }),
    async (data) => {
      const created = await create.mutateAsync(data);
      onDone(
        `Budget for “${created.category}” added: ${money(created.amount)} a month from ${formatMonth(created.startMonth, locale)}.`,
      );
    },
  );

  if (categories.length === 0) {
    return (
      <div>
        <p>
          Every category has a budget already. <Link href="/categories">Add a category</Link> to budget for
          something new.
        </p>
        <div className="actions start">
          <button type="button" className="button secondary" onClick={onCancel}>
            Close
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label="Add a budget">
      <FormError message={problem} />
      <Field label="Category" errors={errors.categoryId}>
        <select value={categoryId} onChange={(event) => set({ categoryId: event.target.value })}>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Monthly limit"
        errors={errors.amount}
        hint={`For example ${formatAmountInput('400.00', locale)}`}
      >
        <input
          inputMode="decimal"
          autoComplete="off"
          value={draft.amount}
          onChange={(event) => set({ amount: event.target.value })}
        />
      </Field>
      <Field label="Starts in" errors={errors.startMonth} hint="The first month it counts">
        <input
          type="month"
          value={draft.startMonth}
          onChange={(event) => set({ startMonth: event.target.value })}
        />
      </Field>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.rollover}
            aria-describedby={rolloverHint}
            onChange={(event) => set({ rollover: event.target.checked })}
          />
          Roll over
        </label>
        <small id={rolloverHint} className="hint">
          Carry what is left, or overspent, into the next month
        </small>
        {errors.rollover && <small className="error">{errors.rollover.join(' ')}</small>}
      </div>
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add budget'}
        </button>
      </div>
    </form>
  );
}
