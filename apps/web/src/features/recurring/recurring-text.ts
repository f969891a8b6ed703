import { formatDate, formatPercent } from '../../lib/format';
import type { RecurringCadence } from '../../lib/schemas';
import type { RouterOutputs } from '../../lib/trpc';

export type Series = RouterOutputs['recurring']['list'][number];
type Money = (amount: string) => string;

export const CADENCE_WORDS: Record<RecurringCadence, string> = {
  WEEKLY: 'Every week',
  BIWEEKLY: 'Every two weeks',
  MONTHLY: 'Every month',
  QUARTERLY: 'Every three months',
  YEARLY: 'Every year',
};

/** "$12.99", or "About $12.99 ($9.99–$14.99)" when the amount varies. */
export function amountText(series: Pick<Series, 'amount' | 'amountMin' | 'amountMax'>, money: Money): string {
  if (series.amountMin === series.amountMax) return money(series.amount);
  return `About ${money(series.amount)} (${money(series.amountMin)}–${money(series.amountMax)})`;
}

/** "High confidence (92%)": how regular the history is, in words first. */
export function confidenceText(confidence: number, locale?: string): string {
  const word = confidence >= 0.8 ? 'High' : confidence >= 0.5 ? 'Medium' : 'Low';
  return `${word} confidence (${formatPercent(Math.round(confidence * 100), locale)})`;
}

const dayNumber = (isoDate: string) => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);

/** "Dec 15, 2026 (in 13 days)", "Dec 2, 2026 (today)", "Nov 28, 2026 (4 days late)"; the date in `locale`. */
export function nextText(nextExpected: string, today: string, locale?: string): string {
  const days = dayNumber(nextExpected) - dayNumber(today);
  const when =
    days === 0
      ? 'today'
      : days === 1
        ? 'tomorrow'
        : days > 1
          ? `in ${days} days`
          : `${-days} ${days === -1 ? 'day' : 'days'} late`;
  return `${formatDate(nextExpected, locale)} (${when})`;
}
