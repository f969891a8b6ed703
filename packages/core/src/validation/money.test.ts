import { describe, expect, it } from 'vitest';
import { fromCents, money, moneyMessages, normaliseMoney, toCents } from './money';

describe('money', () => {
  it.each([
    ['12.5', '12.50'],
    ['12.50', '12.50'],
    ['0012.5', '12.50'],
    ['.5', '0.50'],
    [' 7 ', '7.00'],
    ['999999999999.99', '999999999999.99'],
    [2500, '2500.00'],
    [12.5, '12.50'],
    [0.1, '0.10'],
    [0.01, '0.01'],
  ])('accepts %j as %s', (input, expected) => {
    expect(money.parse(input)).toBe(expected);
  });

  it.each([
    ['-5', moneyMessages.positive],
    [-5, moneyMessages.positive],
    ['0', moneyMessages.positive],
    [0, moneyMessages.positive],
    ['0.00', moneyMessages.positive],
    ['12.345', moneyMessages.decimals],
    [12.345, moneyMessages.decimals],
    [1e-7, moneyMessages.decimals],
    ['1000000000000', moneyMessages.digits],
    [1e21, moneyMessages.digits],
    [1e12, moneyMessages.digits],
    ['NaN', moneyMessages.invalid],
    [Number.NaN, moneyMessages.invalid],
    [Number.POSITIVE_INFINITY, moneyMessages.invalid],
    ['Infinity', moneyMessages.invalid],
    ['1e3', moneyMessages.invalid],
    ['12,50', moneyMessages.invalid],
    ['', moneyMessages.invalid],
    ['.', moneyMessages.invalid],
    ['0x10', moneyMessages.invalid],
    ['+5', moneyMessages.invalid],
  ])('refuses %j: %s', (input, message) => {
    expect(normaliseMoney(input)).toEqual({ ok: false, message });
    const result = money.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it.each([null, undefined, true, {}, [], ['1']])('refuses the non-amount %j', (input) => {
    expect(money.safeParse(input).error?.issues[0]?.message).toBe(moneyMessages.invalid);
  });

  it('converts between decimal strings and integer cents exactly', () => {
    expect(toCents('999999999999.99')).toBe(99_999_999_999_999);
    expect(toCents('-12.5')).toBe(-1250);
    expect(fromCents(99_999_999_999_999)).toBe('999999999999.99');
    expect(fromCents(-1250)).toBe('-12.50');
    expect(fromCents(1250.5)).toBe('12.51');
    expect(fromCents(0)).toBe('0.00');
  });
});
