import { MONEY_MAX_INTEGER_DIGITS } from '../../validation/money';
import { type AmountReading, centsToDecimal } from './amounts';
import { NOTE_MAX_LENGTH, PAYEE_MAX_LENGTH } from './limits';
import type { ParsedRow } from './types';

/** The money of one record as the readers see it, before it becomes a type and a positive amount. */
export type Money =
  | { kind: 'ok'; cents: number; negative: boolean }
  | { kind: 'missing' }
  | { kind: 'bad'; text: string; reason: 'invalid' | 'digits' | 'decimals' };

/** One record's values as read from the file, in whatever format. */
export interface RecordValues {
  line: number;
  /** The date cell as written, for the error message. */
  dateText: string;
  date: string | null;
  money: Money;
  payee: string;
  note: string;
  category: string;
}

export function moneyOf(reading: AmountReading | null, text: string, negative: boolean): Money {
  if (reading === null) return { kind: 'missing' };
  if (!reading.ok) return { kind: 'bad', text, reason: reading.reason };
  return { kind: 'ok', cents: reading.cents, negative };
}

/** Cut at `max` characters without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

const QUOTE_LIMIT = 40;
const WHITESPACE = /\s+/g;

function quoted(text: string): string {
  const shown = text.trim();
  return `"${shown.length > QUOTE_LIMIT ? `${shown.slice(0, QUOTE_LIMIT)}…` : shown}"`;
}

function dateProblem(values: RecordValues): string | null {
  if (values.date !== null) return null;
  if (values.dateText.trim() === '') return 'the date is missing.';
  return `${quoted(values.dateText)} is not a valid date.`;
}

function moneyProblem(money: Money): string | null {
  if (money.kind === 'missing') return 'the amount is missing.';
  if (money.kind === 'ok') return money.cents === 0 ? 'the amount is zero.' : null;
  if (money.reason === 'digits') {
    return `${quoted(money.text)} has more than ${MONEY_MAX_INTEGER_DIGITS} digits before the decimal point.`;
  }
  if (money.reason === 'decimals') return `${quoted(money.text)} has more than 2 decimal places.`;
  return `${quoted(money.text)} is not a valid amount.`;
}

/** The row the API sees: a positive two-place amount, the sign in `type`, text trimmed and cut to size. */
/** The `'` a CSV export puts before a cell a spreadsheet would run as a formula (`'=…`), taken off again. */
const FORMULA_GUARD = /^'(?=[=+\-@])/;
const unguard = (text: string) => text.replace(FORMULA_GUARD, '');

export function toParsedRow(values: RecordValues, invert: boolean): ParsedRow {
  const problem = dateProblem(values) ?? moneyProblem(values.money);
  const money = values.money;
  const usable = money.kind === 'ok' && money.cents > 0;
  const category = unguard(values.category.trim());
  return {
    line: values.line,
    date: values.date,
    type: usable ? (money.negative !== invert ? 'EXPENSE' : 'INCOME') : null,
    amount: usable ? centsToDecimal(money.cents) : null,
    payee: cut(unguard(values.payee.replace(WHITESPACE, ' ').trim()), PAYEE_MAX_LENGTH).trimEnd(),
    note: cut(unguard(values.note.trim()), NOTE_MAX_LENGTH).trimEnd(),
    category: category === '' ? null : category,
    error: problem === null ? null : `Line ${values.line}: ${problem}`,
  };
}
