import { eq } from 'drizzle-orm';
import { monthOrCurrent } from '../accounts/time-zone';
import { getBudgetStatus } from '../budgets/service';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import { notFound } from '../errors';
import { getMonthlyTrend } from '../summaries/service';
import { monthRange } from '../validation/dates';
import { fromCents, toCents } from '../validation/money';
import { getAnomalies } from './anomalies';
import { getCategoryBreakdown } from './category-breakdown';
import { getIncomeVsExpense } from './income-vs-expense';
import type { MonthNarrative } from './schemas';

const TOP_CATEGORIES = 3;
const RECENT_MONTHS = 3;

/**
 * summarize_month: a few plain sentences about a month — income, spending, savings rate, the top
 * categories, the change against the user's recent months, and the anomalies — built from the same
 * numbers the other insights return, so the text can never disagree with them. Deterministic: no model.
 */
export async function summarizeMonth(
  db: Database,
  userId: number,
  monthArg?: string,
): Promise<MonthNarrative> {
  const month = await monthOrCurrent(db, userId, monthArg);
  const [user] = await db
    .select({ currency: users.preferredCurrency })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw notFound();
  const [totals, breakdown, anomalies, trend, budgets] = await Promise.all([
    getIncomeVsExpense(db, userId, month),
    getCategoryBreakdown(db, userId, month),
    getAnomalies(db, userId, month),
    getMonthlyTrend(db, userId, { endMonth: monthRange(month, -1).start.slice(0, 7), months: RECENT_MONTHS }),
    getBudgetStatus(db, userId, { month }),
  ]);
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: user.currency });
  const format = (amount: string) => money.format(amount as unknown as number);
  const monthName = new Intl.DateTimeFormat('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));

  const sentences: string[] = [];
  if (totals.income === '0.00' && totals.expense === '0.00') {
    sentences.push(`No transactions were recorded in ${monthName}.`);
  } else {
    const saved = toCents(totals.savings) >= 0;
    const rate = totals.savingsRate === null ? '' : ` (${Math.abs(totals.savingsRate)}% of income)`;
    sentences.push(
      `In ${monthName} you earned ${format(totals.income)} and spent ${format(totals.expense)}, ` +
        (saved
          ? `saving ${format(totals.savings)}${rate}.`
          : `spending ${format(fromCents(-toCents(totals.savings)))} more than you earned${rate}.`),
    );
  }
  const top = breakdown.categories.slice(0, TOP_CATEGORIES);
  if (top.length > 0) {
    sentences.push(
      `Most went to ${top.map((c) => `${c.category} (${format(c.total)}, ${c.share}%)`).join(', ')}.`,
    );
  }
  const recent = trend.filter((point) => point.expense !== '0.00');
  let recentAverage: string | null = null;
  if (recent.length > 0 && totals.expense !== '0.00') {
    const average = Math.round(
      recent.reduce((sum, point) => sum + toCents(point.expense), 0) / recent.length,
    );
    recentAverage = fromCents(average);
    const change = Math.round((100 * (toCents(totals.expense) - average)) / average);
    sentences.push(
      change === 0
        ? `Spending matched your average of the previous ${recent.length} month${recent.length === 1 ? '' : 's'} (${format(recentAverage)}).`
        : `Spending was ${Math.abs(change)}% ${change > 0 ? 'higher' : 'lower'} than your average of the previous ${recent.length} month${recent.length === 1 ? '' : 's'} (${format(recentAverage)}).`,
    );
  }
  if (anomalies.anomalies.length > 0) {
    sentences.push(`Worth a look: ${anomalies.anomalies.map((a) => a.reason).join(' ')}`);
  }
  const atRisk = budgets.budgets.filter((b) => b.status !== 'ok');
  const over = atRisk.filter((b) => b.status === 'over');
  const near = atRisk.filter((b) => b.status === 'warning');
  const budgetText = [
    over.length > 0 &&
      `Over budget: ${over.map((b) => `${b.category} (${format(b.spent)} of ${format(fromCents(toCents(b.limit) + toCents(b.carriedIn)))})`).join(', ')}.`,
    near.length > 0 &&
      `Close to the limit: ${near.map((b) => `${b.category} (${b.percent}% used, ${format(b.remaining)} left)`).join(', ')}.`,
  ].filter(Boolean);
  if (budgetText.length > 0) sentences.push(budgetText.join(' '));
  return {
    month,
    text: sentences.join(' '),
    income: totals.income,
    expense: totals.expense,
    savings: totals.savings,
    savingsRate: totals.savingsRate,
    topCategories: top.map((c) => ({ category: c.category, total: c.total, share: c.share })),
    recentAverageExpense: recentAverage,
    anomalies: anomalies.anomalies.length,
    budgetsAtRisk: atRisk.map((b) => ({
      category: b.category,
      spent: b.spent,
      limit: b.limit,
      percent: b.percent,
      status: b.status,
    })),
  };
}
