/**
 * The numbers behind a chart's axes: round tick values for the amount axis and short month labels. Amounts are
 * only turned into numbers here, for drawing; every figure a person reads is formatted from the decimal string.
 */

import { dateTimeFormat, numberFormat } from '../../lib/intl-formats';

/** 0 and 3 to 5 round steps up to at least `max` (1, 2, 2.5 or 5 times a power of ten). */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let value = 0; value < max + step / 2 && ticks.length <= count + 1; value += step) ticks.push(value);
  if ((ticks.at(-1) ?? 0) < max) ticks.push(ticks.length * step);
  return ticks;
}

/** An amount axis label: "€4.2K" in en-US, "4200 €" in de-DE; whole units, the currency's own symbol. */
export function axisMoney(locale: string, currency: string): (value: number) => string {
  const format = numberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  return (value) => format.format(value);
}

/** The month's short name ("Jan", "Jan."), and its year for the first bar and every January. */
export function monthTick(
  isoMonth: string,
  locale: string,
  index: number,
): { month: string; year: string | null } {
  const [year, month] = isoMonth.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
  return {
    month: dateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(date),
    year:
      index === 0 || month === 1
        ? dateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }).format(date)
        : null,
  };
}
