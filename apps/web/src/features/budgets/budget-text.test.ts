import { describe, expect, it } from 'vitest';
import {
  availableOf,
  type BudgetLine,
  barValue,
  byUsage,
  carryText,
  totalsUsage,
  usageText,
} from './budget-text';

const money = (amount: string) => `$${amount}`;
const line = (changes: Partial<BudgetLine>): BudgetLine => ({
  budget: 1,
  categoryId: 4,
  category: 'Groceries',
  limit: '450.00',
  carriedIn: '35.20',
  spent: '397.86',
  remaining: '87.34',
  percent: 82,
  status: 'warning',
  rollover: true,
  ...changes,
});

describe('a budget in words', () => {
  it('takes the percent of the limit plus what was carried in', () => {
    expect(availableOf(line({}))).toBe('485.20');
    expect(availableOf(line({ carriedIn: '-20.00' }))).toBe('430.00');
    expect(usageText(line({}), money)).toBe('82% of $485.20');
    expect(usageText(line({ percent: null, carriedIn: '-450.00', spent: '10.00' }), money)).toBe(
      '$10.00 spent, nothing available',
    );
  });

  it('keeps the bar between 0 and 100, however far over the budget is', () => {
    expect(barValue({ percent: 82.4, status: 'warning' })).toBe(82);
    expect(barValue({ percent: 164.2, status: 'over' })).toBe(100);
    expect(barValue({ percent: null, status: 'over' })).toBe(100);
    expect(barValue({ percent: null, status: 'ok' })).toBe(0);
  });

  it('says what was carried in, only for a rollover budget', () => {
    expect(carryText(line({}), money)).toBe('+$35.20 carried in');
    expect(carryText(line({ carriedIn: '-20.00' }), money)).toBe('−$20.00 overspent last month');
    expect(carryText(line({ carriedIn: '0.00' }), money)).toBe('Rolls over: nothing carried in');
    expect(carryText(line({ rollover: false, carriedIn: '0.00' }), money)).toBeNull();
  });

  it('gives the totals the same thresholds as one budget', () => {
    const totals = { limit: '1000.00', carriedIn: '0.00', spent: '800.00', remaining: '200.00', percent: 80 };
    expect(totalsUsage(totals).status).toBe('warning');
    expect(totalsUsage({ ...totals, spent: '799.99', percent: 80 }).status).toBe('ok');
    expect(totalsUsage({ ...totals, spent: '1000.01', percent: 100 }).status).toBe('over');
  });

  it('puts the fullest budgets first', () => {
    const lines = [
      line({ budget: 1, category: 'Rent', percent: 50 }),
      line({ budget: 2, category: 'Fun', percent: null, status: 'over' }),
      line({ budget: 3, category: 'Food', percent: 90 }),
    ];
    expect(byUsage(lines).map((l) => l.category)).toEqual(['Fun', 'Food', 'Rent']);
  });
});
