import { isBalanceAround, isRunningBalance } from './balance';
import { centsOf, type Guess, take } from './column-guess';
import { type ColumnStats, holdsAmounts } from './column-stats';

type Cents = readonly (number | null)[];

/** Rows in which at most one of the two columns holds a non-zero amount, and (almost) always one does. */
function areExclusive(left: Cents, right: Cents): boolean {
  let either = 0;
  for (let index = 0; index < left.length; index++) {
    const a = left[index] || null;
    const b = right[index] || null;
    if (a !== null && b !== null) return false;
    if (a !== null || b !== null) either++;
  }
  return either >= left.length * 0.9;
}

function runningBalance(guess: Guess, amounts: Cents, among: ColumnStats[]): number | undefined {
  return among.find((column) => isRunningBalance(amounts, centsOf(guess, column.index)))?.index;
}

function balancesAround(guess: Guess, amounts: Cents, among: ColumnStats[]): number[] | undefined {
  for (const before of among) {
    for (const after of among) {
      if (before === after) continue;
      if (isBalanceAround(amounts, centsOf(guess, before.index), centsOf(guess, after.index))) {
        return [before.index, after.index];
      }
    }
  }
  return undefined;
}

function guessDebitCredit(guess: Guess, money: ColumnStats[]): boolean {
  for (let a = 0; a < money.length; a++) {
    for (let b = a + 1; b < money.length; b++) {
      const left = money[a] as ColumnStats;
      const right = money[b] as ColumnStats;
      const leftCents = centsOf(guess, left.index);
      const rightCents = centsOf(guess, right.index);
      if (!areExclusive(leftCents, rightCents)) continue;
      const others = money.filter((column) => column !== left && column !== right);
      // Money in minus money out steps the balance, which tells which column is which; without a
      // balance, the column with minus signs is the debit one, and otherwise the first (Debit, Credit).
      const leftIn = leftCents.map((cents, index) => Math.abs(cents ?? 0) - Math.abs(rightCents[index] ?? 0));
      const rightIn = leftIn.map((cents) => -cents);
      const balanceIfLeftIn = runningBalance(guess, leftIn, others);
      const balance = balanceIfLeftIn ?? runningBalance(guess, rightIn, others);
      let leftIsDebit = !(right.negatives > 0 && left.negatives === 0);
      if (balance !== undefined) leftIsDebit = balanceIfLeftIn === undefined;
      take(guess, 'debit', leftIsDebit ? left.index : right.index);
      take(guess, 'credit', leftIsDebit ? right.index : left.index);
      take(guess, 'balance', balance);
      return true;
    }
  }
  return false;
}

function meanMagnitude(cents: Cents): number {
  let total = 0;
  for (const value of cents) total += Math.abs(value ?? 0);
  return cents.length === 0 ? 0 : total / cents.length;
}

/**
 * Amount, debit/credit and balance columns of a file whose header does not name them, by their numbers:
 * sparse columns that take turns are debit and credit, and a full column that another one steps by is
 * the amount of that running balance.
 */
export function guessMoneyByContent(guess: Guess): void {
  const numeric = guess.stats.filter(
    (column) => !guess.taken.has(column.index) && column.amounts > 0 && holdsAmounts(column),
  );
  const withDecimals = numeric.filter((column) => column.decimals >= column.amounts * 0.5);
  const money = withDecimals.length > 0 ? withDecimals : numeric;
  const full = money.filter((column) => column.filled >= guess.rows.length * 0.9);
  if (full.length !== money.length && guessDebitCredit(guess, money)) return;
  // before + amount = after also reads as before = after - amount: the likelier amount is tried first,
  // the column with signs in it and the smallest numbers (balances are large and mostly one sign).
  const likelier = [...full].sort(
    (a, b) =>
      Number(b.negatives > 0) - Number(a.negatives > 0) ||
      meanMagnitude(centsOf(guess, a.index)) - meanMagnitude(centsOf(guess, b.index)),
  );
  for (const amount of likelier) {
    const cents = centsOf(guess, amount.index);
    const others = full.filter((column) => column !== amount);
    const balances = balancesAround(guess, cents, others) ?? [runningBalance(guess, cents, others)];
    if (balances[0] !== undefined) {
      take(guess, 'amount', amount.index);
      for (const balance of balances) take(guess, 'balance', balance);
      return;
    }
  }
  take(guess, 'amount', (full[0] ?? money[0])?.index);
}
