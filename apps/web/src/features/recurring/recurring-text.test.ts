import { describe, expect, it } from 'vitest';
import { amountText, confidenceText, nextText } from './recurring-text';

const money = (amount: string) => `$${amount}`;

describe('recurring payments in words', () => {
  it('gives the typical amount, and the range when it varies', () => {
    expect(amountText({ amount: '12.99', amountMin: '12.99', amountMax: '12.99' }, money)).toBe('$12.99');
    expect(amountText({ amount: '61.00', amountMin: '55.20', amountMax: '70.10' }, money)).toBe(
      'About $61.00 ($55.20–$70.10)',
    );
  });

  it('says how sure finsight is', () => {
    expect(confidenceText(0.92)).toBe('High confidence (92%)');
    expect(confidenceText(0.6)).toBe('Medium confidence (60%)');
    expect(confidenceText(0.3)).toBe('Low confidence (30%)');
  });

  it('says when the next payment is due, or how late it is', () => {
    expect(nextText('2026-12-15', '2026-12-02')).toMatch(/\(in 13 days\)$/);
    expect(nextText('2026-12-03', '2026-12-02')).toMatch(/\(tomorrow\)$/);
    expect(nextText('2026-12-02', '2026-12-02')).toMatch(/\(today\)$/);
    expect(nextText('2026-11-28', '2026-12-02')).toMatch(/\(4 days late\)$/);
  });
});
