import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './timestamps';

describe('timestamps as ISO 8601', () => {
  it('rewrites PostgreSQL’s UTC text, keeping the fraction as given', () => {
    expect(isoTimestamp('2026-11-24 06:56:04.123456+00')).toBe('2026-11-24T06:56:04.123456Z');
    expect(isoTimestamp('2026-01-01 10:00:00.5+00')).toBe('2026-01-01T10:00:00.5Z');
    expect(isoTimestamp('2026-01-01 10:00:00+00')).toBe('2026-01-01T10:00:00Z');
  });

  it('converts text from a session in another time zone to the same instant in UTC', () => {
    expect(isoTimestamp('2026-11-24 07:56:04.123+01')).toBe('2026-11-24T06:56:04.123Z');
    expect(isoTimestamp('2026-11-24 01:26:04+05:30')).toBe('2026-11-23T19:56:04.000Z');
  });
});
