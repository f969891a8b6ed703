import { type Decimal, isDashes, parseAmount, readNumber } from './amounts';
import { looksLikeDate } from './dates';
import { directionOf } from './direction';

/** What a sample of one column's cells looks like: the evidence for guessing its role by content. */
export interface ColumnStats {
  index: number;
  filled: number;
  dates: number;
  amounts: number;
  /** Amounts written with a decimal part ("12.50", "3,5"): money rather than a count or a reference. */
  decimals: number;
  negatives: number;
  directions: number;
  averageLength: number;
  distinct: number;
  /** Cells with a letter in them: text rather than a time, a code of digits or a currency. */
  wordy: number;
}

const DECIMAL_PART = /[.,]\d{1,2}(?!\d)/;
const LETTER = /\p{L}/u;

export function columnStats(rows: readonly string[][], width: number): ColumnStats[] {
  const stats: ColumnStats[] = [];
  for (let index = 0; index < width; index++) {
    let filled = 0;
    let dates = 0;
    let amounts = 0;
    let decimals = 0;
    let negatives = 0;
    let directions = 0;
    let length = 0;
    let wordy = 0;
    const values = new Set<string>();
    for (const row of rows) {
      const cell = (row[index] ?? '').trim();
      if (cell === '') continue;
      values.add(cell);
      if (directionOf(cell) !== null) directions++;
      // A lone dash may be a direction, but as money it is an empty cell.
      if (isDashes(cell)) continue;
      filled++;
      length += cell.length;
      if (looksLikeDate(cell)) dates++;
      else {
        const reading = readNumber(cell);
        if (reading !== null) {
          amounts++;
          if (DECIMAL_PART.test(cell)) decimals++;
          // "−950.00", "12.50-", "(3.00)", "452.00Dr": whatever the reading calls negative.
          if (reading.ok ? reading.negative : cell.includes('-')) negatives++;
        }
      }
      if (LETTER.test(cell)) wordy++;
    }
    const averageLength = filled === 0 ? 0 : length / filled;
    stats.push({
      index,
      filled,
      dates,
      amounts,
      decimals,
      negatives,
      directions,
      averageLength,
      distinct: values.size,
      wordy,
    });
  }
  return stats;
}

/**
 * Dates in at least `share` of the filled cells. A column named by its header needs only half, so that a
 * file full of bad rows still gets them reported instead of "no date column".
 */
export function holdsDates(stats: ColumnStats, share = 0.8): boolean {
  return stats.filled > 0 && stats.dates >= stats.filled * share;
}

/** Numbers in `share` of the filled cells; an empty column passes, as a credit column without credits does. */
export function holdsAmounts(stats: ColumnStats, share = 0.9): boolean {
  return stats.amounts >= stats.filled * share;
}

export function holdsDirections(stats: ColumnStats, share: number): boolean {
  return stats.filled > 0 && stats.directions >= stats.filled * share;
}

/** Text a person would read: words, not dates, numbers, times, one-letter codes or one repeated currency. */
export function holdsText(stats: ColumnStats): boolean {
  return (
    stats.filled > 0 &&
    stats.dates + stats.amounts < stats.filled * 0.5 &&
    stats.wordy >= stats.filled * 0.5 &&
    stats.averageLength >= 3 &&
    stats.directions < stats.filled * 0.5 &&
    (stats.distinct > 1 || stats.filled === 1)
  );
}

/** Signed cents per row for one column; null where the cell is empty or not an amount. */
export function signedCents(rows: readonly string[][], index: number, decimal: Decimal): (number | null)[] {
  return rows.map((row) => {
    const reading = parseAmount(row[index] ?? '', decimal);
    if (!reading?.ok) return null;
    return reading.negative ? -reading.cents : reading.cents;
  });
}
