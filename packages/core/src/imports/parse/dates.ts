import { MAX_YEAR, MIN_YEAR } from '../../validation/dates';
import { monthFromName } from './month-names';

/**
 * Every date layout the parser reads. A time after the date is allowed and ignored, except in plain ISO,
 * so that a column of ISO timestamps (with a 'T' or a space) is reported as 'YYYY-MM-DDTHH:mm:ss'.
 */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYY-MM-DDTHH:mm:ss',
  'YYYY/MM/DD',
  'YYYY.MM.DD',
  'YYYYMMDD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'DD/MM/YY',
  'MM/DD/YY',
  'DD.MM.YY',
  'DD-MM-YY',
  'MM-DD-YY',
  'D MMM YYYY',
  'D MMM YY',
  'MMM D, YYYY',
] as const;

export type DateFormat = (typeof DATE_FORMATS)[number];

type FieldOrder = 'ymd' | 'dmy' | 'mdy';

interface Layout {
  pattern: RegExp;
  order: FieldOrder;
  monthName: boolean;
}

const TIME = String.raw`(?:[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)`;
const OPTIONAL_TIME = `${TIME}?`;
const MONTH_NAME = String.raw`(\p{L}{3,})\.?`;
const NAME_GAP = String.raw`[\s./-]*`;

function numeric(order: FieldOrder, separator: string, yearDigits: 2 | 4, time = OPTIONAL_TIME): Layout {
  const sep = separator === '' ? '' : `\\${separator}`;
  const year = `(\\d{${yearDigits}})`;
  const part = separator === '' ? '(\\d{2})' : '(\\d{1,2})';
  const body = order === 'ymd' ? `${year}${sep}${part}${sep}${part}` : `${part}${sep}${part}${sep}${year}`;
  return { pattern: new RegExp(`^${body}${time}$`), order, monthName: false };
}

function named(order: 'dmy' | 'mdy', yearDigits: 2 | 4): Layout {
  const year = `(\\d{${yearDigits}})`;
  const body =
    order === 'dmy'
      ? `(\\d{1,2})\\.?${NAME_GAP}${MONTH_NAME}${NAME_GAP}${year}`
      : `${MONTH_NAME}\\s*(\\d{1,2})(?:st|nd|rd|th)?,?\\s*${year}`;
  return { pattern: new RegExp(`^${body}${OPTIONAL_TIME}$`, 'u'), order, monthName: true };
}

const LAYOUTS: Record<DateFormat, Layout> = {
  // A column where only some ISO dates carry a time is read whole by the timestamp layout; without any
  // time both read every cell and the tie goes to plain ISO, the first of the list.
  'YYYY-MM-DD': numeric('ymd', '-', 4, ''),
  'YYYY-MM-DDTHH:mm:ss': numeric('ymd', '-', 4),
  'YYYY/MM/DD': numeric('ymd', '/', 4),
  'YYYY.MM.DD': numeric('ymd', '.', 4),
  YYYYMMDD: numeric('ymd', '', 4),
  'DD/MM/YYYY': numeric('dmy', '/', 4),
  'MM/DD/YYYY': numeric('mdy', '/', 4),
  'DD.MM.YYYY': numeric('dmy', '.', 4),
  'DD-MM-YYYY': numeric('dmy', '-', 4),
  'MM-DD-YYYY': numeric('mdy', '-', 4),
  'DD/MM/YY': numeric('dmy', '/', 2),
  'MM/DD/YY': numeric('mdy', '/', 2),
  'DD.MM.YY': numeric('dmy', '.', 2),
  'DD-MM-YY': numeric('dmy', '-', 2),
  'MM-DD-YY': numeric('mdy', '-', 2),
  'D MMM YYYY': named('dmy', 4),
  'D MMM YY': named('dmy', 2),
  'MMM D, YYYY': named('mdy', 4),
};

export function isDateFormat(value: string): value is DateFormat {
  return Object.hasOwn(LAYOUTS, value);
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length !== 2) return year;
  // Two-digit years: a bank statement is recent, so 00-69 are this century and 70-99 the last one.
  return year < 70 ? 2000 + year : 1900 + year;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function iso(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The cell as an ISO date under `format`, or null when it is not a real date in that layout. */
export function parseDate(cell: string, format: DateFormat): string | null {
  const layout = LAYOUTS[format];
  const match = layout.pattern.exec(cell.trim());
  if (!match) return null;
  const [, first = '', second = '', third = ''] = match;
  if (layout.order === 'ymd') return iso(Number(first), Number(second), Number(third));
  if (layout.monthName) {
    const month = monthFromName(layout.order === 'dmy' ? second : first);
    if (month === undefined) return null;
    return iso(fullYear(third), month, Number(layout.order === 'dmy' ? first : second));
  }
  const day = Number(layout.order === 'dmy' ? first : second);
  const month = Number(layout.order === 'dmy' ? second : first);
  return iso(fullYear(third), month, day);
}

/** Whether the cell is a date in any layout: how a date column is recognised by its content. */
export function looksLikeDate(cell: string): boolean {
  return DATE_FORMATS.some((format) => parseDate(cell, format) !== null);
}

export interface DateHints {
  /** Decimal comma, ';' delimiter or a European currency: day before month when nothing else decides. */
  dayFirst: boolean;
  /** ISO date of today, for the "no statement is from the future" tie-breaker. */
  today: string;
}

const SAMPLE_SIZE = 200;

function countParsed(cells: readonly string[], format: DateFormat): number {
  let count = 0;
  for (const cell of cells) if (parseDate(cell, format) !== null) count++;
  return count;
}

interface Reading {
  format: DateFormat;
  future: number;
  /** Share of neighbouring rows in date order (either direction): statements are sorted. */
  order: number;
}

function readingOf(cells: readonly string[], format: DateFormat, today: string): Reading {
  let future = 0;
  let ascending = 0;
  let descending = 0;
  let pairs = 0;
  let previous: string | null = null;
  for (const cell of cells) {
    const date = parseDate(cell, format);
    if (date === null) continue;
    if (date > today) future++;
    if (previous !== null) {
      pairs++;
      if (date >= previous) ascending++;
      if (date <= previous) descending++;
    }
    previous = date;
  }
  return { format, future, order: pairs === 0 ? 1 : Math.max(ascending, descending) / pairs };
}

function dayFirst(format: DateFormat): boolean {
  return LAYOUTS[format].order === 'dmy';
}

function breakTie(cells: readonly string[], formats: DateFormat[], hints: DateHints): DateFormat {
  const readings = formats.map((format) => readingOf(cells, format, hints.today));
  readings.sort(
    (a, b) =>
      a.future - b.future ||
      (Math.abs(a.order - b.order) > 0.02 ? b.order - a.order : 0) ||
      Number(dayFirst(b.format) === hints.dayFirst) - Number(dayFirst(a.format) === hints.dayFirst),
  );
  return (readings[0] as Reading).format;
}

/**
 * The one layout that reads the most cells of the column, judged on every cell: a sample narrows the
 * candidates, and the whole column settles ties such as 03/04/2025 (the 25/04/2025 further down decides).
 * Null when no layout reads any cell.
 */
export function detectDateFormat(cells: readonly string[], hints: DateHints): DateFormat | null {
  const sample: string[] = [];
  for (const cell of cells) {
    if (cell.trim() === '') continue;
    sample.push(cell);
    if (sample.length === SAMPLE_SIZE) break;
  }
  let best = 0;
  let candidates: DateFormat[] = [];
  for (const format of DATE_FORMATS) {
    const count = countParsed(sample, format);
    if (count > best) {
      best = count;
      candidates = [format];
    } else if (count === best && count > 0) {
      candidates.push(format);
    }
  }
  if (best === 0) return null;
  if (candidates.length > 1 && cells.length > sample.length) {
    const counts = candidates.map((format) => countParsed(cells, format));
    const most = Math.max(...counts);
    candidates = candidates.filter((_, index) => counts[index] === most);
  }
  return candidates.length === 1 ? (candidates[0] as DateFormat) : breakTie(cells, candidates, hints);
}

/** Today as ISO in UTC, two days ahead so that time zones never make today's rows "future". */
export function todayForDates(now = new Date()): string {
  const ahead = new Date(now.getTime() + 2 * 24 * 60 * 60 * 1000);
  return ahead.toISOString().slice(0, 10);
}
