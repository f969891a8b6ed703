import { describe, expect, it } from 'vitest';
import { type Decimal, detectDecimal, parseAmount } from './amounts';

function signed(cell: string, decimal: Decimal = '.'): string | null {
  const reading = parseAmount(cell, decimal);
  if (reading === null) return null;
  if (!reading.ok) return reading.reason;
  const text = `${Math.floor(reading.cents / 100)}.${String(reading.cents % 100).padStart(2, '0')}`;
  return reading.negative ? `-${text}` : text;
}

describe('parseAmount', () => {
  it('reads plain signed amounts', () => {
    expect(signed('-45.20')).toBe('-45.20');
    expect(signed('+45.2')).toBe('45.20');
    expect(signed('45')).toBe('45.00');
    expect(signed('.50')).toBe('0.50');
    expect(signed('-45,20', ',')).toBe('-45.20');
  });

  it('reads thousands separators of every convention', () => {
    expect(signed('1,234.56')).toBe('1234.56');
    expect(signed('1.234,56', ',')).toBe('1234.56');
    expect(signed('1 234,56', ',')).toBe('1234.56');
    expect(signed('1\u00a0234,56', ',')).toBe('1234.56');
    expect(signed('1\u202f234,56', ',')).toBe('1234.56');
    expect(signed("1'234.56")).toBe('1234.56');
    expect(signed('1,234,567.00')).toBe('1234567.00');
  });

  it('reads (12.50) as negative', () => {
    expect(signed('(12.50)')).toBe('-12.50');
    expect(signed('($1,012.50)')).toBe('-1012.50');
  });

  it('reads a trailing minus as negative', () => {
    expect(signed('12.50-')).toBe('-12.50');
    expect(signed('1.234,56-', ',')).toBe('-1234.56');
  });

  it('reads CR as money in and DR as money out, before or after the number', () => {
    expect(parseAmount('12.50 CR', '.')).toMatchObject({
      ok: true,
      cents: 1250,
      negative: false,
      signed: true,
    });
    expect(signed('12.50 DR')).toBe('-12.50');
    expect(signed('12.50DR')).toBe('-12.50');
    expect(signed('DR 12.50')).toBe('-12.50');
    expect(signed('cr12.50')).toBe('12.50');
  });

  it('ignores currency symbols and codes in the cell', () => {
    expect(signed('€1,234.56')).toBe('1234.56');
    expect(signed('-$45.20')).toBe('-45.20');
    expect(signed('$-45.20')).toBe('-45.20');
    expect(signed('£23.40')).toBe('23.40');
    expect(signed('-45,20 €', ',')).toBe('-45.20');
    expect(signed('1.234,56 EUR', ',')).toBe('1234.56');
    expect(signed('USD 99.99')).toBe('99.99');
    expect(signed('-250,00 kr', ',')).toBe('-250.00');
    expect(signed("CHF 1'000.00")).toBe('1000.00');
  });

  it('tells an unsigned amount from an explicitly signed one', () => {
    expect(parseAmount('45.20', '.')).toMatchObject({ signed: false });
    expect(parseAmount('+45.20', '.')).toMatchObject({ signed: true, negative: false });
  });

  it('is null for an empty cell', () => {
    expect(parseAmount('', '.')).toBeNull();
    expect(parseAmount('   ', '.')).toBeNull();
  });

  it('refuses text, misplaced separators and too much precision', () => {
    expect(signed('abc')).toBe('invalid');
    expect(signed('Ref 123')).toBe('invalid');
    expect(signed('12.5', ',')).toBe('invalid');
    expect(signed('1,23,4.00')).toBe('invalid');
    expect(signed('12.345')).toBe('decimals');
    expect(signed('12.3400')).toBe('12.34');
    expect(signed('1234567890123.00')).toBe('digits');
    expect(signed('123456789012.99')).toBe('123456789012.99');
  });
});

describe('parseAmount beyond groups of three', () => {
  it('reads Indian lakh and crore grouping, with Cr/Dr in any case', () => {
    expect(signed('1,85,400.00')).toBe('185400.00');
    expect(signed('12,34,567.89')).toBe('1234567.89');
    expect(signed('1,00,000')).toBe('100000.00');
    expect(signed('1,85,400.00 Cr')).toBe('185400.00');
    expect(signed('12,34,567.89 dr')).toBe('-1234567.89');
    expect(signed('2,386.50DR')).toBe('-2386.50');
    expect(signed('Rs. 1,85,400.00 Dr.')).toBe('-185400.00');
    expect(signed('₹12,34,567.89')).toBe('1234567.89');
  });

  it('refuses digits grouped neither by three nor the Indian way', () => {
    expect(signed('1,2,345.00')).toBe('invalid');
    expect(signed('1,234,56.00')).toBe('invalid');
    expect(signed('123,45,678.00')).toBe('invalid');
    expect(signed('12,34,5')).toBe('invalid');
    expect(signed('1.85.400,00', ',')).toBe('invalid');
  });

  it('reads every kind of space as a thousands separator, grouping by three', () => {
    for (const space of [' ', '\u00a0', '\u202f', '\u2009']) {
      expect(signed(`-8${space}500,00`, ',')).toBe('-8500.00');
      expect(signed(`1${space}234${space}567.89`)).toBe('1234567.89');
    }
    expect(signed('12 50', ',')).toBe('invalid');
    expect(signed('1 2345,00', ',')).toBe('invalid');
    expect(signed('1\u00a023,00', ',')).toBe('invalid');
    expect(signed("12'34.00")).toBe('invalid');
    expect(signed('1 234.567,89', ',')).toBe('invalid');
  });

  it('reads signs, currency codes and a dash standing for an empty cell', () => {
    expect(signed('EUR -12,50', ',')).toBe('-12.50');
    expect(signed('\u221212,50', ',')).toBe('-12.50');
    expect(signed('+ 3.00')).toBe('3.00');
    expect(signed('-.50')).toBe('-0.50');
    expect(signed('PLN -8,00', ',')).toBe('-8.00');
    expect(signed('12,00 zł', ',')).toBe('12.00');
    expect(signed('-')).toBeNull();
    expect(signed(' – ')).toBeNull();
  });
});

describe('detectDecimal', () => {
  it('follows the separator most cells show', () => {
    expect(detectDecimal(['1.234,56', '-3,00', '12,5'], '.')).toBe(',');
    expect(detectDecimal(['1,234.56', '-3.00'], ',')).toBe('.');
  });

  it('reads "1,234" and "1.234" as no evidence, leaving the fallback', () => {
    expect(detectDecimal(['1,234', '5,678'], '.')).toBe('.');
    expect(detectDecimal(['1.234', '45'], ',')).toBe(',');
  });

  it('reads a separator repeated in one cell as the thousands one', () => {
    expect(detectDecimal(['1.234.567'], '.')).toBe(',');
    expect(detectDecimal(['1,234,567'], ',')).toBe('.');
  });
});
