import { z } from 'zod';
import { checkDateOrder, isoDate } from '../validation/dates';

export const GET_TRANSACTIONS_DEFAULT_LIMIT = 200;
export const GET_TRANSACTIONS_MAX_LIMIT = 1000;

export const dateRangeInput = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    /** At most this many transactions, newest first; `truncated` tells when more matched. */
    limit: z.number().int().min(1).max(GET_TRANSACTIONS_MAX_LIMIT).default(GET_TRANSACTIONS_DEFAULT_LIMIT),
  })
  .superRefine(checkDateOrder('from', 'to'));
export type DateRangeInput = z.input<typeof dateRangeInput>;

export interface InsightTransaction {
  id: number;
  date: string;
  type: 'INCOME' | 'EXPENSE';
  amount: string;
  category: string;
  note: string;
}

export interface TransactionsInRange {
  from: string;
  to: string;
  count: number;
  truncated: boolean;
  transactions: InsightTransaction[];
}

export interface CategoryShare {
  categoryId: number;
  category: string;
  total: string;
  /** Percentage of the month's expenses, one decimal. */
  share: number;
  transactions: number;
}

export interface CategoryBreakdown {
  month: string;
  totalExpense: string;
  categories: CategoryShare[];
}

export interface IncomeVsExpense {
  month: string;
  income: string;
  expense: string;
  savings: string;
  /** Savings as a percentage of income, one decimal; null without income. */
  savingsRate: number | null;
}

export const ANOMALY_KINDS = ['category_spike', 'large_transaction', 'new_category'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface Anomaly {
  kind: AnomalyKind;
  categoryId: number;
  category: string;
  /** Set when one transaction is the cause. */
  transactionId: number | null;
  /** That transaction's date ("YYYY-MM-DD"); null for a whole month's spending. */
  date: string | null;
  /** The month's category total, or the transaction's amount. */
  observed: string;
  /** What is usual for it: the median over the trailing months (0.00 for a new category). */
  baseline: string;
  reason: string;
}

export interface AnomalyReport {
  month: string;
  /** How many earlier months with spending the baseline was taken from. */
  historyMonths: number;
  anomalies: Anomaly[];
}

export interface MonthNarrative {
  month: string;
  /** A few plain sentences; every number in it is one of the fields below. */
  text: string;
  income: string;
  expense: string;
  savings: string;
  savingsRate: number | null;
  topCategories: { category: string; total: string; share: number }[];
  /** Average monthly spending over the previous months with spending; null without history. */
  recentAverageExpense: string | null;
  anomalies: number;
  /** Budgets at 80 % of their limit or past it in the month. */
  budgetsAtRisk: {
    category: string;
    spent: string;
    limit: string;
    percent: number | null;
    status: 'warning' | 'over' | 'ok';
  }[];
}
