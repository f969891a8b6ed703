import type { Decimal } from './amounts';
import { type ColumnPlan, type Guess, startGuess, take } from './column-guess';
import { type ColumnStats, holdsAmounts, holdsDates, holdsDirections, holdsText } from './column-stats';
import { type HeaderRole, rolesOfHeader } from './header-names';
import { guessMoneyByContent } from './money-columns';

export type { ColumnPlan } from './column-guess';

/** For each role, the columns whose header names it, best name first. */
function candidatesByName(header: readonly string[]): Map<HeaderRole, number[]> {
  const ranked = new Map<HeaderRole, { index: number; rank: number }[]>();
  header.forEach((name, index) => {
    for (const { role, rank } of rolesOfHeader(name)) {
      const list = ranked.get(role) ?? [];
      list.push({ index, rank });
      ranked.set(role, list);
    }
  });
  const ordered = new Map<HeaderRole, number[]>();
  for (const [role, list] of ranked) {
    list.sort((a, b) => a.rank - b.rank || a.index - b.index);
    ordered.set(
      role,
      list.map((entry) => entry.index),
    );
  }
  return ordered;
}

// A column named for a role needs only half of its cells to fit it, so that a file full of bad rows gets
// them reported one by one instead of "no date column".
const namedDates = (column: ColumnStats) => holdsDates(column, 0.5);
const namedAmounts = (column: ColumnStats) => holdsAmounts(column, 0.5);
const namedDirections = (column: ColumnStats) => holdsDirections(column, 0.6);
const anyContent = () => true;

/** Roles named by the header, each checked against the column's content ("Type" of "ACH_DEBIT" is no direction). */
function guessByHeader(guess: Guess, header: readonly string[]): void {
  const named = candidatesByName(header);
  // A header without a single row under it (an empty export) is taken at its word.
  const noRows = guess.rows.length === 0;
  const pick = (role: HeaderRole, fits: (column: ColumnStats) => boolean) =>
    named
      .get(role)
      ?.find((index) => !guess.taken.has(index) && (noRows || fits(guess.stats[index] as ColumnStats)));
  const mostlyFilled = (column: ColumnStats) =>
    namedAmounts(column) && column.filled >= guess.rows.length * 0.5;

  // Running balances are never the amount: every balance-named column is set aside first.
  for (const index of named.get('balance') ?? []) guess.taken.add(index);
  guess.plan.balance = named.get('balance')?.[0];
  take(guess, 'date', pick('date', namedDates));
  // An "Amount" column left empty beside filled Soll/Haben columns (Deutsche Bank) is not the amount.
  take(guess, 'amount', pick('amount', mostlyFilled));
  if (guess.plan.amount === undefined) {
    take(guess, 'debit', pick('debit', namedAmounts));
    take(guess, 'credit', pick('credit', namedAmounts));
  }
  take(guess, 'type', pick('type', namedDirections));
  take(guess, 'payee', pick('payee', anyContent) ?? pick('payer', anyContent));
  take(guess, 'payer', pick('payer', anyContent));
  take(guess, 'category', pick('category', anyContent));
  const descriptions = (named.get('description') ?? []).filter((index) => !guess.taken.has(index));
  // Without a counterparty column the bank's description names it; the next description is the note.
  if (guess.plan.payee === undefined) take(guess, 'payee', descriptions.shift());
  take(guess, 'note', descriptions.shift());
}

/** Whatever the header left open (everything, without a header), from what the cells look like. */
function guessByContent(guess: Guess): void {
  const { plan, stats, taken } = guess;
  const free = (column: ColumnStats) => !taken.has(column.index);
  const filled = (column: ColumnStats) => column.filled >= guess.rows.length * 0.5;
  if (plan.date === null) {
    take(guess, 'date', stats.find((column) => free(column) && filled(column) && holdsDates(column))?.index);
  }
  if (plan.amount === undefined && plan.debit === undefined && plan.credit === undefined) {
    guessMoneyByContent(guess);
  }
  const amount = plan.amount === undefined ? undefined : stats[plan.amount];
  // A direction column matters only when amounts are unsigned; only then is it looked for by content,
  // and it must show both directions (a column of "-" placeholders is no direction).
  if (plan.type === undefined && amount && amount.negatives === 0) {
    const directions = (column: ColumnStats) =>
      free(column) && column.distinct > 1 && holdsDirections(column, 0.9);
    take(guess, 'type', stats.find(directions)?.index);
  }
  if (plan.payee === undefined && plan.note === undefined) {
    const texts = stats.filter((column) => free(column) && holdsText(column));
    take(guess, 'payee', texts[0]?.index);
    take(guess, 'note', texts[1]?.index);
  }
}

/**
 * Every column's role, from the header's names where there is a header, and from the cells of a sample of
 * data rows for whatever the names leave open (and for files without a header).
 */
export function guessColumns(
  header: readonly string[] | null,
  rows: readonly string[][],
  width: number,
  decimal: Decimal,
): ColumnPlan {
  const guess = startGuess(rows, width, decimal);
  if (header) guessByHeader(guess, header);
  guessByContent(guess);
  return guess.plan;
}
