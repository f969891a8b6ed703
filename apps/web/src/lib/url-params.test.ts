import { describe, expect, it } from 'vitest';
import { nextPath, readDate, readMonth, readOneOf, readParam, readPositiveInteger } from './url-params';

describe('query parameters, checked', () => {
  it('reads months and days that exist', () => {
    expect(readMonth('2026-12')).toBe('2026-12');
    expect(readMonth('2026-13')).toBeNull();
    expect(readMonth('2026-00')).toBeNull();
    expect(readMonth('0026-01')).toBeNull();
    expect(readDate('2026-02-28')).toBe('2026-02-28');
    expect(readDate('2026-02-31')).toBeNull();
    expect(readDate('2028-02-29')).toBe('2028-02-29');
    expect(readDate('yesterday')).toBeNull();
  });

  it('reads page numbers and fixed words', () => {
    expect(readPositiveInteger('3')).toBe(3);
    expect(readPositiveInteger('abc')).toBeNull();
    expect(readPositiveInteger('0')).toBeNull();
    expect(readPositiveInteger('2.5')).toBeNull();
    expect(readOneOf(['date', '-date'] as const)('-date')).toBe('-date');
    expect(readOneOf(['date', '-date'] as const)('DROP')).toBeNull();
  });

  it('falls back with a notice for a refused value, quietly for a missing one', () => {
    const notice = (shown: string) => `That month doesn't exist, so you're seeing ${shown}.`;
    const query = (text: string) => new URLSearchParams(text);
    expect(readParam(query('month=2026-13'), 'month', readMonth, '2026-12', notice)).toEqual({
      value: '2026-12',
      notice: "That month doesn't exist, so you're seeing 2026-12.",
    });
    expect(readParam(query(''), 'month', readMonth, '2026-12', notice)).toEqual({
      value: '2026-12',
      notice: null,
    });
    expect(readParam(query('month=2026-11'), 'month', readMonth, '2026-12', notice)).toEqual({
      value: '2026-11',
      notice: null,
    });
  });

  it('goes back after logging in only to a path of this app', () => {
    const origin = 'https://finsight.example';
    expect(nextPath('/transactions?from=2026-11-01', origin)).toBe('/transactions?from=2026-11-01');
    expect(nextPath(null, origin)).toBe('/');
    expect(nextPath('https://evil.example/steal', origin)).toBe('/');
    expect(nextPath('//evil.example/steal', origin)).toBe('/');
    expect(nextPath('/\\evil.example/steal', origin)).toBe('/');
    expect(nextPath('javascript:alert(1)', origin)).toBe('/');
  });
});
