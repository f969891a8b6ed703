import { describe, expect, it } from 'vitest';
import { applyRuleActions, globMatches, ruleMatches } from './matcher';

const subject = {
  payee: 'AMZN Mktp US*2K3LL1',
  note: 'Card purchase',
  amount: '23.40',
  type: 'EXPENSE' as const,
  accountId: 1,
};

describe('a rule pattern', () => {
  it.each([
    ['amzn mktp*', 'AMZN Mktp US*2K3LL1', true],
    ['*mktp us*', 'AMZN Mktp US*2K3LL1', true],
    ['AMZN?Mktp*', 'AMZN Mktp US', true],
    ['amzn', 'AMZN Mktp US', false],
    ['*', '', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
  ])('%j against %j is %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });

  it('takes linear time even on a pattern that makes backtracking regular expressions explode', () => {
    const text = 'a'.repeat(5000);
    const pattern = `${'*a'.repeat(90)}b`;
    const started = performance.now();
    expect(globMatches(pattern, text)).toBe(false);
    // A regular expression /^(.*a){90}b$/ never returns on this input; the matcher is O(text × pattern).
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('a rule', () => {
  it('matches when every condition holds', () => {
    const rule = {
      conditions: [
        { field: 'payee' as const, operator: 'matches' as const, value: 'AMZN MKTP*' },
        { field: 'note' as const, operator: 'contains' as const, value: 'card' },
      ],
      amountMin: '10.00',
      amountMax: '50.00',
      type: 'EXPENSE' as const,
    };
    expect(ruleMatches(rule, subject)).toBe(true);
    expect(ruleMatches({ ...rule, amountMax: '20.00' }, subject)).toBe(false);
    expect(ruleMatches({ ...rule, type: 'INCOME' }, subject)).toBe(false);
    expect(ruleMatches({ ...rule, accountId: 2 }, subject)).toBe(false);
    expect(
      ruleMatches({ conditions: [{ field: 'payee', operator: 'equals', value: 'amzn' }] }, subject),
    ).toBe(false);
  });

  it('applies in order: later categories and payees win, and a note is appended once', () => {
    const rules = [
      {
        conditions: [{ field: 'payee' as const, operator: 'matches' as const, value: 'amzn*' }],
        actions: { renamePayee: 'Amazon', categoryId: 1 },
      },
      {
        // Sees the payee as the first rule left it.
        conditions: [{ field: 'payee' as const, operator: 'equals' as const, value: 'amazon' }],
        actions: { categoryId: 2, appendNote: '#online' },
      },
    ];
    const outcome = applyRuleActions(rules, subject, 1000);
    expect(outcome).toEqual({ payee: 'Amazon', categoryId: 2, note: 'Card purchase #online' });
    expect(applyRuleActions(rules, { ...subject, note: outcome.note }, 1000).note).toBe(
      'Card purchase #online',
    );
  });
});
