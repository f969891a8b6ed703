import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { ImportFileError, tooManyRows } from './errors';
import { MAX_IMPORT_ROWS } from './limits';
import type { ParseOptions } from './types';

export interface CsvTable {
  records: string[][];
  /** 1-based line in the file where each record starts. */
  lines: number[];
  delimiter: string;
}

const LINE_BREAK = /\r\n|\n|\r/g;
const SEPARATOR_LINE = /^"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)/i;

const DELIMITERS = ['\t', ';', ',', '|'] as const;
const SNIFF_CHARS = 64 * 1024;
const SNIFF_RECORDS = 60;

/** ',' ';' '\t' '|' or the word 'tab' as written in an override; null when it is none of them. */
function delimiterFromOption(option: string): string | null {
  if (option.toLowerCase() === 'tab' || option === '\\t') return '\t';
  return (DELIMITERS as readonly string[]).includes(option) ? option : null;
}

/** Counts of each delimiter per record, outside quotes, over the first records of the text. */
function delimiterCounts(text: string): Map<string, number[]> {
  const counts = new Map<string, number[]>(DELIMITERS.map((delimiter) => [delimiter, []]));
  const current = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  let records = 0;
  let blank = true;
  const end = Math.min(text.length, SNIFF_CHARS);
  for (let index = 0; index < end && records < SNIFF_RECORDS; index++) {
    const char = text[index] as string;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (!blank) {
        for (const delimiter of DELIMITERS) counts.get(delimiter)?.push(current.get(delimiter) ?? 0);
        records++;
      }
      for (const delimiter of DELIMITERS) current.set(delimiter, 0);
      blank = true;
    } else if (!quoted && current.has(char)) {
      current.set(char, (current.get(char) ?? 0) + 1);
      blank = false;
    } else if (char.trim() !== '') blank = false;
  }
  if (!blank && end === text.length) {
    for (const delimiter of DELIMITERS) counts.get(delimiter)?.push(current.get(delimiter) ?? 0);
  }
  return counts;
}

interface Consistency {
  delimiter: string;
  /** Records showing the most common non-zero count. */
  records: number;
  count: number;
}

function consistencyOf(delimiter: string, perRecord: number[]): Consistency {
  const frequency = new Map<number, number>();
  for (const count of perRecord) if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  let best: Consistency = { delimiter, records: 0, count: 0 };
  for (const [count, records] of frequency) {
    if (records > best.records || (records === best.records && count > best.count)) {
      best = { delimiter, records, count };
    }
  }
  return best;
}

/**
 * The delimiter that splits the most records into the same number of fields. A decimal comma splits
 * amounts too, but never the header, and fewer times per row than the real delimiter: ties go to the
 * higher count, then to tab, ';', ',', '|' in that order.
 */
function detectDelimiter(text: string): string {
  const counts = delimiterCounts(text);
  const ranked = DELIMITERS.map((delimiter) => consistencyOf(delimiter, counts.get(delimiter) ?? []));
  ranked.sort((a, b) => b.records - a.records || b.count - a.count);
  return ranked[0] && ranked[0].records > 0 ? ranked[0].delimiter : ',';
}

interface Body {
  text: string;
  firstLine: number;
  delimiter: string | null;
}

/** The text after `skipRows` lines, and an Excel "sep=;" line read and dropped. */
function bodyOf(text: string, skipRows: number): Body {
  let offset = 0;
  let firstLine = 1;
  LINE_BREAK.lastIndex = 0;
  while (firstLine <= skipRows) {
    const found = LINE_BREAK.exec(text);
    if (!found)
      throw new ImportFileError(`The file has fewer than ${skipRows + 1} lines to read after skipping.`);
    offset = found.index + found[0].length;
    firstLine++;
  }
  const rest = text.slice(offset);
  const separator = SEPARATOR_LINE.exec(rest);
  if (!separator) return { text: rest, firstLine, delimiter: null };
  return { text: rest.slice(separator[0].length), firstLine: firstLine + 1, delimiter: separator[1] ?? null };
}

function resolveDelimiter(option: string | undefined, body: Body): string {
  if (option !== undefined && option !== '') {
    const delimiter = delimiterFromOption(option);
    if (delimiter === null) {
      throw new ImportFileError(`The delimiter "${option}" is not supported; use , ; | or tab.`);
    }
    return delimiter;
  }
  return body.delimiter ?? detectDelimiter(body.text);
}

/** The line where the quote that csv-parse found unclosed was opened. */
function unclosedQuoteLine(text: string, delimiter: string): number {
  let line = 1;
  let quoted = false;
  let openedAt = 1;
  let fieldStart = true;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) line++;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') index++;
        else quoted = false;
      }
    } else if (char === '"' && fieldStart) {
      quoted = true;
      openedAt = line;
    }
    fieldStart = char === delimiter || char === '\n' || char === '\r' || (fieldStart && char === ' ');
  }
  return openedAt;
}

/**
 * Splits the text into records with csv-parse, keeping ragged rows (preamble, footers) and blank lines so
 * that each record's line number can be counted; `skipRows` lines and an Excel "sep=;" line go first.
 */
export function readCsvTable(text: string, options: Pick<ParseOptions, 'delimiter' | 'skipRows'>): CsvTable {
  const body = bodyOf(text, options.skipRows ?? 0);
  // Refused before csv-parse builds an array per line: 20 MB of one-character lines are ten million of them
  // (gigabytes of heap). Twice the row limit leaves room for line breaks inside quoted fields.
  if (countLineBreaks(body.text) > 2 * MAX_IMPORT_ROWS + 1000) throw tooManyRows();
  const delimiter = resolveDelimiter(options.delimiter, body);
  const firstLine = body.firstLine;
  let records: string[][];
  // csv-parse builds (and deep-copies into) a CsvError for every record whose width differs from the
  // first record's, even when told to keep such records: behind a two-field preamble line that is every
  // row of a bank file, 8 of the 9 seconds a 100,000-row file took. So the text is parsed behind one
  // primer line as wide as the table's rows, which is dropped again; only preamble and footer lines then
  // differ. Stack traces are off meanwhile for the few that remain (nothing else runs during this call).
  const width = typicalWidth(body.text, delimiter);
  // In the file's own line ending: csv-parse takes the first one it meets for the whole text.
  const lineEnd = /\r\n|\n|\r/.exec(body.text)?.[0] ?? '\n';
  const primer = width > 1 ? `${delimiter.repeat(width - 1)}${lineEnd}` : '';
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    records = parse(primer + body.text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
    if (primer) records.shift();
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      const line = unclosedQuoteLine(body.text, delimiter) + firstLine - 1;
      throw new ImportFileError(
        `Line ${line} opens a quoted field that is never closed, so the rest of the file cannot be read.`,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportFileError(`The file cannot be read as CSV: ${reason}`);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return { records, lines: recordLines(body.text, records, firstLine), delimiter };
}

/**
 * The usual number of fields of a row, read from 50 lines in the middle of the text (the table, past any
 * preamble); 0 when they cannot be read on their own (a quoted line break cut in two).
 */
function typicalWidth(text: string, delimiter: string): number {
  const lines = text.split('\n', 200_001);
  const middle = Math.floor(lines.length / 2);
  const sample = lines.slice(middle, middle + 50).join('\n');
  try {
    const counts = new Map<number, number>();
    for (const record of parse(sample, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][]) {
      counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
    }
    let best = 0;
    let seen = 0;
    for (const [width, count] of counts) if (count > seen) [best, seen] = [width, count];
    return best;
  } catch {
    return 0;
  }
}

function countLineBreaks(text: string): number {
  let breaks = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) breaks++;
  return breaks === 0 ? text.split('\r').length - 1 : breaks;
}

/**
 * The line each record starts on. csv-parse counts a CRLF inside quotes as two lines, so lines are counted
 * here: one per record plus the line breaks kept inside its quoted fields. When the file has no more lines
 * than records, no field holds a line break and the count is simply one line per record.
 */
function recordLines(text: string, records: readonly string[][], firstLine: number): number[] {
  const lines = new Array<number>(records.length);
  const endsWithBreak = text.endsWith('\n') || text.endsWith('\r');
  if (countLineBreaks(text) + (endsWithBreak ? 0 : 1) <= records.length) {
    for (let index = 0; index < records.length; index++) lines[index] = firstLine + index;
    return lines;
  }
  let line = firstLine;
  for (let index = 0; index < records.length; index++) {
    lines[index] = line;
    line++;
    for (const field of records[index] as string[]) {
      if (field.length > 0 && (field.includes('\n') || field.includes('\r'))) line += countLineBreaks(field);
    }
  }
  return lines;
}
