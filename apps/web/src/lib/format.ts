/**
 * Formatting happens only here, at the edge: amounts stay decimal strings everywhere else. Every function takes
 * the user's locale (`useLocale()` from lib/locale.ts); without one the browser's default applies.
 */

import { dateTimeFormat, formatCount, numberFormat } from './intl-formats';

export function formatMoney(amount: string, currency: string, locale?: string): string {
  // Intl formats a decimal string exactly; it never becomes a binary float on the way.
  return numberFormat(locale, { style: 'currency', currency }).format(amount as unknown as number);
}

export function formatDate(isoDate: string, locale?: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

/** An ISO timestamp as a short local date and time ("Dec 1, 2026, 9:30 PM"). */
export function formatDateTime(isoTimestamp: string, locale?: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(isoTimestamp));
}

export function formatMonth(isoMonth: string, locale?: string, style: 'long' | 'short' = 'long'): string {
  const [year, month] = isoMonth.split('-').map(Number);
  return dateTimeFormat(locale, { month: style, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1)),
  );
}

export function formatPercent(value: number | null, locale?: string): string {
  if (value === null) return '—';
  return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(value)}%`;
}

export function shiftMonth(isoMonth: string, by: number): string {
  const [year, month] = isoMonth.split('-').map(Number);
  const index = (year ?? 1970) * 12 + (month ?? 1) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last day of a "YYYY-MM" month, for date-range filters. */
export function lastDayOf(isoMonth: string): string {
  const [year, month] = isoMonth.split('-').map(Number);
  const day = new Date(Date.UTC(year ?? 1970, month ?? 1, 0)).getUTCDate();
  return `${isoMonth}-${String(day).padStart(2, '0')}`;
}

/** "1 transaction", "3 transactions" (the number in the user's locale: "1.200 transactions" in de-DE). */
export function countOf(count: number, singular: string, plural = `${singular}s`, locale = 'en-US'): string {
  return `${formatCount(count, locale)} ${count === 1 ? singular : plural}`;
}
