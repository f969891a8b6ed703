import { describe, expect, it } from 'vitest';
import { dateTimeFormat, formatCount, numberFormat } from './intl-formats';

describe('shared Intl formatters', () => {
  it('build one formatter per locale and options, and reuse it', () => {
    expect(numberFormat('de-DE', { style: 'currency', currency: 'EUR' })).toBe(
      numberFormat('de-DE', { style: 'currency', currency: 'EUR' }),
    );
    expect(numberFormat('de-DE', { style: 'currency', currency: 'EUR' })).not.toBe(
      numberFormat('de-DE', { style: 'currency', currency: 'USD' }),
    );
    expect(dateTimeFormat('en-GB', { dateStyle: 'medium' })).toBe(
      dateTimeFormat('en-GB', { dateStyle: 'medium' }),
    );
    expect(dateTimeFormat('en-GB', { dateStyle: 'medium' })).not.toBe(
      dateTimeFormat('en-US', { dateStyle: 'medium' }),
    );
  });

  it('format as the uncached Intl objects would', () => {
    expect(numberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(-1234.5)).toBe(
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(-1234.5),
    );
    expect(formatCount(1200, 'de-DE')).toBe('1.200');
    expect(formatCount(1200, 'en-IN')).toBe((1200).toLocaleString('en-IN'));
    expect(formatCount(12000000, 'en-IN')).toBe('1,20,00,000');
  });
});
