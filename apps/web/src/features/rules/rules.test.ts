import { describe, expect, it } from 'vitest';
import type { Rule } from '../../lib/schemas';
import { amountErrors, draftFromQuery, draftFromRule, ruleValues } from './rule-draft';
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
    const values = ruleValues(draftFromRule(rule, 'en-US'), 'en-US');
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

describe('rule amounts in the user’s locale', () => {
  it('shows and reads amounts the way the locale writes them', () => {
    const draft = draftFromRule({ ...rule, amountMax: '1234.50' }, 'de-DE');
    expect([draft.amountMin, draft.amountMax]).toEqual(['10,00', '1234,50']);
    expect(ruleValues({ ...draft, amountMax: '1.234,5' }, 'de-DE')).toMatchObject({
      amountMin: '10.00',
      amountMax: '1234.50',
    });
    expect(amountErrors(draft, 'de-DE')).toEqual({});
  });

  it('explains an amount it cannot read, and a range the wrong way round', () => {
    const draft = draftFromRule(rule, 'en-US');
    expect(amountErrors({ ...draft, amountMin: '1,5' }, 'en-US')).toEqual({
      amountMin: ['Enter the amount as a number with at most two decimals, such as 1234.50.'],
    });
    expect(amountErrors({ ...draft, amountMin: '100', amountMax: '99.99' }, 'en-US')).toEqual({
      amountMax: ['Make this at least as large as “Amount at least”, or leave it blank.'],
    });
    // Compared as decimals, not as text: 9 is less than 10.
    expect(amountErrors({ ...draft, amountMin: '9', amountMax: '10' }, 'en-US')).toEqual({});
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
    expect(
      describeConditions(
        { ...rule, type: undefined, accountId: undefined },
        () => '',
        (a) => `€${a}`,
      ),
    ).toBe('payee contains “REWE”, amount at least €10.00');
  });
});
