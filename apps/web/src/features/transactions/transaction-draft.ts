/** What the transaction form holds and checks before anything is sent: pure, tested without a browser. */

import { numberFormat } from '../../lib/intl-formats';
import { formatAmountInput, readAmount } from '../../lib/locale-numbers';

export type EntryKind = 'EXPENSE' | 'INCOME' | 'TRANSFER';

export interface TransactionDraft {
  kind: EntryKind;
  /** The account of an income or expense; the "from" account of a transfer. Blank: the default account. */
  accountId: string;
  toAccountId: string;
  categoryId: string;
  payee: string;
  /** As the user typed it, in their locale ("12,50" in de-DE). */
  amount: string;
  date: string;
  note: string;
}

export interface DraftSource {
  type: 'INCOME' | 'EXPENSE';
  transferId: number | null;
  accountId: number;
  categoryId: number | null;
  payee: string;
  amount: string;
  date: string;
  note: string;
}

export interface DraftPreset {
  kind?: EntryKind;
  accountId?: number;
  /** The date a new entry starts with (the month being viewed); today when absent. */
  date?: string;
}

/** The form's starting values: the transaction's (its amount as the locale writes it), or a new entry. */
export function draftOf(
  today: string,
  locale: string,
  transaction?: DraftSource,
  preset: DraftPreset = {},
): TransactionDraft {
  return transaction
    ? {
        kind: transaction.transferId !== null ? 'TRANSFER' : transaction.type,
        accountId: String(transaction.accountId),
        toAccountId: '',
        categoryId: transaction.categoryId === null ? '' : String(transaction.categoryId),
        payee: transaction.payee,
        amount: formatAmountInput(transaction.amount, locale),
        date: transaction.date,
        note: transaction.note,
      }
    : {
        kind: preset.kind ?? 'EXPENSE',
        accountId: preset.accountId ? String(preset.accountId) : '',
        toAccountId: '',
        categoryId: '',
        payee: '',
        amount: '',
        date: preset.date ?? today,
        note: '',
      };
}

/** "Save and add another": the next entry keeps type, accounts, date and category; the rest starts blank. */
export function nextDraft(saved: TransactionDraft): TransactionDraft {
  return { ...saved, payee: '', amount: '', note: '' };
}

/**
 * The date a new entry starts with: while the list shows a range that ends before today (a past month),
 * that range's last day, else today.
 */
export function defaultEntryDate(today: string, filters: { from?: string; to?: string }): string {
  if (filters.to && filters.to < today) return filters.to;
  if (filters.from && filters.from > today) return filters.from;
  return today;
}

/** The categories an entry of this type can take: those of its kind and those for either. */
export function categoriesFor<Category extends { kind?: 'INCOME' | 'EXPENSE' | null }>(
  categories: Category[],
  type: 'INCOME' | 'EXPENSE',
): Category[] {
  return categories.filter((category) => category.kind == null || category.kind === type);
}

/**
 * The amount as a decimal string for the server ("12,50" in de-DE gives "12.50"), or a sentence saying what
 * to type instead.
 */
export function readEntryAmount(
  text: string,
  locale: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const reading = readAmount(text, locale);
  if (!reading.ok) return reading;
  if (reading.amount === undefined) return { ok: false, message: 'Enter an amount.' };
  if (reading.amount.startsWith('-'))
    return { ok: false, message: 'Enter the amount without a minus sign; the type says which way it goes.' };
  return { ok: true, value: reading.amount };
}

/** "812 / 1,000", the counter under a limited field, with numbers in the user's locale. */
export function counterText(length: number, limit: number, locale: string): string {
  const number = numberFormat(locale);
  return `${number.format(length)} / ${number.format(limit)}`;
}

/** The sentence for a note over the limit, or null. */
export function noteTooLong(length: number, limit: number, locale: string): string | null {
  if (length <= limit) return null;
  const number = numberFormat(locale);
  const over = length - limit;
  return `This note is ${number.format(over)} ${over === 1 ? 'character' : 'characters'} too long. Shorten it to ${number.format(limit)} characters or fewer to save.`;
}
