import { describe, expect, it } from 'vitest';
import { daysLeftText, monthEndText, ordinal, shortDate } from './forecast-text';

describe('the forecast in words', () => {
  it('names the last day of the month', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 30, 31].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '30th',
      '31st',
    ]);
    expect(monthEndText('2026-12')).toBe('the 31st');
    expect(monthEndText('2028-02')).toBe('the 29th');
    expect(daysLeftText(1)).toBe('for the 1 day left');
    expect(daysLeftText(29)).toBe('for the 29 days left');
  });

  it('names a day of the month the way the locale writes it', () => {
    expect(shortDate('2026-12-15', 'en-US')).toBe('Dec 15');
    expect(shortDate('2026-12-15', 'de-DE')).toBe('15. Dez.');
  });
});
