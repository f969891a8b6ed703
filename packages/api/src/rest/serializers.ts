import type { Category, MonthlySummary, Profile, Transaction } from '@finsight/core/schemas';

const camelToSnake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** An input field's wire name: snake_case, and the category id travels as `category` (as clients send it). */
export function snakeCase(key: string): string {
  return key === 'categoryId' ? 'category' : camelToSnake(key);
}

/** Deep camelCase -> snake_case of a JSON value's keys (insight outputs keep `category_id`). */
export function toSnakeCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnakeCase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [camelToSnake(key), toSnakeCase(inner)]),
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
