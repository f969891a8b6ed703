import { lastDayOf } from '../../lib/format';
import type { AlertKind } from '../../lib/schemas';

/** The bell's name for screen readers: "3 unread alerts". */
export function unreadLabel(count: number): string {
  if (count === 0) return 'No unread alerts';
  return `${count.toLocaleString('en-US')} unread ${count === 1 ? 'alert' : 'alerts'}`;
}

/** What the badge shows: the count, capped so it stays a badge. */
export const badgeText = (count: number): string => (count > 99 ? '99+' : String(count));

export const KIND_ICONS: Record<AlertKind, string> = {
  BUDGET_WARNING: '!',
  BUDGET_OVER: '✕',
  ANOMALY: '↗',
  RECURRING_PRICE: '↻',
  RECURRING_MISSED: '?',
};

export const KIND_TITLES: Record<AlertKind, string> = {
  BUDGET_WARNING: 'Budget nearly spent',
  BUDGET_OVER: 'Over budget',
  ANOMALY: 'Unusual spending',
  RECURRING_PRICE: 'Price change',
  RECURRING_MISSED: 'Payment missing',
};

const MONTH = /^\d{4}-\d{2}$/;

/**
 * Where an alert leads, as a path inside the app. Anything that is not a plain path (another origin, a
 * scheme) goes to the dashboard instead; the transactions page takes a month as a date range.
 */
export function alertHref(link: string): string {
  if (!link.startsWith('/') || link.startsWith('//') || link.includes('\\')) return '/';
  const url = new URL(link, 'https://finsight.invalid');
  const month = url.searchParams.get('month');
  if (url.pathname === '/transactions' && month && MONTH.test(month)) {
    url.searchParams.delete('month');
    if (!url.searchParams.has('from')) url.searchParams.set('from', `${month}-01`);
    if (!url.searchParams.has('to')) url.searchParams.set('to', lastDayOf(month));
  }
  return url.pathname + url.search;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "yesterday", "3 days ago", then the date ("Nov 2, 2026"). */
export function timeAgo(isoTimestamp: string, now: number = Date.now(), locale?: string): string {
  const elapsed = now - Date.parse(isoTimestamp);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(isoTimestamp));
}
