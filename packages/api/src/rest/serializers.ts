import type { JsonTextLayout } from '@finsight/core';
import type { Category, MonthlySummary, Profile, Transaction } from '@finsight/core/schemas';
import type { z } from 'zod';
import type { profileResource } from './account-resources';
import type { summaryResource, transactionResource, userResource } from './resources';

const camelToSnake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Core field names whose wire name is not simply their snake_case. */
const WIRE_NAMES: Record<string, string> = {
  categoryId: 'category',
  accountId: 'account',
  fromAccountId: 'from_account',
  toAccountId: 'to_account',
  transferId: 'transfer',
  preferredCurrency: 'currency',
};

/** An input field's wire name: snake_case, and the category id travels as `category` (as clients send it). */
export function snakeCase(key: string): string {
  return WIRE_NAMES[key] ?? camelToSnake(key);
}

type SnakeKey<Key extends string> = Key extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeKey<Tail>}`
  : Key;

/** A value's type with every object key in snake_case, as `toSnakeCase` returns it. */
export type SnakeCased<Value> = Value extends readonly (infer Item)[]
  ? SnakeCased<Item>[]
  : Value extends object
    ? { [Key in keyof Value as Key extends string ? SnakeKey<Key> : Key]: SnakeCased<Value[Key]> }
    : Value;

/** Deep camelCase -> snake_case of a JSON value's keys (insight outputs keep `category_id`). */
export function toSnakeCase<Value>(value: Value): SnakeCased<Value> {
  if (Array.isArray(value)) return value.map(toSnakeCase) as SnakeCased<Value>;
  if (value === null || typeof value !== 'object') return value as SnakeCased<Value>;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [camelToSnake(key), toSnakeCase(inner)]),
  ) as SnakeCased<Value>;
}

export const categoryJson = (category: Category) => ({
  id: category.id,
  name: category.name,
  kind: category.kind,
});

export const transactionJson = (transaction: Transaction): z.output<typeof transactionResource> => ({
  id: transaction.id,
  category: transaction.categoryId,
  type: transaction.type,
  amount: transaction.amount,
  date: transaction.date,
  note: transaction.note,
  created_at: transaction.createdAt,
  account: transaction.accountId,
  payee: transaction.payee,
  transfer: transaction.transferId,
});

export const userJson = (profile: Profile): z.output<typeof userResource> => ({
  id: profile.id,
  username: profile.username,
  email: profile.email,
});

export const profileJson = (profile: Profile): z.output<typeof profileResource> => ({
  id: profile.id,
  username: profile.username,
  email: profile.email,
  currency: profile.preferredCurrency,
  time_zone: profile.timeZone,
  locale: profile.locale,
  two_factor_enabled: profile.twoFactorEnabled,
  created_at: profile.createdAt,
});

export const summaryJson = (summary: MonthlySummary): z.output<typeof summaryResource> => ({
  year: summary.year,
  month: summary.monthNumber,
  total_income: summary.totalIncome,
  total_expense: summary.totalExpense,
  savings: summary.savings,
  transaction_count: summary.transactionCount,
  updated_at: summary.updatedAt,
});

/**
 * A transaction as REST's JSON text, written directly: what `transactionJson` and the response serializer
 * make together, without the intermediate object. Streamed lists and exports write hundreds of thousands
 * of rows, and every object per row is garbage the collector has to catch up with. The strings PostgreSQL
 * wrote (type, amount, date, timestamp) need no escaping; the note is escaped by JSON.stringify.
 */
export function transactionJsonText(t: Transaction & { runningBalance?: string }): string {
  const running = t.runningBalance === undefined ? '' : `,"running_balance":"${t.runningBalance}"`;
  return `{"id":${t.id},"category":${t.categoryId},"type":"${t.type}","amount":"${t.amount}","date":"${t.date}","note":${JSON.stringify(t.note)},"created_at":"${t.createdAt}","account":${t.accountId},"payee":${JSON.stringify(t.payee)},"transfer":${t.transferId}${running}}`;
}

/**
 * The same object's keys and fields, for PostgreSQL to write a whole streamed list as this text itself
 * (`streamTransactionsAsJson`); a test holds the two to the same bytes.
 */
export const TRANSACTION_JSON_LAYOUT = [
  ['id', 'id'],
  ['category', 'categoryId'],
  ['type', 'type'],
  ['amount', 'amount'],
  ['date', 'date'],
  ['note', 'note'],
  ['created_at', 'createdAt'],
  ['account', 'accountId'],
  ['payee', 'payee'],
  ['transfer', 'transferId'],
] as const satisfies JsonTextLayout;
