import { describe, expect, it } from 'vitest';
import type { Rule } from '../../lib/schemas';
import { draftFromQuery, draftFromRule, ruleValues } from './rule-draft';
import { describeActions, describeConditions } from './rule-text';

const rule: Rule = {
  id: 1,
  name: 'Groceries',
  position: 2,
  conditions: [{ field: 'payee', operator: 'contains', value: 'REWE' }],
  amountMin: '10.00',
  type: 'EXPENSE',
  accountId: 4,
  actions: { categoryId: 3, renamePayee: 'REWE' },
  createdAt: '2026-10-01T00:00:00Z',
  updatedAt: '2026-10-01T00:00:00Z',
};

describe('rule drafts', () => {
  it('prefills “payee is …” and the category from a transaction', () => {
    const draft = draftFromQuery(new URLSearchParams('new=1&payee=REWE%20Markt&category=3'));
    expect(draft.conditions).toEqual([{ field: 'payee', operator: 'equals', value: 'REWE Markt' }]);
    expect(draft.categoryId).toBe('3');
    expect(draft.name).toBe('REWE Markt');
    expect(draftFromQuery(new URLSearchParams('note=Rent%20October')).conditions).toEqual([
      { field: 'note', operator: 'contains', value: 'Rent October' },
    ]);
    expect(draftFromQuery(new URLSearchParams('category=x')).categoryId).toBe('');
  });

  it('turns blanks into what is not there, and round-trips a rule', () => {
    const values = ruleValues(draftFromRule(rule));
    expect(values).toEqual({
      name: 'Groceries',
      position: 2,
      conditions: rule.conditions,
      amountMin: '10.00',
      amountMax: undefined,
      type: 'EXPENSE',
      accountId: 4,
      actions: { categoryId: 3, renamePayee: 'REWE', appendNote: undefined },
    });
  });
});

describe('rules in words', () => {
  it('says what a rule looks for and what it does', () => {
    expect(describeConditions(rule, (id) => (id === 4 ? 'Main account' : undefined))).toBe(
      'payee contains “REWE”, amount at least 10.00, expenses only, in Main account',
    );
    expect(describeActions(rule, () => 'Groceries')).toBe('category → Groceries, payee → “REWE”');
    expect(
      describeConditions({ ...rule, amountMax: '99.00', type: undefined, accountId: undefined }, () => ''),
    ).toBe('payee contains “REWE”, amount 10.00–99.00');
  });
});
