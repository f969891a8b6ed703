import type { SelectHTMLAttributes } from 'react';
import { KIND_CHOICES } from './kinds';

/**
 * The "Used for" select of the add and edit forms: income, expenses, or either (the empty value). The
 * surrounding Field passes its id and aria attributes, which go to the select.
 */
export function KindSelect({
  value,
  onChange,
  ...props
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
      {KIND_CHOICES.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
