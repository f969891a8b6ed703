import type { Rule } from '../../lib/schemas';

const OPERATORS = { contains: 'contains', equals: 'is', matches: 'matches' } as const;

/**
 * "payee contains “REWE”, amount $10.00–$100.00, expenses, in Main account": what a rule looks for. Amounts are
 * written by `formatAmount` (the user's currency and locale).
 */
export function describeConditions(
  rule: Rule,
  accountName: (id: number) => string | undefined,
  formatAmount: (amount: string) => string = (amount) => amount,
): string {
  const parts = rule.conditions.map(
    (condition) => `${condition.field} ${OPERATORS[condition.operator]} “${condition.value}”`,
  );
  const { amountMin, amountMax } = rule;
  if (amountMin && amountMax) parts.push(`amount ${formatAmount(amountMin)}–${formatAmount(amountMax)}`);
  else if (amountMin) parts.push(`amount at least ${formatAmount(amountMin)}`);
  else if (amountMax) parts.push(`amount at most ${formatAmount(amountMax)}`);
  if (rule.type) parts.push(rule.type === 'INCOME' ? 'income only' : 'expenses only');
  if (rule.accountId !== undefined) parts.push(`in ${accountName(rule.accountId) ?? 'one account'}`);
  return parts.join(', ');
}

/** "category → Groceries, payee → “REWE”, note + “weekly”": what a rule does. */
export function describeActions(rule: Rule, categoryName: (id: number) => string | undefined): string {
  const { categoryId, renamePayee, appendNote } = rule.actions;
  const parts: string[] = [];
  if (categoryId !== undefined) parts.push(`category → ${categoryName(categoryId) ?? 'a category'}`);
  if (renamePayee) parts.push(`payee → “${renamePayee}”`);
  if (appendNote) parts.push(`note + “${appendNote}”`);
  return parts.join(', ');
}
