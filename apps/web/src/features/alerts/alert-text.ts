import { lastDayOf } from '../../lib/format';
import { dateTimeFormat, formatCount } from '../../lib/intl-formats';
import { type AlertKind, ANOMALY_KINDS, toCents } from '../../lib/schemas';
import { anomalyText, type Formats } from '../dashboard/narrative-text';

/** The bell's name for screen readers: "3 unread alerts". */
export function unreadLabel(count: number, locale = 'en-US'): string {
  if (count === 0) return 'No unread alerts';
  return `${formatCount(count, locale)} unread ${count === 1 ? 'alert' : 'alerts'}`;
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
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "just now", "5 minutes ago", "yesterday", "3 days ago", then the date in the user's locale ("Nov 2, 2026",
 * "02.11.2026"). The words are the app's language (English); only the date follows the locale.
 */
export function timeAgo(isoTimestamp: string, now: number = Date.now(), locale?: string): string {
  const elapsed = now - Date.parse(isoTimestamp);
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return RELATIVE.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return RELATIVE.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return RELATIVE.format(-Math.floor(elapsed / DAY), 'day');
  return dateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(isoTimestamp));
}

/** How the alert's sentence writes amounts, months and dates: the dashboard's formats and a date. */
export interface AlertFormats extends Formats {
  date(isoDate: string): string;
}

const CADENCES: Record<string, string> = {
  weekly: 'weekly',
  biweekly: 'every two weeks',
  monthly: 'monthly',
  quarterly: 'quarterly',
  yearly: 'yearly',
};

const MONEY = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;

/**
 * The alert in a sentence, worded here from its figures (`data`) so its amounts and dates follow the user's
 * locale; the server's English `message` (US amounts, ISO dates) only when the figures are not all there.
 */
export function alertMessage(
  alert: { kind: AlertKind; message: string; data: Record<string, unknown> },
  f: AlertFormats,
): string {
  const data = alert.data;
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  const amount = (key: string) => {
    const value = text(key);
    return value !== null && MONEY.test(value) ? value : null;
  };
  const date = (key: string) => {
    const value = text(key);
    return value !== null && ISO_DATE.test(value) ? value : null;
  };
  const month = text('month');
  switch (alert.kind) {
    case 'BUDGET_WARNING':
    case 'BUDGET_OVER': {
      const category = text('category_name');
      const spent = amount('spent');
      const available = amount('available');
      if (!category || !spent || !available || !month || !ISO_MONTH.test(month) || toCents(available) <= 0)
        break;
      const of = `${f.money(spent)} spent of ${f.money(available)}`;
      if (alert.kind === 'BUDGET_OVER')
        return `${category} has used its whole budget for ${f.month(month)}: ${of}.`;
      const percent = Math.floor((100 * toCents(spent)) / toCents(available));
      return `${category} has used ${f.percent(percent)} of its budget for ${f.month(month)}: ${of}.`;
    }
    case 'ANOMALY': {
      const kind = ANOMALY_KINDS.find((candidate) => candidate === data.kind);
      const category = text('category_name');
      const observed = amount('observed');
      const baseline = amount('baseline');
      if (!kind || !category || !observed || !baseline) break;
      return anomalyText(
        {
          kind,
          category,
          categoryId: typeof data.category === 'number' ? data.category : 0,
          transactionId: typeof data.transaction === 'number' ? data.transaction : null,
          date: typeof data.date === 'string' && ISO_DATE.test(data.date) ? data.date : null,
          observed,
          baseline,
          reason: '',
        },
        f,
      );
    }
    case 'RECURRING_PRICE': {
      const payee = text('payee');
      const previous = amount('previous');
      const latest = amount('amount');
      const when = date('date');
      if (!payee || !previous || !latest || !when) break;
      const direction = toCents(latest) > toCents(previous) ? 'went up' : 'went down';
      const cadence = CADENCES[text('cadence') ?? ''];
      return `${payee} ${direction} to ${f.money(latest)} from ${f.money(previous)}${cadence ? ` (${cadence})` : ''} on ${f.date(when)}.`;
    }
    case 'RECURRING_MISSED': {
      const payee = text('payee');
      const usual = amount('amount');
      const expected = date('expected');
      if (!payee || !usual || !expected) break;
      const cadence = CADENCES[text('cadence') ?? ''];
      return `${payee} (usually ${f.money(usual)}${cadence ? `, ${cadence}` : ''}) was expected on ${f.date(expected)} and has not arrived.`;
    }
  }
  return alert.message;
}
