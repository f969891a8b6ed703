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
