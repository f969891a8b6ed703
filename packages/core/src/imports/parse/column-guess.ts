import type { Decimal } from './amounts';
import { type ColumnStats, columnStats, signedCents } from './column-stats';

/** Which 0-based column holds what. `payer` is the income-side counterparty of banks that split the two. */
export interface ColumnPlan {
  date: number | null;
  amount?: number;
  debit?: number;
  credit?: number;
  type?: number;
  payee?: number;
  payer?: number;
  note?: number;
  category?: number;
  balance?: number;
}

/** The plan being built, and the sample it is built from. */
export interface Guess {
  plan: ColumnPlan;
  /** Columns that already have a role (or must never get one, like balances). */
  taken: Set<number>;
  stats: ColumnStats[];
  rows: readonly string[][];
  decimal: Decimal;
  cents: Map<number, (number | null)[]>;
}

export function startGuess(rows: readonly string[][], width: number, decimal: Decimal): Guess {
  return {
    plan: { date: null },
    taken: new Set(),
    stats: columnStats(rows, width),
    rows,
    decimal,
    cents: new Map(),
  };
}

/** A column's signed cents per sample row, read once however often the balance tests ask. */
export function centsOf(guess: Guess, index: number): (number | null)[] {
  let cents = guess.cents.get(index);
  if (!cents) {
    cents = signedCents(guess.rows, index, guess.decimal);
    guess.cents.set(index, cents);
  }
  return cents;
}

export function take(guess: Guess, role: keyof ColumnPlan, index: number | undefined): void {
  if (index === undefined) return;
  guess.plan[role] = index;
  guess.taken.add(index);
}
