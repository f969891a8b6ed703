import { type Decimal, detectDecimal, looksLikeAmount } from './amounts';
import { applyColumnOverrides } from './column-overrides';
import type { ColumnPlan } from './columns';
import { guessColumns } from './columns';
import { CsvRecordReader, isBalanceLine } from './csv-record';
import { readCsvTable } from './csv-table';
import { detectDateFormat, looksLikeDate, todayForDates } from './dates';
import { ImportFileError, tooManyRows } from './errors';
import { findHeaderRow, findTextHeader } from './header-row';
import { MAX_IMPORT_ROWS } from './limits';
import { toParsedRow } from './row';
import type { ColumnRef, DetectedColumns, ParsedFile, ParsedRow, ParseOptions } from './types';

const SAMPLE_ROWS = 300;
// European, British, Australian and Indian money writes its dates day first; lakh grouping is Indian.
const DAY_FIRST_MONEY = /[€£₹]|\b(?:EUR|GBP|AUD|NZD|CHF|INR|Rs)\b|\d,\d\d,\d{3}(?!\d)/;

function isBlank(record: readonly string[]): boolean {
  for (const cell of record) if (cell.trim() !== '') return false;
  return true;
}

/** The number of fields most data records have: the shape of the table. */
function modalWidth(records: readonly string[][], start: number): number {
  const frequency = new Map<number, number>();
  for (let index = start; index < records.length; index++) {
    const length = (records[index] as string[]).length;
    if (length > 1) frequency.set(length, (frequency.get(length) ?? 0) + 1);
  }
  let width = 1;
  let most = 0;
  for (const [length, count] of frequency) {
    if (count > most) {
      width = length;
      most = count;
    }
  }
  return width;
}

function columnRef(index: number | undefined, header: readonly string[] | null): ColumnRef | undefined {
  if (index === undefined) return undefined;
  const name = header?.[index]?.trim();
  if (!header || !name) return index;
  const duplicated = header.filter((cell) => cell.trim().toLowerCase() === name.toLowerCase()).length > 1;
  return duplicated ? index : name;
}

function detectedColumns(plan: ColumnPlan, header: readonly string[] | null): DetectedColumns {
  const columns: DetectedColumns = { date: columnRef(plan.date ?? undefined, header) ?? null };
  for (const role of ['amount', 'debit', 'credit', 'type', 'payee', 'note', 'category'] as const) {
    const ref = columnRef(plan[role], header);
    if (ref !== undefined) columns[role] = ref;
  }
  return columns;
}

function headerSummary(header: readonly string[], line: number): string {
  return `The header row (line ${line}) has: ${header.map((cell) => `"${cell.trim()}"`).join(', ')}.`;
}

function requireColumns(plan: ColumnPlan, header: readonly string[] | null, headerLine: number): void {
  const where = header
    ? `${headerSummary(header, headerLine)} Choose the column to use.`
    : 'The file has no header row naming one; choose the column by its number.';
  if (plan.date === null) throw new ImportFileError(`No date column was found. ${where}`);
  if (plan.amount === undefined && plan.debit === undefined && plan.credit === undefined) {
    throw new ImportFileError(`No amount column was found. ${where}`);
  }
}

function sampleOf(
  records: readonly string[][],
  start: number,
  fits: (record: string[]) => boolean,
): string[][] {
  const sample: string[][] = [];
  for (let index = start; index < records.length && sample.length < SAMPLE_ROWS; index++) {
    const record = records[index] as string[];
    if (fits(record) && !isBlank(record)) sample.push(record);
  }
  return sample;
}

/** Decimal separator shown by the sample's number cells, before the columns are known. */
function sampleDecimal(sample: readonly string[][], fallback: Decimal): Decimal {
  const numbers: string[] = [];
  for (const record of sample) {
    for (const cell of record) if (!looksLikeDate(cell) && looksLikeAmount(cell)) numbers.push(cell);
  }
  return detectDecimal(numbers, fallback);
}

function cellsOf(records: readonly string[][], start: number, columns: (number | undefined)[]): string[] {
  const cells: string[] = [];
  for (let index = start; index < records.length; index++) {
    const record = records[index] as string[];
    for (const column of columns) {
      if (column === undefined) continue;
      const cell = record[column];
      if (cell !== undefined && cell !== '') cells.push(cell);
    }
  }
  return cells;
}

const HAS_DIGIT = /\d/;
// A word in the date cell ("Endsaldo 28.02.2025", "Total 12", "Anzahl Buchungen: 9") makes it a label.
const LABEL_WORD = /\p{L}{4,}/u;

/** CSV and other delimited text: header or not, preamble and footer lines, every column guessed. */
export function parseCsv(text: string, encoding: string, options: ParseOptions): ParsedFile {
  const { records, lines, delimiter } = readCsvTable(text, options);
  const headerIndex = findHeaderRow(records) ?? findTextHeader(records, modalWidth(records, 0));
  const header = headerIndex === null ? null : (records[headerIndex] as string[]);
  const headerLine = headerIndex === null ? 0 : (lines[headerIndex] as number);
  const start = headerIndex === null ? 0 : headerIndex + 1;
  const tableWidth = modalWidth(records, start);
  const width = Math.max(tableWidth, header?.length ?? 0);
  const fits = (record: string[]) => record.length === tableWidth || record.length === header?.length;

  const fallbackDecimal: Decimal = delimiter === ';' ? ',' : '.';
  const sample = sampleOf(records, start, fits);
  const guessed = guessColumns(header, sample, width, sampleDecimal(sample, fallbackDecimal));
  const plan = applyColumnOverrides(guessed, options, header, width);
  requireColumns(plan, header, headerLine);
  const dateColumn = plan.date as number;

  const amountCells = cellsOf(records, start, [plan.amount, plan.debit, plan.credit]);
  const decimal = options.decimal ?? detectDecimal(amountCells, fallbackDecimal);
  const dateCells = cellsOf(records, start, [dateColumn]);
  const dayFirst =
    decimal === ',' ||
    delimiter === ';' ||
    amountCells.slice(0, SAMPLE_ROWS).some((cell) => DAY_FIRST_MONEY.test(cell));
  const dateFormat = options.dateFormat ?? detectDateFormat(dateCells, { dayFirst, today: todayForDates() });
  if (dateFormat === null && dateCells.length > 0) {
    throw new ImportFileError(
      `The date column holds no dates in a format we know (for example "${dateCells[0]?.slice(0, 40)}").`,
    );
  }
  const reader = new CsvRecordReader({ ...plan, date: dateColumn }, decimal, dateFormat ?? 'YYYY-MM-DD');

  // Data rows run from the first to the last record that has a date, or has the table's shape and a date
  // cell with digits but no label in it (a broken date, reported). Preamble and footer lines (totals,
  // counts, opening and closing balances) outside them are dropped.
  const isData = (record: string[]) => {
    if (reader.date(record) !== null) return true;
    const cell = record[dateColumn] ?? '';
    return fits(record) && HAS_DIGIT.test(cell) && !LABEL_WORD.test(cell);
  };
  let first = start;
  while (first < records.length && !isData(records[first] as string[])) first++;
  let last = records.length - 1;
  while (last >= first && !isData(records[last] as string[])) last--;

  const headerDate = header?.[dateColumn]?.trim();
  const rows: ParsedRow[] = [];
  for (let index = first; index <= last; index++) {
    const record = records[index] as string[];
    if (isBlank(record)) continue;
    if (headerDate !== undefined && record[dateColumn]?.trim() === headerDate) continue;
    const values = reader.values(record, lines[index] as number);
    if (isBalanceLine(record, values)) continue;
    if (rows.length === MAX_IMPORT_ROWS) throw tooManyRows();
    rows.push(toParsedRow(values, options.invert ?? false));
  }

  return {
    format: 'csv',
    detected: {
      delimiter,
      encoding,
      headerRow: header ? headerLine : null,
      dateFormat: dateFormat ?? 'YYYY-MM-DD',
      decimal,
      columns: detectedColumns(plan, header),
      headers: header ? header.map((name) => name.trim()) : null,
      columnCount: width,
    },
    rows,
  };
}
