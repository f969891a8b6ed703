import { looksLikeAmount } from './amounts';
import { looksLikeDate } from './dates';
import { rolesOfHeader } from './header-names';

/** Preambles are a handful of lines; a header further down than this is not a header. */
const HEADER_SEARCH_RECORDS = 50;

function headerScore(record: readonly string[]): number {
  let named = 0;
  let values = 0;
  for (const cell of record) {
    const text = cell.trim();
    if (text === '') continue;
    if (looksLikeDate(text) || looksLikeAmount(text)) values++;
    else if (rolesOfHeader(text).length > 0) named++;
  }
  // Two column names at least: one known word can be data ("DEBIT" in a details column).
  return named >= 2 ? named - values : 0;
}

/**
 * The index of the header record among the first records: the one naming the most known columns, so
 * that preamble lines ("Kontonummer:;DE12...", "Von:;01.01.2025") before it are passed over. Null when no
 * record names two columns: the file has no header.
 */
export function findHeaderRow(records: readonly string[][]): number | null {
  let best: number | null = null;
  let bestScore = 1;
  const end = Math.min(records.length, HEADER_SEARCH_RECORDS);
  for (let index = 0; index < end; index++) {
    const score = headerScore(records[index] as string[]);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  }
  return best;
}

const LETTER = /\p{L}/u;

function isBlank(record: readonly string[]): boolean {
  for (const cell of record) if (cell.trim() !== '') return false;
  return true;
}

/** A cell a person named: text with a letter in it, no date and no number. */
function isName(cell: string): boolean {
  const text = cell.trim();
  return LETTER.test(text) && !looksLikeDate(text) && !looksLikeAmount(text);
}

/**
 * A header of names we do not know ("when|what|value"): the record just before the first dated record of
 * the table's `width`, as wide as it, with text only in at least two cells and a name above every date
 * and number of the record below. Null when the file starts with its transactions, or when the record
 * before them is a preamble line of another shape or holds numbers.
 */
export function findTextHeader(records: readonly string[][], width: number): number | null {
  let previous: number | null = null;
  const end = Math.min(records.length, HEADER_SEARCH_RECORDS + 1);
  for (let index = 0; index < end; index++) {
    const record = records[index] as string[];
    if (isBlank(record)) continue;
    if (record.length !== width || !record.some((cell) => looksLikeDate(cell.trim()))) {
      previous = index;
      continue;
    }
    if (previous === null) return null;
    const header = records[previous] as string[];
    if (header.length !== record.length) return null;
    let names = 0;
    for (let column = 0; column < header.length; column++) {
      const name = header[column] ?? '';
      const value = (record[column] ?? '').trim();
      if (name.trim() === '') {
        if (looksLikeDate(value) || looksLikeAmount(value)) return null;
      } else if (isName(name)) names++;
      else return null;
    }
    return names >= 2 ? previous : null;
  }
  return null;
}
