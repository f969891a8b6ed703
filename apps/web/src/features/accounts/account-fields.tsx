import { Field } from '../../components/field';
import type { FieldErrors } from '../../lib/errors';
import { ACCOUNT_KINDS, ACCOUNT_NAME_MAX_LENGTH, type AccountKind } from '../../lib/schemas';
import { KIND_LABELS } from './kinds';

export interface AccountDraft {
  name: string;
  kind: AccountKind;
  openingBalance: string;
  openingDate: string;
}

/** The form's values as the shared schemas take them (a blank opening date is no date). */
export const accountValues = (draft: AccountDraft) => ({
  ...draft,
  openingBalance: draft.openingBalance.trim() || '0',
  openingDate: draft.openingDate || null,
});

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
