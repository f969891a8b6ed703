import { describe, expect, it } from 'vitest';
import { describeTransaction, ruleFromTransactionHref, transferLabel } from './transaction-text';

const groceries = {
  type: 'EXPENSE' as const,
  amount: '120.50',
  date: '2026-10-05',
  payee: 'REWE Markt',
  note: 'Weekly shop',
  categoryId: 3,
  categoryName: 'Groceries',
  transferId: null,
};
const transferOut = {
  ...groceries,
  payee: '',
  note: '',
  categoryId: null,
  categoryName: null,
  transferId: 9,
};

describe('transactions in words', () => {
  it('names a row by category, amount, date and payee', () => {
    expect(describeTransaction(groceries)).toBe('Groceries 120.50 on 2026-10-05, REWE Markt');
    expect(describeTransaction({ ...groceries, payee: '' })).toBe('Groceries 120.50 on 2026-10-05');
    expect(describeTransaction(transferOut)).toBe('Transfer 120.50 on 2026-10-05');
    expect(describeTransaction(transferOut, () => 'Oct 5, 2026')).toBe('Transfer 120.50 on Oct 5, 2026');
  });

  it('points a transfer at the other account, in the direction the money went', () => {
    expect(transferLabel('EXPENSE', 'Savings')).toBe('Transfer → Savings');
    expect(transferLabel('INCOME', 'Main account')).toBe('Transfer ← Main account');
    expect(transferLabel('INCOME', undefined)).toBe('Transfer');
  });

  it('prefills a rule from the payee, or the note when there is no payee', () => {
    expect(ruleFromTransactionHref(groceries)).toBe('/rules?new=1&payee=REWE+Markt&category=3');
    expect(ruleFromTransactionHref({ ...groceries, payee: '' })).toBe(
      '/rules?new=1&note=Weekly+shop&category=3',
    );
  });
});
