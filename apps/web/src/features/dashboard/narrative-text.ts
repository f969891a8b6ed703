import { formatPercent } from '../../lib/format';
import { numberFormat } from '../../lib/intl-formats';
import { type Anomaly, fromCents, type MonthNarrative, toCents } from '../../lib/schemas';

/**
 * The dashboard's sentences, built in the browser from the server's numbers (never from its English
 * prose, which has US-formatted amounts and ISO dates in it), so every amount, month and date reads the
 * way the user's locale writes them.
 */
export interface Formats {
  /** "4.200,00 €" */
  money(amount: string): string;
  /** "Dezember 2026" */
  month(isoMonth: string): string;
  /** "12,5 %" */
  percent(value: number): string;
  /** "2.1×", "2,1×" */
  times(value: number): string;
}

/** "Rent, Groceries and Transport". */
function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The month in a few sentences: income and spending, savings, the top categories, the trend, budgets. */
export function narrativeSentences(narrative: MonthNarrative, f: Formats): string[] {
  const sentences: string[] = [];
  const month = f.month(narrative.month);
  if (narrative.income === '0.00' && narrative.expense === '0.00') {
    return [`No transactions were recorded in ${month}.`];
  }
  const savings = toCents(narrative.savings);
  const rate =
    narrative.savingsRate === null ? '' : ` (${f.percent(Math.abs(narrative.savingsRate))} of income)`;
  sentences.push(
    `In ${month} you earned ${f.money(narrative.income)} and spent ${f.money(narrative.expense)}, ` +
      (savings >= 0
        ? `saving ${f.money(narrative.savings)}${rate}.`
        : `spending ${f.money(fromCents(-savings))} more than you earned${rate}.`),
  );
  if (narrative.topCategories.length > 0) {
    const top = narrative.topCategories.map(
      (row) => `${row.category} (${f.money(row.total)}, ${f.percent(row.share)})`,
    );
    sentences.push(`Most went to ${listOf(top)}.`);
  }
  const average = narrative.recentAverageExpense;
  if (average !== null && toCents(average) > 0 && narrative.expense !== '0.00') {
    const change = Math.round((100 * (toCents(narrative.expense) - toCents(average))) / toCents(average));
    sentences.push(
      change === 0
        ? `Spending matched your recent monthly average (${f.money(average)}).`
        : `Spending was ${f.percent(Math.abs(change))} ${change > 0 ? 'higher' : 'lower'} than your recent monthly average (${f.money(average)}).`,
    );
  }
  const over = narrative.budgetsAtRisk.filter((budget) => budget.status === 'over');
  const near = narrative.budgetsAtRisk.filter((budget) => budget.status === 'warning');
  const used = (budget: MonthNarrative['budgetsAtRisk'][number]) =>
    budget.percent === null
      ? `${budget.category} (${f.money(budget.spent)} spent)`
      : `${budget.category} (${f.percent(budget.percent)} used)`;
  if (over.length > 0) sentences.push(`Over budget: ${listOf(over.map(used))}.`);
  if (near.length > 0) sentences.push(`Close to the limit: ${listOf(near.map(used))}.`);
  if (narrative.anomalies > 0) {
    sentences.push(
      narrative.anomalies === 1
        ? 'One thing is worth a look: see below.'
        : `${narrative.anomalies} things are worth a look: see below.`,
    );
  }
  return sentences;
}

/** One unusual thing, in a sentence: what, how much, and against what usual amount. */
export function anomalyText(anomaly: Anomaly, f: Formats, date?: (isoDate: string) => string): string {
  const observed = f.money(anomaly.observed);
  const baseline = toCents(anomaly.baseline);
  const times = baseline > 0 ? f.times(toCents(anomaly.observed) / baseline) : null;
  switch (anomaly.kind) {
    case 'large_transaction': {
      const when = anomaly.date && date ? ` on ${date(anomaly.date)}` : '';
      return times
        ? `A single expense of ${observed} in ${anomaly.category}${when}, ${times} its usual ${f.money(anomaly.baseline)} per transaction.`
        : `A single expense of ${observed} in ${anomaly.category}${when}.`;
    }
    case 'category_spike':
      return times
        ? `${anomaly.category}: ${observed} this month, ${times} the usual ${f.money(anomaly.baseline)}.`
        : `${anomaly.category}: ${observed} this month.`;
    case 'new_category':
      return baseline > 0
        ? `${anomaly.category} is rarely used: ${observed} this month, against at most ${f.money(anomaly.baseline)} in a month before.`
        : `First spending on ${anomaly.category}: ${observed} this month.`;
  }
}

/** The formats for a locale and currency: what the dashboard's sentences use. */
export function formatsFor(
  locale: string,
  money: (amount: string) => string,
  month: (isoMonth: string) => string,
): Formats {
  const times = numberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return {
    money,
    month,
    percent: (value) => formatPercent(value, locale),
    times: (value) => `${times.format(value)}×`,
  };
}
