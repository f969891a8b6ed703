import { z } from 'zod';
import { isoMonth } from '../validation/dates';
import { id } from '../validation/ids';

export const monthInput = z.strictObject({
  /** Defaults to the current month (UTC). */
  month: isoMonth.optional(),
});
export type MonthInput = z.input<typeof monthInput>;

export const TREND_MAX_MONTHS = 36;

export const trendInput = z.strictObject({
  /** The last month of the trend; defaults to the current month (UTC). */
  endMonth: isoMonth.optional(),
  months: z.number().int().min(1).max(TREND_MAX_MONTHS).default(12),
  /** One category's months instead of the whole account's (from the derived `category_months`). */
  categoryId: id.optional(),
});
export type TrendInput = z.input<typeof trendInput>;

export interface MonthlySummary {
  month: string;
  year: number;
  monthNumber: number;
  totalIncome: string;
  totalExpense: string;
  savings: string;
  transactionCount: number;
  /** When the stored summary last changed; null for a month without transactions. */
  updatedAt: string | null;
}

export interface TrendPoint {
  month: string;
  income: string;
  expense: string;
  savings: string;
}
