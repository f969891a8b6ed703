import { describe, expect, it } from 'vitest';
import { formatAmountInput, parseAmount, readAmount, supportedLocale } from './locale-numbers';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('reading amounts as people type them', () => {
  it('en-US: comma groups, point decimals', () => {
    expect(parseAmount('1,234.50', 'en-US')).toBe('1234.50');
    expect(parseAmount('1234.5', 'en-US')).toBe('1234.50');
    expect(parseAmount(' -12.5', 'en-US')).toBe('-12.50');
    expect(parseAmount('$12.50', 'en-US')).toBe('12.50');
    expect(parseAmount('12', 'en-US')).toBe('12.00');
    expect(parseAmount('.5', 'en-US')).toBe('0.50');
    expect(parseAmount('1,234,567', 'en-US')).toBe('1234567.00');
  });

  it('en-US: refuses what could be read two ways, or is no amount', () => {
    expect(parseAmount('1,5', 'en-US')).toBeNull();
    expect(parseAmount('12.345', 'en-US')).toBeNull();
    expect(parseAmount('1.2.3', 'en-US')).toBeNull();
    expect(parseAmount('12a', 'en-US')).toBeNull();
    expect(parseAmount('USD 12', 'en-US')).toBeNull();
    expect(parseAmount('', 'en-US')).toBeNull();
    expect(parseAmount('-', 'en-US')).toBeNull();
    expect(parseAmount('1,23,4', 'en-US')).toBeNull();
    expect(parseAmount('12.', 'en-US')).toBeNull();
  });

  it('de-DE: point groups, comma decimals', () => {
    expect(parseAmount('1.234,50', 'de-DE')).toBe('1234.50');
    expect(parseAmount('1234,5', 'de-DE')).toBe('1234.50');
    expect(parseAmount('12,50 €', 'de-DE')).toBe('12.50');
    expect(parseAmount('-0,01', 'de-DE')).toBe('-0.01');
    expect(parseAmount('1.234', 'de-DE')).toBe('1234.00');
    expect(parseAmount('12.50', 'de-DE')).toBeNull();
    expect(parseAmount('1,234,50', 'de-DE')).toBeNull();
    expect(parseAmount('12,345', 'de-DE')).toBeNull();
  });

  it('fr-FR: any space groups, comma decimals, a keypad point is read as the decimal', () => {
    expect(parseAmount(`1${NNBSP}234,50`, 'fr-FR')).toBe('1234.50');
    expect(parseAmount(`1${NBSP}234,50`, 'fr-FR')).toBe('1234.50');
    expect(parseAmount('1 234,50 €', 'fr-FR')).toBe('1234.50');
    expect(parseAmount('12.5', 'fr-FR')).toBe('12.50');
    expect(parseAmount('1 234.5', 'fr-FR')).toBe('1234.50');
    expect(parseAmount('12,5.0', 'fr-FR')).toBeNull();
  });

  it('de-CH: apostrophe groups, typed straight or curly', () => {
    expect(parseAmount('1’234.50', 'de-CH')).toBe('1234.50');
    expect(parseAmount("1'234.50", 'de-CH')).toBe('1234.50');
    expect(parseAmount('CHF 12.50', 'de-CH')).toBeNull();
    expect(parseAmount('-12.05', 'de-CH')).toBe('-12.05');
  });

  it('en-IN: lakh grouping as well as thousands', () => {
    expect(parseAmount('12,34,567.50', 'en-IN')).toBe('1234567.50');
    expect(parseAmount('1,234,567.50', 'en-IN')).toBe('1234567.50');
    expect(parseAmount('₹1,00,000', 'en-IN')).toBe('100000.00');
    expect(parseAmount('1,2,345', 'en-IN')).toBeNull();
  });

  it('ja-JP: yen amounts and full-width-free input', () => {
    expect(parseAmount('¥1,234', 'ja-JP')).toBe('1234.00');
    expect(parseAmount('1234.5', 'ja-JP')).toBe('1234.50');
  });

  it('reads a locale’s own digits and minus sign', () => {
    expect(parseAmount('١٬٢٣٤٫٥٠', 'ar-EG')).toBe('1234.50');
    expect(parseAmount('\u22121 234,50', 'sv-SE')).toBe('-1234.50');
  });

  it('normalises zeros', () => {
    expect(parseAmount('-0', 'en-US')).toBe('0.00');
    expect(parseAmount('007.10', 'en-US')).toBe('7.10');
  });
});

describe('writing amounts for an input', () => {
  it('uses the locale’s decimal separator, no grouping, no currency', () => {
    expect(formatAmountInput('1234.50', 'en-US')).toBe('1234.50');
    expect(formatAmountInput('1234.50', 'de-DE')).toBe('1234,50');
    expect(formatAmountInput('-1234.5', 'fr-FR')).toBe('-1234,50');
    expect(formatAmountInput('1234.50', 'de-CH')).toBe('1234.50');
    expect(formatAmountInput('1234567.00', 'en-IN')).toBe('1234567.00');
    expect(formatAmountInput('1234', 'ja-JP')).toBe('1234.00');
    expect(formatAmountInput('-5.00', 'sv-SE')).toBe('-5,00');
    expect(formatAmountInput('999999999999.99', 'de-DE')).toBe('999999999999,99');
  });

  it('round-trips through parseAmount in every locale', () => {
    for (const locale of ['en-US', 'de-DE', 'fr-FR', 'de-CH', 'en-IN', 'ja-JP', 'ar-EG', 'sv-SE']) {
      expect(parseAmount(formatAmountInput('-1234567.05', locale), locale)).toBe('-1234567.05');
    }
  });

  it('leaves what is not a decimal string alone', () => {
    expect(formatAmountInput('', 'de-DE')).toBe('');
  });
});

describe('amount fields', () => {
  it('reads a blank as no amount and explains what to type instead of something unreadable', () => {
    expect(readAmount('  ', 'de-DE')).toEqual({ ok: true, amount: undefined });
    expect(readAmount('1.234,5', 'de-DE')).toEqual({ ok: true, amount: '1234.50' });
    expect(readAmount('12.345,678', 'de-DE')).toEqual({
      ok: false,
      message: 'Enter the amount as a number with at most two decimals, such as 1234,50.',
    });
  });
});

describe('locale tags', () => {
  it('canonicalises what the runtime can format with and refuses the rest', () => {
    expect(supportedLocale('de-de')).toBe('de-DE');
    expect(supportedLocale('not a tag')).toBeNull();
    expect(supportedLocale(null)).toBeNull();
    // An unusable tag reads amounts as en-US does, rather than failing.
    expect(parseAmount('1,234.50', 'not a tag')).toBe('1234.50');
  });
});
