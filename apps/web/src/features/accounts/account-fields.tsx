import { Field } from '../../components/field';
import type { FieldErrors } from '../../lib/errors';
import { readAmount } from '../../lib/locale-numbers';
import { ACCOUNT_KINDS, ACCOUNT_NAME_MAX_LENGTH, type AccountKind } from '../../lib/schemas';
import { KIND_LABELS } from './kinds';

export interface AccountDraft {
  name: string;
  kind: AccountKind;
  openingBalance: string;
  openingDate: string;
}

/**
 * The form's values as the shared schemas take them: the opening balance read in the user's locale ("1.234,50"
 * in de-DE; blank is zero; what cannot be read goes as typed, for the schema to refuse), a blank opening date
 * is no date.
 */
export function accountValues(draft: AccountDraft, locale: string) {
  const balance = readAmount(draft.openingBalance, locale);
  return {
    ...draft,
    openingBalance: balance.ok ? (balance.amount ?? '0') : draft.openingBalance,
    openingDate: draft.openingDate || null,
  };
}

/** An opening balance the form cannot read, explained at its field before anything is sent. */
export function openingBalanceErrors(draft: AccountDraft, locale: string): FieldErrors {
  const balance = readAmount(draft.openingBalance, locale);
  return balance.ok ? {} : { openingBalance: [balance.message] };
}

/** Name, kind, opening balance and date: shared by the new-account and the edit form. */
export function AccountFields({
  draft,
  errors,
  onChange,
}: {
  draft: AccountDraft;
  errors: FieldErrors;
  onChange: (changes: Partial<AccountDraft>) => void;
}) {
  return (
    <>
      <Field label="Name" errors={errors.name}>
        <input
          maxLength={ACCOUNT_NAME_MAX_LENGTH}
          autoComplete="off"
          value={draft.name}
          onChange={(event) => onChange({ name: event.target.value })}
        />
      </Field>
      <Field label="Kind" errors={errors.kind}>
        <select
          value={draft.kind}
          onChange={(event) => onChange({ kind: event.target.value as AccountKind })}
        >
          {ACCOUNT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Opening balance"
        errors={errors.openingBalance}
        hint="What it held before the first transaction here; negative for money owed"
      >
        <input
          inputMode="decimal"
          autoComplete="off"
          value={draft.openingBalance}
          onChange={(event) => onChange({ openingBalance: event.target.value })}
        />
      </Field>
      <Field label="Opening date (optional)" errors={errors.openingDate}>
        <input
          type="date"
          value={draft.openingDate}
          onChange={(event) => onChange({ openingDate: event.target.value })}
        />
      </Field>
    </>
  );
}
