import { describe, expect, it } from 'vitest';
import { formatMoney, formatMonth } from '../../lib/format';
import type { Anomaly, MonthNarrative } from '../../lib/schemas';
import { anomalyText, formatsFor, narrativeSentences } from './narrative-text';

const de = formatsFor(
  'de-DE',
  (amount) => formatMoney(amount, 'EUR', 'de-DE'),
  (month) => formatMonth(month, 'de-DE'),
);
const us = formatsFor(
  'en-US',
  (amount) => formatMoney(amount, 'USD', 'en-US'),
  (month) => formatMonth(month, 'en-US'),
);
const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const month: MonthNarrative = {
  month: '2026-11',
  text: 'In November 2026 you earned €4,200.00 …',
  income: '4200.00',
  expense: '3150.50',
  savings: '1049.50',
  savingsRate: 25,
  topCategories: [
    { category: 'Rent', total: '1200.00', share: 38.1 },
    { category: 'Groceries', total: '450.25', share: 14.3 },
  ],
  recentAverageExpense: '2800.00',
  anomalies: 1,
  budgetsAtRisk: [{ category: 'Dining out', spent: '210.00', limit: '200.00', percent: 105, status: 'over' }],
};

describe('the month in words, from the numbers', () => {
  it('writes every amount and month the way the locale does, never the server’s English figures', () => {
    expect(nbsp(narrativeSentences(month, de).join(' '))).toBe(
      'In November 2026 you earned 4.200,00 € and spent 3.150,50 €, saving 1.049,50 € (25% of income). ' +
        'Most went to Rent (1.200,00 €, 38,1%) and Groceries (450,25 €, 14,3%). ' +
        'Spending was 13% higher than your recent monthly average (2.800,00 €). ' +
        'Over budget: Dining out (105% used). One thing is worth a look: see below.',
    );
    expect(narrativeSentences(month, us)[0]).toBe(
      'In November 2026 you earned $4,200.00 and spent $3,150.50, saving $1,049.50 (25% of income).',
    );
  });

  it('says when more went out than came in, and when nothing happened', () => {
    const overspent = { ...month, savings: '-200.00', savingsRate: -5, topCategories: [], budgetsAtRisk: [] };
    expect(narrativeSentences({ ...overspent, anomalies: 0, recentAverageExpense: null }, us)).toEqual([
      'In November 2026 you earned $4,200.00 and spent $3,150.50, spending $200.00 more than you earned (5% of income).',
    ]);
    expect(narrativeSentences({ ...month, income: '0.00', expense: '0.00' }, us)).toEqual([
      'No transactions were recorded in November 2026.',
    ]);
  });
});

describe('anomalies in words', () => {
  const large: Anomaly = {
    kind: 'large_transaction',
    categoryId: 3,
    category: 'Electronics',
    transactionId: 9,
    date: '2026-11-02',
    observed: '1299.00',
    baseline: '82.50',
    reason: 'A single 1299.00 expense in Electronics on 2026-11-02, 15.7× its usual 82.50 per transaction.',
  };
  it('formats the amounts and the ratio in the locale', () => {
    expect(nbsp(anomalyText(large, de))).toBe(
      'A single expense of 1.299,00 € in Electronics, 15,7× its usual 82,50 € per transaction.',
    );
    expect(anomalyText({ ...large, kind: 'category_spike', transactionId: null }, us)).toBe(
      'Electronics: $1,299.00 this month, 15.7× the usual $82.50.',
    );
    expect(anomalyText({ ...large, kind: 'new_category', baseline: '0.00' }, us)).toBe(
      'First spending on Electronics: $1,299.00 this month.',
    );
    expect(anomalyText({ ...large, kind: 'new_category' }, us)).toBe(
      'Electronics is rarely used: $1,299.00 this month, against at most $82.50 in a month before.',
    );
  });
});
