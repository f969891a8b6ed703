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

/** A formatter per zone: building one is far slower than using it. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date "YYYY-MM-DD" in an IANA time zone (UTC by default) at `now`. */
export function todayIn(timeZone = 'UTC', now: Date = new Date()): string {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, format);
  }
  return format.format(now);
}

/**
 * The current month "YYYY-MM" in an IANA time zone (UTC by default). Wherever a month is optional it means
 * the user's current month, in their own zone: near midnight on the last day, Tokyo is a month ahead of UTC.
 */
export function currentMonth(now: Date = new Date(), timeZone = 'UTC'): string {
  return todayIn(timeZone, now).slice(0, 7);
}

/**
 * An IANA time zone name as the runtime knows it ("Europe/Berlin", "UTC"), written in its canonical case.
 * Offsets like "+01:00" are refused: they do not follow daylight saving time.
 */
export const timeZone = z
  .string({ error: 'This field is required.' })
  .trim()
  .max(64, { error: 'Enter a valid IANA time zone, e.g. Europe/Berlin or UTC.' })
  .transform((value, ctx) => {
    try {
      if (!/^[A-Za-z][\w+/-]*$/.test(value)) throw new RangeError(value);
      return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Enter a valid IANA time zone, e.g. Europe/Berlin or UTC.' });
      return z.NEVER;
    }
  })
  .meta({ description: 'IANA time zone', examples: ['Europe/Berlin'] });

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
