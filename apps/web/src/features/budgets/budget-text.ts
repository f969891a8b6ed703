import { formatPercent } from '../../lib/format';
import { BUDGET_WARNING_PERCENT, type BudgetState, fromCents, toCents } from '../../lib/schemas';
import type { RouterOutputs } from '../../lib/trpc';

export type BudgetLine = RouterOutputs['budgets']['status']['budgets'][number];
type Totals = RouterOutputs['budgets']['status']['totals'];
/** What a bar shows: one budget's line, or the month's totals with their status. */
export type Usage = Pick<BudgetLine, 'limit' | 'carriedIn' | 'spent' | 'percent' | 'status'>;
type Money = (amount: string) => string;

/** What the month's percent is taken of: the limit plus what was carried in (minus what was overspent). */
export const availableOf = (line: Pick<BudgetLine, 'limit' | 'carriedIn'>): string =>
  fromCents(toCents(line.limit) + toCents(line.carriedIn));

export const STATUS_TEXT: Record<BudgetState, string> = {
  ok: 'On track',
  warning: 'Nearly spent',
  over: 'Over budget',
};

/** "82% of $485.20", or what stands in for it when nothing was available this month. */
export function usageText(line: Usage, money: Money, locale?: string): string {
  const available = availableOf(line);
  if (line.percent === null) {
    return toCents(line.spent) > 0
      ? `${money(line.spent)} spent, nothing available`
      : `Nothing available (${money(available)})`;
  }
  return `${formatPercent(line.percent, locale)} of ${money(available)}`;
}

/** The bar's value for aria-valuenow and its width: 0–100, however far over the budget is. */
export function barValue(line: Pick<BudgetLine, 'percent' | 'status'>): number {
  if (line.percent === null) return line.status === 'over' ? 100 : 0;
  return Math.min(100, Math.max(0, Math.round(line.percent)));
}

/** The month's totals as a bar: warning and over at the same thresholds as a single budget. */
export function totalsUsage(totals: Totals): Usage {
  const spent = toCents(totals.spent);
  const available = toCents(totals.limit) + toCents(totals.carriedIn);
  const status: BudgetState =
    spent > available || (available <= 0 && spent > 0)
      ? 'over'
      : available > 0 && 100 * spent >= BUDGET_WARNING_PERCENT * available
        ? 'warning'
        : 'ok';
  return { ...totals, status };
}

/** "+$35.20 carried in", "−$20.00 overspent last month"; null without rollover or carry-over. */
export function carryText(line: BudgetLine, money: Money): string | null {
  if (!line.rollover) return null;
  const cents = toCents(line.carriedIn);
  if (cents > 0) return `+${money(line.carriedIn)} carried in`;
  if (cents < 0) return `−${money(fromCents(-cents))} overspent last month`;
  return 'Rolls over: nothing carried in';
}

/** Fullest first: what the dashboard shows. A budget with nothing available but spending counts as full. */
export function byUsage(lines: BudgetLine[]): BudgetLine[] {
  const rank = (line: BudgetLine) => line.percent ?? (line.status === 'over' ? Number.POSITIVE_INFINITY : 0);
  return [...lines].sort((a, b) => rank(b) - rank(a) || a.category.localeCompare(b.category));
}
