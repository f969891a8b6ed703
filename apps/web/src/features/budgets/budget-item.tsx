import { useEffect, useId, useRef, useState } from 'react';
import { Field } from '../../components/field';
import { useMoneyFormat } from '../../components/money';
import { FormError } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { formatMonth, lastDayOf, shiftMonth } from '../../lib/format';
import { formatAmountInput, parseAmount, useLocale } from '../../lib/locale';
import { Link } from '../../lib/router';
import { updateBudgetInput } from '../../lib/schemas';
import { trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';
import { BudgetBar, BudgetStatusTag } from './budget-bar';
import { BudgetFigures } from './budget-figures';
import { type BudgetLine, carryText } from './budget-text';

export type Notice = { text: string; error: boolean };

const useBudgetUpdate = () => {
  const utils = trpc.useUtils();
  return trpc.budgets.update.useMutation({
    onSettled: () => Promise.all([utils.budgets.invalidate(), utils.forecast.invalidate()]),
  });
};

/** A new limit from this month on (the default), or from another month; earlier months keep theirs. */
function AmountForm({
  line,
  month,
  thisMonth,
  onCancel,
  onDone,
}: {
  line: BudgetLine;
  month: string;
  thisMonth: string;
  onCancel: () => void;
  onDone: (text: string) => void;
}) {
  const money = useMoneyFormat();
  const locale = useLocale();
  const update = useBudgetUpdate();
  const [amount, setAmount] = useState(() => formatAmountInput(line.limit, locale));
  const [from, setFrom] = useState<'current' | 'other'>('current');
  const [otherMonth, setOtherMonth] = useState(month === thisMonth ? shiftMonth(thisMonth, 1) : month);
  const amountRef = useRef<HTMLInputElement>(null);
  const name = useId();
  // Keyboard users type straight away.
  useEffect(() => amountRef.current?.focus(), []);

  const { errors, problem, submit } = useFormSubmit(
    updateBudgetInput,
    () => ({
      id: line.budget,
      amount: parseAmount(amount, locale) ?? amount,
      effectiveMonth: from === 'other' ? otherMonth || undefined : undefined,
    }),
    async (data) => {
      await update.mutateAsync(data);
      const start = formatMonth(data.effectiveMonth ?? thisMonth, locale);
      onDone(`“${line.category}”: ${money(data.amount ?? line.limit)} a month from ${start} on.`);
    },
  );

  return (
    <form
      className="budget-edit"
      onSubmit={submit}
      noValidate
      aria-label={`Change the ${line.category} limit`}
    >
      <FormError message={problem} />
      <Field label="Monthly limit" errors={errors.amount}>
        <input
          ref={amountRef}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
        />
      </Field>
      <fieldset className="budget-from">
        <legend>Applies</legend>
        <label className="check">
          <input type="radio" name={name} checked={from === 'current'} onChange={() => setFrom('current')} />
          From this month on ({formatMonth(thisMonth, locale)})
        </label>
        <label className="check">
          <input type="radio" name={name} checked={from === 'other'} onChange={() => setFrom('other')} />
          From another month on
        </label>
        {from === 'other' && (
          <Field
            label="First month with the new limit"
            errors={errors.effectiveMonth}
            hint="Months before it keep the limit they had"
          >
            <input type="month" value={otherMonth} onChange={(event) => setOtherMonth(event.target.value)} />
          </Field>
        )}
      </fieldset>
      <div className="actions start">
        <button type="submit" className="button small" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save limit'}
        </button>
        <button type="button" className="button secondary small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** One budget in a month: how much is used, what is left, carry-over, and its actions. */
export function BudgetItem({
  line,
  month,
  thisMonth,
  onNotice,
  onDelete,
}: {
  line: BudgetLine;
  month: string;
  thisMonth: string;
  onNotice: (notice: Notice | null) => void;
  onDelete: () => void;
}) {
  const money = useMoneyFormat();
  const rollover = useBudgetUpdate();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const carry = carryText(line, money);
  // Shown at once while the change is on its way.
  const rolls = rollover.isPending ? (rollover.variables.rollover ?? line.rollover) : line.rollover;

  // Back on the button that opened the form once it closes, for keyboard users.
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  const closeForm = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const toggleRollover = (on: boolean) => {
    onNotice(null);
    rollover.mutate(
      { id: line.budget, rollover: on },
      {
        onSuccess: () =>
          onNotice({
            text: on
              ? `“${line.category}” now carries what is left into the next month.`
              : `“${line.category}” starts every month afresh.`,
            error: false,
          }),
        onError: (error) => onNotice({ text: messageOf(error), error: true }),
      },
    );
  };

  return (
    <li className={`budget card budget-${line.status}`}>
      <div className="budget-head">
        <h3>
          <Link
            href={`/transactions?category=${line.categoryId}&from=${month}-01&to=${lastDayOf(month)}&type=EXPENSE`}
          >
            {line.category}
          </Link>
        </h3>
        <BudgetStatusTag status={line.status} />
      </div>
      <BudgetBar line={line} label={`${line.category} budget used`} />
      <BudgetFigures spent={line.spent} limit={line.limit} limitLabel="Limit" remaining={line.remaining} />
      {carry && <p className={`budget-carry${line.carriedIn.startsWith('-') ? ' negative' : ''}`}>{carry}</p>}
      {editing ? (
        <AmountForm
          line={line}
          month={month}
          thisMonth={thisMonth}
          onCancel={closeForm}
          onDone={(text) => {
            onNotice({ text, error: false });
            closeForm();
          }}
        />
      ) : (
        <div className="budget-actions">
          <button
            ref={editButton}
            type="button"
            className="button secondary small"
            onClick={() => {
              onNotice(null);
              setEditing(true);
            }}
          >
            Change limit<span className="visually-hidden"> for {line.category}</span>
          </button>
          <label className="check">
            <input
              type="checkbox"
              checked={rolls}
              disabled={rollover.isPending}
              onChange={(event) => toggleRollover(event.target.checked)}
            />
            Roll over<span className="visually-hidden"> {line.category}</span>
          </label>
          <button
            type="button"
            className="button link danger"
            onClick={onDelete}
            aria-label={`Delete the ${line.category} budget`}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
