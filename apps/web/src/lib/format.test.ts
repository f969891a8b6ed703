import { describe, expect, it } from 'vitest';
import {
  countOf,
  formatDate,
  formatMoney,
  formatMonth,
  formatPercent,
  lastDayOf,
  shiftMonth,
} from './format';

describe('formatting at the edge', () => {
  it('formats decimal strings exactly, in the user’s currency', () => {
    expect(formatMoney('1234.50', 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney('999999999999.99', 'USD', 'en-US')).toBe('$999,999,999,999.99');
    expect(formatMoney('-12.50', 'EUR', 'de-DE')).toBe('-12,50\u00a0€');
    expect(formatMoney('0.10', 'JPY', 'en-US')).toBe('¥0');
    expect(formatMoney('1234.50', 'EUR', 'fr-FR')).toBe('1\u202f234,50\u00a0€');
    expect(formatMoney('1234567.50', 'INR', 'en-IN')).toBe('₹12,34,567.50');
  });

  it('formats dates and months without shifting them by time zone', () => {
    expect(formatDate('2026-01-01', 'en-US')).toBe('Jan 1, 2026');
    expect(formatMonth('2026-11', 'en-GB')).toBe('November 2026');
    expect(formatDate('2026-01-01', 'de-DE')).toBe('01.01.2026');
  });

  it('does month arithmetic across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2026-04')).toBe('2026-04-30');
  });

  it('shows a missing percentage as a dash', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(12.345, 'en-US')).toBe('12.3%');
  });

  it('counts in words', () => {
    expect(countOf(1, 'transaction')).toBe('1 transaction');
    expect(countOf(1200, 'transaction')).toBe('1,200 transactions');
    expect(countOf(2, 'category', 'categories')).toBe('2 categories');
    expect(countOf(1200, 'transaction', undefined, 'de-DE')).toBe('1.200 transactions');
  });
});
