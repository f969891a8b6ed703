import type { TransactionType } from '../../lib/schemas';

/** What a category is for: income, expenses, or (null) either. */
export type CategoryKind = TransactionType | null;

/** The choices of the "Used for" select; the empty value stands for null (either). */
export const KIND_CHOICES: { value: '' | NonNullable<CategoryKind>; label: string }[] = [
  { value: '', label: 'Income and expenses' },
  { value: 'EXPENSE', label: 'Expenses only' },
  { value: 'INCOME', label: 'Income only' },
];

/** How the list shows a category's kind. */
export function kindLabel(kind: CategoryKind): string {
  if (kind === 'INCOME') return 'Income';
  if (kind === 'EXPENSE') return 'Expenses';
  return 'Income and expenses';
}

export const kindFromChoice = (value: string): CategoryKind =>
  value === 'INCOME' || value === 'EXPENSE' ? value : null;
