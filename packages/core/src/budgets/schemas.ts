import { z } from 'zod';
import { isoMonth } from '../validation/dates';
import { id } from '../validation/ids';
import { money } from '../validation/money';

export const createBudgetInput = z.strictObject({
  categoryId: id,
  /** The monthly limit. */
  amount: money,
  /** The first budgeted month; the user's current month when omitted. */
  startMonth: isoMonth.optional(),
  /** Carry what is left over (or overspent) at a month's end into the next month. */
  rollover: z.boolean({ error: 'Must be true or false.' }).default(false),
});
export type CreateBudgetInput = z.input<typeof createBudgetInput>;

export const updateBudgetInput = z.strictObject({
  id,
  /** Moves the budget, with its history of limits, to another category. */
  categoryId: id.optional(),
  /** A new monthly limit, from `effectiveMonth` on; earlier months keep the limit they had. */
  amount: money.optional(),
  /** The first month the new amount applies to; the user's current month when omitted. */
  effectiveMonth: isoMonth.optional(),
  startMonth: isoMonth.optional(),
  rollover: z.boolean({ error: 'Must be true or false.' }).optional(),
});
export type UpdateBudgetInput = z.input<typeof updateBudgetInput>;

export const budgetStatusInput = z.strictObject({
  /** "YYYY-MM"; the user's current month (in their time zone) when omitted. */
  month: isoMonth.optional(),
});
export type BudgetStatusInput = z.input<typeof budgetStatusInput>;

export interface BudgetChange {
  /** The first month ("YYYY-MM") this limit applies to. */
  month: string;
  amount: string;
}

export interface Budget {
  id: number;
  categoryId: number;
  category: string;
  /** The limit that applies in the user's current month (or from the start month, for a future budget). */
  amount: string;
  startMonth: string;
  rollover: boolean;
  /** Every limit the budget has had, oldest first. */
  changes: BudgetChange[];
  createdAt: string;
  updatedAt: string;
}

export const BUDGET_STATUSES = ['ok', 'warning', 'over'] as const;
export type BudgetState = (typeof BUDGET_STATUSES)[number];

/** At this share of the month's limit a budget turns from "ok" to "warning" (and an alert goes out). */
export const BUDGET_WARNING_PERCENT = 80;

export interface BudgetLine {
  budget: number;
  categoryId: number;
  category: string;
  /** This month's limit. */
  limit: string;
  /** Left over (positive) or overspent (negative) from earlier months, for a rollover budget; else 0. */
  carriedIn: string;
  /** Expenses in the category this month (transfers are never spending). */
  spent: string;
  /** limit + carriedIn − spent; negative when over. */
  remaining: string;
  /** spent ÷ (limit + carriedIn) in percent, one decimal; null when nothing was available. */
  percent: number | null;
  status: BudgetState;
  rollover: boolean;
}

export interface BudgetStatus {
  month: string;
  budgets: BudgetLine[];
  totals: { limit: string; carriedIn: string; spent: string; remaining: string; percent: number | null };
  /** Expenses this month in categories without a budget. */
  unbudgeted: string;
}
