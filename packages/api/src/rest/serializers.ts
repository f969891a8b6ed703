import type { Category, MonthlySummary, Profile, Transaction } from '@finsight/core/schemas';

/** The documented framework's field names: snake_case throughout, the category as `category`. */
export function snakeCase(key: string): string {
  if (key === 'categoryId') return 'category';
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Deep camelCase -> snake_case of a JSON value's keys. */
export function toSnakeCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnakeCase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`),
      toSnakeCase(inner),
    ]),
  );
}

export const categoryJson = (category: Category) => ({ id: category.id, name: category.name });

export const transactionJson = (transaction: Transaction) => ({
  id: transaction.id,
  category: transaction.categoryId,
  type: transaction.type,
  amount: transaction.amount,
  date: transaction.date,
  note: transaction.note,
  created_at: transaction.createdAt,
});

export const userJson = (profile: Profile) => ({
  id: profile.id,
  username: profile.username,
  email: profile.email,
});

export const summaryJson = (summary: MonthlySummary) => ({
  year: summary.year,
  month: summary.monthNumber,
  total_income: summary.totalIncome,
  total_expense: summary.totalExpense,
  savings: summary.savings,
  transaction_count: summary.transactionCount,
  updated_at: summary.updatedAt,
});
