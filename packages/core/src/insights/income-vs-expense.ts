import { monthOrCurrent } from '../accounts/time-zone';
import type { Database } from '../db/client';
import { getMonthlySummary } from '../summaries/service';
import { toCents } from '../validation/money';
import type { IncomeVsExpense } from './schemas';

/** get_income_vs_expense(user_id, month): read from the stored monthly summary, not recomputed. */
export async function getIncomeVsExpense(
  db: Database,
  userId: number,
  month?: string,
): Promise<IncomeVsExpense> {
  const summary = await getMonthlySummary(db, userId, { month: await monthOrCurrent(db, userId, month) });
  const income = toCents(summary.totalIncome);
  return {
    month: summary.month,
    income: summary.totalIncome,
    expense: summary.totalExpense,
    savings: summary.savings,
    savingsRate: income > 0 ? Math.round((1000 * toCents(summary.savings)) / income) / 10 : null,
  };
}
