import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './timestamps';

describe('timestamps as ISO 8601', () => {
  it('rewrites PostgreSQL’s UTC text with exactly six fractional digits', () => {
    expect(isoTimestamp('2026-11-24 06:56:04.123456+00')).toBe('2026-11-24T06:56:04.123456Z');
    expect(isoTimestamp('2026-01-01 10:00:00.5+00')).toBe('2026-01-01T10:00:00.500000Z');
    expect(isoTimestamp('2026-01-01 10:00:00+00')).toBe('2026-01-01T10:00:00.000000Z');
  });

  it('keeps the order of instants when sorted as strings', () => {
    const texts = ['2026-01-01 10:00:00.5+00', '2026-01-01 10:00:00+00', '2026-01-01 10:00:00.05+00'];
    expect(texts.map(isoTimestamp).sort()).toEqual([
      '2026-01-01T10:00:00.000000Z',
      '2026-01-01T10:00:00.050000Z',
      '2026-01-01T10:00:00.500000Z',
    ]);
  });

  it('converts text from a session in another time zone to the same instant in UTC', () => {
    expect(isoTimestamp('2026-11-24 07:56:04.123+01')).toBe('2026-11-24T06:56:04.123000Z');
    expect(isoTimestamp('2026-11-24 01:26:04+05:30')).toBe('2026-11-23T19:56:04.000000Z');
  });

  it('passes on what no Date can hold instead of failing the request', () => {
    expect(isoTimestamp('infinity')).toBe('infinity');
    expect(isoTimestamp('0044-03-15 12:00:00+00 BC')).toBe('0044-03-15 12:00:00+00 BC');
  });
});
