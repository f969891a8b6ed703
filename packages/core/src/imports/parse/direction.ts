import type { TransactionType } from '../../transactions/schemas';

// What banks write in a debit/credit indicator column, in the languages we read, without accents.
const EXPENSE = 'debit dr d af s soll expense debet cargo debito ausgang uitgaande out withdrawal';
const INCOME = 'credit cr c bij h haben income abono credito eingang inkomend in deposit';

const DIRECTIONS = new Map<string, TransactionType>();
for (const word of EXPENSE.split(' ')) DIRECTIONS.set(word, 'EXPENSE');
for (const word of INCOME.split(' ')) DIRECTIONS.set(word, 'INCOME');
DIRECTIONS.set('-', 'EXPENSE');
DIRECTIONS.set('+', 'INCOME');

/** 'Af', 'CR', 'Haben', 'Débit', '-' -> the direction they name; null for anything else ('CHECK', ''). */
export function directionOf(cell: string): TransactionType | null {
  const key = cell
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f.]/g, '');
  return DIRECTIONS.get(key) ?? null;
}
