import { useEffect, useRef, useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import type { FieldErrors } from '../../lib/errors';
import { useLocale } from '../../lib/locale';

import {
  createRuleInput,
  PAYEE_MAX_LENGTH,
  RULE_FIELDS,
  RULE_MAX_CONDITIONS,
  RULE_NAME_MAX_LENGTH,
  RULE_OPERATORS,
  type Rule,
  type RuleCondition,
  replaceRuleInput,
} from '../../lib/schemas';
import { trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';
import { amountErrors, emptyCondition, type RuleDraft, ruleValues } from './rule-draft';

const OPERATOR_LABELS: Record<RuleCondition['operator'], string> = {
  contains: 'contains',
  equals: 'is exactly',
  matches: 'matches (* and ?)',
};

function ConditionRow({
  index,
  condition,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  condition: RuleCondition;
  errors: FieldErrors;
  onChange: (changes: Partial<RuleCondition>) => void;
  onRemove: () => void;
}) {
  const number = index + 1;
  return (
    <li className="condition">
      <Field label={`Condition ${number}: field`}>
        <select
          value={condition.field}
          onChange={(event) => onChange({ field: event.target.value as RuleCondition['field'] })}
        >
          {RULE_FIELDS.map((field) => (
            <option key={field} value={field}>
              {field === 'payee' ? 'Payee' : 'Note'}
            </option>
          ))}
        </select>
      </Field>
      <Field label={`Condition ${number}: test`}>
        <select
          value={condition.operator}
          onChange={(event) => onChange({ operator: event.target.value as RuleCondition['operator'] })}
        >
          {RULE_OPERATORS.map((operator) => (
            <option key={operator} value={operator}>
              {OPERATOR_LABELS[operator]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={`Condition ${number}: text`} errors={errors[`conditions.${index}.value`]}>
        <input value={condition.value} onChange={(event) => onChange({ value: event.target.value })} />
      </Field>
      <button
        type="button"
        className="button link danger"
        onClick={onRemove}
        aria-label={`Remove condition ${number}`}
      >
        Remove
      </button>
    </li>
  );
}

/** Create or edit a rule, validated with the server's schemas; focus starts in the name field. */
export function RuleForm({
  rule,
  initial,
  onDone,
  onCancel,
}: {
  rule?: Rule;
  initial: RuleDraft;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const utils = trpc.useUtils();
  const locale = useLocale();
  const categories = trpc.categories.list.useQuery();
  const accounts = trpc.accounts.list.useQuery();
  const [draft, setDraft] = useState(initial);
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => nameInput.current?.focus(), []);
  const create = trpc.rules.create.useMutation();
  const replace = trpc.rules.replace.useMutation();
  const set = (changes: Partial<RuleDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const setCondition = (index: number, changes: Partial<RuleCondition>) =>
    set({ conditions: draft.conditions.map((c, i) => (i === index ? { ...c, ...changes } : c)) });

  const adding = useFormSubmit(
    createRuleInput,
    () => ruleValues(draft, locale),
    async (data) => {
      await create.mutateAsync(data);
      await utils.rules.invalidate();
      onDone(`Rule “${data.name}” created.`);
    },
    // Amounts are read in the user's locale ("1.234,50"); one the form cannot read is explained at its field.
    () => amountErrors(draft, locale),
  );
  // The form holds the whole rule, so saving replaces it: a limit taken away is gone.
  const editing = useFormSubmit(
    replaceRuleInput,
    () => ({ id: rule?.id, ...ruleValues(draft, locale) }),
    async (data) => {
      await replace.mutateAsync(data);
      await utils.rules.invalidate();
      onDone(`Rule “${data.name}” saved.`);
    },
    () => amountErrors(draft, locale),
  );
  const form = rule ? editing : adding;
  const { errors } = form;
  const saving = create.isPending || replace.isPending;
  const actionErrors = errors.actions ?? errors['actions.categoryId'];

  return (
    <form
      className="form-panel rule-form"
      onSubmit={form.submit}
      noValidate
      aria-label={rule ? 'Edit rule' : 'New rule'}
    >
      <FormError message={form.problem} />
      <Field label="Name" errors={errors.name}>
        <input
          ref={nameInput}
          maxLength={RULE_NAME_MAX_LENGTH}
          value={draft.name}
          onChange={(event) => set({ name: event.target.value })}
        />
      </Field>

      <fieldset>
        <legend>When a transaction…</legend>
        {errors.conditions && (
          <p className="error" role="alert">
            {errors.conditions.join(' ')}
          </p>
        )}
        <ol className="conditions">
          {draft.conditions.map((condition, index) => (
            <ConditionRow
              // Conditions have no id of their own; the position is what the errors refer to as well.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={index}
              index={index}
              condition={condition}
              errors={errors}
              onChange={(changes) => setCondition(index, changes)}
              onRemove={() => set({ conditions: draft.conditions.filter((_, i) => i !== index) })}
            />
          ))}
        </ol>
        {draft.conditions.length < RULE_MAX_CONDITIONS && (
          <button
            type="button"
            className="button secondary small"
            onClick={() => set({ conditions: [...draft.conditions, emptyCondition()] })}
          >
            Add a condition
          </button>
        )}
        <div className="rule-limits">
          <Field label="Amount at least (optional)" errors={errors.amountMin}>
            <input
              inputMode="decimal"
              autoComplete="off"
              value={draft.amountMin}
              onChange={(e) => set({ amountMin: e.target.value })}
            />
          </Field>
          <Field label="Amount at most (optional)" errors={errors.amountMax}>
            <input
              inputMode="decimal"
              autoComplete="off"
              value={draft.amountMax}
              onChange={(e) => set({ amountMax: e.target.value })}
            />
          </Field>
          <Field label="Type" errors={errors.type}>
            <select value={draft.type} onChange={(e) => set({ type: e.target.value as RuleDraft['type'] })}>
              <option value="">Income and expenses</option>
              <option value="EXPENSE">Expenses only</option>
              <option value="INCOME">Income only</option>
            </select>
          </Field>
          <Field label="In account" errors={errors.accountId}>
            <select value={draft.accountId} onChange={(e) => set({ accountId: e.target.value })}>
              <option value="">Any account</option>
              {accounts.data?.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>…then</legend>
        {actionErrors && (
          <p className="error" role="alert">
            {actionErrors.join(' ')}
          </p>
        )}
        <div className="rule-limits">
          <Field label="Set the category" errors={errors['actions.categoryId']}>
            <select value={draft.categoryId} onChange={(e) => set({ categoryId: e.target.value })}>
              <option value="">Leave the category</option>
              {categories.data?.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Rename the payee to (optional)" errors={errors['actions.renamePayee']}>
            <input
              maxLength={PAYEE_MAX_LENGTH}
              value={draft.renamePayee}
              onChange={(e) => set({ renamePayee: e.target.value })}
            />
          </Field>
          <Field label="Add to the note (optional)" errors={errors['actions.appendNote']}>
            <input
              maxLength={200}
              value={draft.appendNote}
              onChange={(e) => set({ appendNote: e.target.value })}
            />
          </Field>
          <Field label="Order" errors={errors.position} hint="Lower runs first; a later rule wins">
            <input
              type="number"
              min={0}
              inputMode="numeric"
              value={draft.position}
              onChange={(e) => set({ position: e.target.value })}
            />
          </Field>
        </div>
      </fieldset>
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : rule ? 'Save rule' : 'Create rule'}
        </button>
      </div>
    </form>
  );
}
