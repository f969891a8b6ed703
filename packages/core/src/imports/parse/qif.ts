import { detectDecimal, parseAmount } from './amounts';
import { detectDateFormat, parseDate, todayForDates } from './dates';
import { tooManyRows } from './errors';
import { MAX_IMPORT_ROWS } from './limits';
import { moneyOf, toParsedRow } from './row';
import type { ParsedFile, ParsedRow, ParseOptions } from './types';

interface QifRecord {
  line: number;
  fields: Map<string, string>;
}

// Sections that list accounts, categories, classes or memorised payees rather than transactions.
const NOT_TRANSACTIONS = /^!(?:Account|Type:(?:Cat|Class|Memorized|Prices|Security))\b/i;
// Quicken writes years from 2000 as 1/15'25 (or 1/15' 5): the apostrophe stands for "20".
// Day and month are padded with spaces rather than zeros (1/ 2'25).
const APOSTROPHE_YEAR = /^(\d{1,2}[/.-]\d{1,2})'(\d{1,2})$/;
const SPACES = /\s+/g;

function normalizeQifDate(text: string): string {
  const compact = text.replace(SPACES, '');
  const match = APOSTROPHE_YEAR.exec(compact);
  if (!match) return compact;
  return `${match[1]}/20${(match[2] as string).padStart(2, '0')}`.replace(/[.-]/g, '/');
}

function recordsOf(text: string): QifRecord[] {
  const records: QifRecord[] = [];
  let skipping = false;
  let current: QifRecord | null = null;
  const lines = text.split(/\r\n|\n|\r/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.startsWith('!')) {
      skipping = NOT_TRANSACTIONS.test(line);
      current = null;
      continue;
    }
    if (line.startsWith('^')) {
      if (current && !skipping) {
        if (records.length === MAX_IMPORT_ROWS) {
          throw tooManyRows();
        }
        records.push(current);
      }
      current = null;
      continue;
    }
    if (line.trim() === '') continue;
    current ??= { line: index + 1, fields: new Map() };
    const code = line[0] as string;
    // Split lines (S, E, $) follow the transaction's own fields; the first of each code is the one kept.
    if (!current.fields.has(code)) current.fields.set(code, line.slice(1));
  }
  if (current && !skipping && current.fields.size > 0) records.push(current);
  return records;
}

/** QIF bank and card registers: D date, T (or U) signed amount, P payee, M memo, L category, ^ ends a record. */
export function parseQif(text: string, encoding: string, options: ParseOptions): ParsedFile {
  const records = recordsOf(text);
  const dateTexts = records.map((record) => normalizeQifDate(record.fields.get('D') ?? ''));
  const amountTexts = records.map((record) => record.fields.get('T') ?? record.fields.get('U') ?? '');
  const decimal = options.decimal ?? detectDecimal(amountTexts, '.');
  const dateFormat =
    options.dateFormat ??
    detectDateFormat(dateTexts, { dayFirst: decimal === ',', today: todayForDates() }) ??
    'MM/DD/YYYY';
  const invert = options.invert ?? false;
  const rows: ParsedRow[] = records.map((record, index) => {
    const amountText = amountTexts[index] as string;
    const reading = parseAmount(amountText, decimal);
    return toParsedRow(
      {
        line: record.line,
        dateText: record.fields.get('D') ?? '',
        date: parseDate(dateTexts[index] as string, dateFormat),
        money: moneyOf(reading, amountText, reading?.ok === true && reading.negative),
        payee: record.fields.get('P') ?? '',
        note: record.fields.get('M') ?? '',
        category: record.fields.get('L') ?? '',
      },
      invert,
    );
  });
  return {
    format: 'qif',
    detected: {
      delimiter: null,
      encoding,
      headerRow: null,
      dateFormat,
      decimal,
      columns: { date: 'D', amount: 'T', payee: 'P', note: 'M', category: 'L' },
      headers: null,
      columnCount: null,
    },
    rows,
  };
}
