import { describe, expect, it } from 'vitest';
import { currentMonth, isoDate, isoMonth, monthRange } from './dates';

describe('dates', () => {
  it.each(['2024-02-29', '2026-12-31', '1900-01-01'])('accepts the real date %s', (value) => {
    expect(isoDate.parse(value)).toBe(value);
  });

  it.each([
    '2023-02-30',
    '2023-02-29',
    '2026-13-01',
    '2026-1-5',
    '26-01-05',
    '2026-01-05T00:00',
    '',
    '1899-12-31',
  ])('refuses %j', (value) => {
    expect(isoDate.safeParse(value).success).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isoDate.safeParse(20260105).success).toBe(false);
  });

  it.each(['2026-00', '2026-13', '2026-1', '2026/01'])('refuses the month %j', (value) => {
    expect(isoMonth.safeParse(value).success).toBe(false);
  });

  it('moves across year boundaries', () => {
    expect(monthRange('2026-01', -1)).toEqual({
      year: 2025,
      month: 12,
      start: '2025-12-01',
      end: '2026-01-01',
    });
    expect(monthRange('2026-12')).toEqual({ year: 2026, month: 12, start: '2026-12-01', end: '2027-01-01' });
    expect(monthRange('2026-03', -12).start).toBe('2025-03-01');
  });

  it('knows the current month in UTC', () => {
    expect(currentMonth(new Date('2026-11-30T23:59:59Z'))).toBe('2026-11');
  });
});
