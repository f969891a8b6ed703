import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

// Bounds keep typos like 20260-01-01 or 0026-01-01 out of the books.
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

function dayExists(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date "YYYY-MM-DD" that exists (no 2023-02-30). */
export const isoDate = z
  .string({ error: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.' })
  .refine(
    (value) => {
      const match = ISO_DATE.exec(value);
      if (!match) return false;
      const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
      return year >= MIN_YEAR && year <= MAX_YEAR && dayExists(year, month, day);
    },
    { message: 'Enter a valid date in the format YYYY-MM-DD.' },
  )
  .meta({ description: 'Calendar date, YYYY-MM-DD', examples: ['2026-11-24'] });

/** A calendar month "YYYY-MM". */
export const isoMonth = z
  .string({ error: 'Enter a valid month in the format YYYY-MM.' })
  .refine(
    (value) => {
      const match = ISO_MONTH.exec(value);
      if (!match) return false;
      const year = Number(match[1]);
      const month = Number(match[2]);
      return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12;
    },
    { message: 'Enter a valid month in the format YYYY-MM.' },
  )
  .meta({ description: 'Calendar month, YYYY-MM', examples: ['2026-11'] });

export interface MonthRange {
  year: number;
  month: number;
  /** First day of the month, inclusive. */
  start: string;
  /** First day of the next month, exclusive. */
  end: string;
}

/** Month arithmetic on "YYYY-MM" strings; `offset` moves by whole months. */
export function monthRange(isoMonthValue: string, offset = 0): MonthRange {
  const [yearText, monthText] = isoMonthValue.split('-');
  const index = Number(yearText) * 12 + (Number(monthText) - 1) + offset;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const nextYear = Math.floor((index + 1) / 12);
  const nextMonth = ((index + 1) % 12) + 1;
  return {
    year,
    month,
    start: `${formatMonth(year, month)}-01`,
    end: `${formatMonth(nextYear, nextMonth)}-01`,
  };
}

export function formatMonth(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The current month in UTC, the default wherever a month is optional. */
export function currentMonth(now: Date = new Date()): string {
  return formatMonth(now.getUTCFullYear(), now.getUTCMonth() + 1);
}

/**
 * A check for an object with a date range: its first day must not come after its last. Both fields are
 * named, so a form can mark both and an HTTP client sees the names it sent (`from`/`to`, `start`/`end`).
 */
export function checkDateOrder<First extends string, Last extends string>(first: First, last: Last) {
  return (range: { [Key in First | Last]?: string | undefined }, ctx: z.RefinementCtx): void => {
    const from = range[first];
    const to = range[last];
    if (from === undefined || to === undefined || from <= to) return;
    ctx.addIssue({ code: 'custom', path: [first], message: `Must be on or before "${last}".` });
    ctx.addIssue({ code: 'custom', path: [last], message: `Must be on or after "${first}".` });
  };
}
