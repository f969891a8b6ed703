import { describe, expect, it } from 'vitest';
import { DATE_FORMATS, type DateFormat, detectDateFormat, parseDate, todayForDates } from './dates';

const hints = { dayFirst: false, today: '2026-01-01' };

describe('parseDate', () => {
  it.each<[DateFormat, string]>([
    ['YYYY-MM-DD', '2025-01-15'],
    ['YYYY-MM-DDTHH:mm:ss', '2025-01-15T14:30:00Z'],
    ['YYYY-MM-DDTHH:mm:ss', '2025-01-15 14:30:00'],
    ['YYYY/MM/DD', '2025/01/15'],
    ['YYYY.MM.DD', '2025.01.15'],
    ['YYYYMMDD', '20250115'],
    ['DD/MM/YYYY', '15/01/2025'],
    ['MM/DD/YYYY', '01/15/2025'],
    ['MM/DD/YYYY', '1/15/2025'],
    ['DD.MM.YYYY', '15.01.2025'],
    ['DD-MM-YYYY', '15-01-2025'],
    ['MM-DD-YYYY', '01-15-2025'],
    ['DD/MM/YY', '15/01/25'],
    ['MM/DD/YY', '01/15/25'],
    ['DD.MM.YY', '15.01.25'],
    ['DD-MM-YY', '15-01-25'],
    ['MM-DD-YY', '01-15-25'],
    ['D MMM YYYY', '15 Jan 2025'],
    ['D MMM YYYY', '15-Jan-2025'],
    ['D MMM YYYY', '15. Januar 2025'],
    ['D MMM YYYY', '15 janv. 2025'],
    ['D MMM YYYY', '15 ene 2025'],
    ['D MMM YY', '15-JAN-25'],
    ['MMM D, YYYY', 'Jan 15, 2025'],
    ['MMM D, YYYY', 'January 15 2025'],
  ])('reads %s from "%s"', (format, cell) => {
    expect(parseDate(cell, format)).toBe('2025-01-15');
  });

  it('names months in English, German, French, Dutch and Spanish', () => {
    const march = ['Mar', 'März', 'mars', 'mrt', 'marzo'].map((month) =>
      parseDate(`3 ${month} 2025`, 'D MMM YYYY'),
    );
    expect(new Set(march)).toEqual(new Set(['2025-03-03']));
    expect(parseDate('1 déc. 2024', 'D MMM YYYY')).toBe('2024-12-01');
    expect(parseDate('1 Okt 2024', 'D MMM YYYY')).toBe('2024-10-01');
  });

  it('puts two-digit years 00-69 in this century and 70-99 in the last', () => {
    expect(parseDate('15/01/00', 'DD/MM/YY')).toBe('2000-01-15');
    expect(parseDate('15/01/69', 'DD/MM/YY')).toBe('2069-01-15');
    expect(parseDate('15/01/70', 'DD/MM/YY')).toBe('1970-01-15');
    expect(parseDate('15/01/99', 'DD/MM/YY')).toBe('1999-01-15');
  });

  it('takes the date part of a date with a time', () => {
    expect(parseDate('01/15/2025 10:42 AM', 'MM/DD/YYYY')).toBe('2025-01-15');
    expect(parseDate('15.01.2025 08:00:01', 'DD.MM.YYYY')).toBe('2025-01-15');
    expect(parseDate('2025-01-15T23:59:59.999+01:00', 'YYYY-MM-DDTHH:mm:ss')).toBe('2025-01-15');
  });

  it('refuses days that do not exist and other layouts', () => {
    expect(parseDate('31/02/2025', 'DD/MM/YYYY')).toBeNull();
    expect(parseDate('29/02/2025', 'DD/MM/YYYY')).toBeNull();
    expect(parseDate('29/02/2024', 'DD/MM/YYYY')).toBe('2024-02-29');
    expect(parseDate('15/01/2025', 'MM/DD/YYYY')).toBeNull();
    expect(parseDate('2025-01-15', 'DD-MM-YYYY')).toBeNull();
    expect(parseDate('15 Foo 2025', 'D MMM YYYY')).toBeNull();
    expect(parseDate('', 'YYYY-MM-DD')).toBeNull();
  });

  it('offers a complete, duplicate-free list of formats', () => {
    expect(new Set(DATE_FORMATS).size).toBe(DATE_FORMATS.length);
    expect(DATE_FORMATS).toEqual(
      expect.arrayContaining(['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYYMMDD']),
    );
  });
});

describe('detectDateFormat', () => {
  it('resolves 03/04/2025 by a 25/04/2025 further down the column', () => {
    const cells = ['03/04/2025', ...Array.from({ length: 500 }, () => '01/02/2025'), '25/04/2025'];
    expect(detectDateFormat(cells, hints)).toBe('DD/MM/YYYY');
  });

  it('resolves the other way when another row has a month-first date', () => {
    expect(detectDateFormat(['03/04/2025', '04/25/2025'], { ...hints, dayFirst: true })).toBe('MM/DD/YYYY');
  });

  it('prefers the reading that puts no date in the future', () => {
    // Read day-first, 02/12/2025 would be in December, after the statement was downloaded.
    expect(detectDateFormat(['01/02/2025', '02/12/2025'], { dayFirst: true, today: '2025-03-01' })).toBe(
      'MM/DD/YYYY',
    );
  });

  it('prefers the reading that keeps the rows in date order', () => {
    const cells = ['01/02/2025', '02/02/2025', '03/02/2025', '01/03/2025', '02/03/2025'];
    expect(detectDateFormat(cells, hints)).toBe('DD/MM/YYYY');
  });

  it('falls back to the locale hint when nothing in the column decides', () => {
    expect(detectDateFormat(['03/04/2025'], { ...hints, dayFirst: true })).toBe('DD/MM/YYYY');
    expect(detectDateFormat(['03/04/2025'], { ...hints, dayFirst: false })).toBe('MM/DD/YYYY');
  });

  it('tells ISO timestamps from ISO dates and two-digit years from four', () => {
    expect(detectDateFormat(['2025-01-15 10:00:00', '2025-01-16 11:00:00'], hints)).toBe(
      'YYYY-MM-DDTHH:mm:ss',
    );
    expect(detectDateFormat(['15.01.25', '16.01.25'], hints)).toBe('DD.MM.YY');
  });

  it('reads a column where only some ISO dates carry a time', () => {
    expect(detectDateFormat(['2025-01-15', '2025-01-16 11:00:00'], hints)).toBe('YYYY-MM-DDTHH:mm:ss');
    expect(detectDateFormat(['2025-01-15', '2025-01-16'], hints)).toBe('YYYY-MM-DD');
  });

  it('is null when no layout reads a cell', () => {
    expect(detectDateFormat(['Total', 'n/a'], hints)).toBeNull();
  });

  it('counts "today" two days ahead so no time zone makes today future', () => {
    expect(todayForDates(new Date('2025-01-15T23:00:00Z'))).toBe('2025-01-17');
  });
});
