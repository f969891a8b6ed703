import { dateTimeFormat } from '../../lib/intl-formats';

const ORDINALS = new Intl.PluralRules('en-US', { type: 'ordinal' });
const SUFFIXES: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' };

/** 1 -> "1st", 22 -> "22nd", 31 -> "31st", 11 -> "11th". */
export const ordinal = (day: number): string => `${day}${SUFFIXES[ORDINALS.select(day)] ?? 'th'}`;

/** "the 31st": the last day of a "YYYY-MM" month. */
export function monthEndText(isoMonth: string): string {
  const [year, month] = isoMonth.split('-').map(Number);
  return `the ${ordinal(new Date(Date.UTC(year ?? 1970, month ?? 1, 0)).getUTCDate())}`;
}

/** "Dec 15": a date within the month on screen. */
export function shortDate(isoDate: string, locale?: string): string {
  return dateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** "for the 29 days left", "for the 1 day left". */
export const daysLeftText = (days: number): string => `for the ${days} ${days === 1 ? 'day' : 'days'} left`;
