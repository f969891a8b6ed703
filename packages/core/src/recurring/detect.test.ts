import { describe, expect, it } from 'vitest';
import { generateHousehold } from '../demo/generator';
import { seededRandom } from '../demo/seeded-random';
import { monthRange } from '../validation/dates';
import { type DetectedSeries, detectRecurring, type HistoryRow } from './detect';

const DAY_MS = 86_400_000;
let lastId = 0;

function row(date: string, amount: string, payee: string, more: Partial<HistoryRow> = {}): HistoryRow {
  lastId += 1;
  return { id: lastId, date, amount, type: 'EXPENSE', categoryId: 1, payee, note: '', ...more };
}

/** `count` dates `days` apart from `first`. */
function everyDays(first: string, days: number, count: number): string[] {
  const start = Date.parse(first);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * days * DAY_MS).toISOString().slice(0, 10),
  );
}

/** Day `day` of `count` months from `firstMonth` (every `step` months), clamped to short months. */
function monthly(firstMonth: string, count: number, day: number, step = 1): string[] {
  return Array.from({ length: count }, (_, i) => {
    const { start, end } = monthRange(firstMonth, i * step);
    const length = (Date.parse(end) - Date.parse(start)) / DAY_MS;
    return `${start.slice(0, 8)}${String(Math.min(day, length)).padStart(2, '0')}`;
  });
}

const names = (found: DetectedSeries[]) => found.map((s) => `${s.payee} ${s.cadence}`).sort();

describe('recurring payments', () => {
  it('finds monthly rent, with the rows it matched, its next date and a high confidence', () => {
    const rows = monthly('2025-08', 12, 10).map((date) => row(date, '1450.00', 'Parkside Lettings'));
    const [rent, ...others] = detectRecurring(rows, '2026-07-20');
    expect(others).toEqual([]);
    expect(rent).toMatchObject({
      key: 'EXPENSE:parkside lettings:monthly',
      payee: 'Parkside Lettings',
      type: 'EXPENSE',
      cadence: 'monthly',
      amount: '1450.00',
      amountMin: '1450.00',
      amountMax: '1450.00',
      lastDate: '2026-07-10',
      nextExpected: '2026-08-10',
      occurrences: 12,
      transactionIds: rows.map((r) => r.id),
    });
    expect(rent?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('follows a direct debit moved to the Monday after a weekend, and a salary paid the Friday before', () => {
    // Due on the 1st; 1 November 2025 was a Saturday, 1 February and 1 March 2026 Sundays.
    const rentDates = ['2025-08-01', '2025-09-01', '2025-10-01', '2025-11-03', '2025-12-01', '2026-01-01'];
    rentDates.push('2026-02-02', '2026-03-02', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01');
    const payDates = ['2025-08-01', '2025-09-01', '2025-10-01', '2025-10-31', '2025-12-01', '2026-01-01'];
    payDates.push('2026-01-30', '2026-02-27', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01');
    const rows = [
      ...rentDates.map((date) => row(date, '1450.00', 'Parkside Lettings')),
      ...payDates.map((date) => row(date, '4200.00', 'ACME Corp', { type: 'INCOME' })),
    ];
    const found = detectRecurring(rows, '2026-07-20');
    // 1 August 2026 is a Saturday.
    expect(found.map((s) => [s.key, s.occurrences, s.nextExpected])).toEqual([
      ['INCOME:acme corp:monthly', 12, '2026-07-31'],
      ['EXPENSE:parkside lettings:monthly', 12, '2026-08-03'],
    ]);
    expect(found.every((s) => s.confidence >= 0.8)).toBe(true);
  });

  it('gives the new price after a rise, and the range of the recent prices', () => {
    const dates = monthly('2025-08', 12, 5);
    const rows = dates.map((date, i) => row(date, i < 8 ? '15.49' : '17.99', 'Netflix'));
    expect(detectRecurring(rows, '2026-07-20')).toEqual([
      expect.objectContaining({
        cadence: 'monthly',
        amount: '17.99',
        amountMin: '15.49',
        amountMax: '17.99',
      }),
    ]);
  });

  it('takes a metered bill, whose amount changes every month, at the median of its latest three', () => {
    const amounts = ['96.10', '88.40', '120.00', '131.75', '150.20', '142.00', '99.99', '84.30', '91.00'];
    amounts.push('121.40', '98.20', '143.75');
    const rows = monthly('2025-08', 12, 8).map((date, i) =>
      row(date, amounts[i] ?? '', 'City Power & Water'),
    );
    expect(detectRecurring(rows, '2026-07-20')).toEqual([
      expect.objectContaining({
        cadence: 'monthly',
        amount: '121.40',
        amountMin: '84.30',
        amountMax: '143.75',
      }),
    ]);
  });

  it('finds a weekly class through a skipped week', () => {
    const dates = everyDays('2026-01-06', 7, 20).filter((_, i) => i !== 9);
    const rows = dates.map((date) => row(date, '8.00', 'PureGym'));
    expect(detectRecurring(rows, '2026-05-22')).toEqual([
      expect.objectContaining({
        cadence: 'weekly',
        occurrences: 19,
        lastDate: '2026-05-19',
        nextExpected: '2026-05-26',
      }),
    ]);
  });

  it('tells every other week from every week and from monthly', () => {
    const rows = everyDays('2026-01-08', 14, 10).map((date) => row(date, '36.00', 'Sparkle Cleaning'));
    const found = detectRecurring(rows, '2026-05-20');
    expect(names(found)).toEqual(['Sparkle Cleaning biweekly']);
    expect(found[0]?.nextExpected).toBe('2026-05-28');
  });

  it('finds a quarterly water bill of varying amount, on the Monday when the 20th is a weekend', () => {
    const dates = ['2025-01-20', '2025-04-21', '2025-07-21', '2025-10-20', '2026-01-20', '2026-04-20'];
    const amounts = ['98.00', '101.40', '96.10', '99.80', '104.20', '97.50'];
    const rows = dates.map((date, i) => row(date, amounts[i] ?? '', 'Thames Water'));
    expect(detectRecurring(rows, '2026-06-01')).toEqual([
      expect.objectContaining({ cadence: 'quarterly', occurrences: 6, nextExpected: '2026-07-20' }),
    ]);
  });

  it('finds a yearly insurance from two payments a year apart, less surely than monthly rent', () => {
    const rent = monthly('2025-08', 12, 2).map((date) => row(date, '1450.00', 'Parkside Lettings'));
    // Due on 15 March: Saturday in 2025 and Sunday in 2026, so taken on the Mondays.
    const insurance = [
      row('2025-03-17', '384.00', 'Admiral Insurance'),
      row('2026-03-16', '403.20', 'Admiral Insurance'),
    ];
    const found = detectRecurring([...rent, ...insurance], '2026-07-20');
    const yearly = found.find((s) => s.cadence === 'yearly');
    expect(yearly).toMatchObject({
      payee: 'Admiral Insurance',
      amount: '403.20',
      nextExpected: '2027-03-15',
    });
    const monthlyRent = found.find((s) => s.cadence === 'monthly');
    expect(yearly?.confidence).toBeGreaterThan(0.4);
    expect(yearly?.confidence).toBeLessThan(monthlyRent?.confidence ?? 0);
  });

  it('does not make a yearly series of one payment, or of two a year apart at very different amounts', () => {
    const rows = [
      row('2025-06-14', '384.00', 'Admiral Insurance'),
      row('2025-05-10', '499.00', 'Currys'),
      row('2026-05-11', '89.00', 'Currys'),
    ];
    expect(detectRecurring(rows, '2026-07-20')).toEqual([]);
  });

  it('does not take irregular visits to the same shops for a habit', () => {
    const random = seededRandom(11);
    const between = (low: number, high: number) => low + (high - low) * random();
    const rows: HistoryRow[] = [];
    const visits = (payee: string, maxGap: number, low: number, high: number) => {
      for (let day = Date.parse('2025-07-01'); day <= Date.parse('2026-07-20'); ) {
        rows.push(row(new Date(day).toISOString().slice(0, 10), between(low, high).toFixed(2), payee));
        day += Math.ceil(between(0, maxGap)) * DAY_MS;
      }
    };
    visits('Tesco', 9, 8, 140);
    visits('Uber', 14, 6, 40);
    visits('Dishoom', 40, 30, 75);
    // A café nearly every working day, mostly the same order: a steady price, but no rhythm of its own.
    for (const date of everyDays('2025-07-01', 1, 380)) {
      const weekday = new Date(date).getUTCDay();
      if (weekday !== 0 && weekday !== 6 && random() < 0.6)
        rows.push(row(date, random() < 0.7 ? '3.40' : '5.10', 'Pret A Manger'));
    }
    // A hairdresser every five to nine weeks at the same price.
    for (
      let day = Date.parse('2025-07-03');
      day <= Date.parse('2026-07-20');
      day += Math.round(between(35, 63)) * DAY_MS
    ) {
      rows.push(row(new Date(day).toISOString().slice(0, 10), '40.00', 'Toni & Guy'));
    }
    expect(rows.length).toBeGreaterThan(300);
    expect(detectRecurring(rows, '2026-07-20')).toEqual([]);
  });

  it('does not take two purchases a month apart at about the same amount for a monthly one', () => {
    const rows = [row('2026-03-04', '89.00', 'IKEA'), row('2026-04-03', '89.50', 'IKEA')];
    expect(detectRecurring(rows, '2026-07-20')).toEqual([]);
  });

  it('drops a series that ended, and keeps one that missed a single payment with less confidence', () => {
    const cancelled = monthly('2025-06', 9, 17).map((date) => row(date, '9.99', 'Spotify'));
    const missedOne = monthly('2025-08', 10, 15).map((date) => row(date, '7.99', 'Audible'));
    const running = monthly('2025-08', 11, 28).map((date) => row(date, '7.99', 'Disney Plus'));
    const found = detectRecurring([...cancelled, ...missedOne, ...running], '2026-07-10');
    expect(names(found)).toEqual(['Audible monthly', 'Disney Plus monthly']);
    const confidence = (payee: string) => found.find((s) => s.payee === payee)?.confidence ?? 0;
    expect(confidence('Audible')).toBeLessThan(confidence('Disney Plus'));
  });

  it('names a series typed in by hand after its note, and sees through references in the payee', () => {
    const byHand = monthly('2025-09', 10, 3).map((date) =>
      row(date, '900.00', '', { note: 'Rent to Mr Patel' }),
    );
    const withReferences = monthly('2025-09', 10, 17).map((date, i) =>
      row(date, '11.99', `SPOTIFY P${i}X${i + 3}Q`),
    );
    const found = detectRecurring([...byHand, ...withReferences], '2026-06-20');
    expect(found.map((s) => [s.key, s.payee])).toEqual([
      ['EXPENSE:rent to mr patel:monthly', 'Rent to Mr Patel'],
      ['EXPENSE:spotify:monthly', 'SPOTIFY P9X12Q'],
    ]);
  });

  it('finds a subscription among purchases of other amounts at the same payee', () => {
    const random = seededRandom(5);
    const subscription = monthly('2025-08', 11, 21).map((date) => row(date, '2.99', 'Apple'));
    const purchases = everyDays('2025-08-03', 9, 36)
      .filter(() => random() < 0.5)
      .map((date) => row(date, (5 + random() * 55).toFixed(2), 'Apple'));
    const found = detectRecurring([...subscription, ...purchases], '2026-07-01');
    expect(found).toEqual([
      expect.objectContaining({
        cadence: 'monthly',
        amount: '2.99',
        transactionIds: subscription.map((r) => r.id),
      }),
    ]);
  });

  it('takes the category most of the series is filed under', () => {
    const rows = monthly('2025-08', 12, 10).map((date, i) =>
      row(date, '45.00', 'Vodafone', { categoryId: i === 11 ? 9 : 4 }),
    );
    expect(detectRecurring(rows, '2026-07-20')[0]?.categoryId).toBe(4);
  });

  it("finds exactly the demo household's regular payments and none of its everyday spending", () => {
    const history = generateHousehold({ seed: 42, months: 16, endMonth: '2026-06', today: '2026-06-20' });
    const rows = history.map((t, i) =>
      row(t.date, t.amount, t.payee, { id: i + 1, type: t.type, note: t.note }),
    );
    expect(names(detectRecurring(rows, '2026-06-20'))).toEqual([
      'ACME Corp monthly',
      'Admiral Insurance yearly',
      'City Power & Water monthly',
      'Clear View Windows monthly',
      'Netflix monthly',
      'Parkside Lettings monthly',
      'PureGym weekly',
      'Sparkle Cleaning biweekly',
      'Spotify monthly',
      'TV Licensing quarterly',
      'Vodafone monthly',
      'iCloud monthly',
    ]);
  });

  it('reads the 20,000 rows of a busy user in well under five seconds', () => {
    const history = generateHousehold({
      seed: 8,
      months: 15,
      scale: 55,
      endMonth: '2026-06',
      today: '2026-06-30',
    });
    const rows = history.map((t, i) =>
      row(t.date, t.amount, t.payee, { id: i + 1, type: t.type, note: t.note }),
    );
    expect(rows.length).toBeGreaterThan(18_000);
    // ≈ 0.3 s on a quiet machine once compiled; the bound only catches a run-away (quadratic) change, with
    // room for a loaded CI machine.
    detectRecurring(rows.slice(0, 2000), '2026-06-30');
    const started = performance.now();
    const found = detectRecurring(rows, '2026-06-30');
    const elapsed = performance.now() - started;
    expect(names(found)).toContain('Parkside Lettings monthly');
    expect(names(found)).not.toContain('Lidl monthly');
    expect(elapsed).toBeLessThan(5000);
  });

  it('writes money as two-decimal strings and confidence with two decimals', () => {
    const rows = monthly('2025-08', 12, 10).map((date, i) => row(date, i % 2 ? '45.5' : '45.50', 'Vodafone'));
    const [series] = detectRecurring(rows, '2026-07-20');
    for (const money of [series?.amount, series?.amountMin, series?.amountMax])
      expect(money).toMatch(/^\d+\.\d{2}$/);
    expect(Math.round((series?.confidence ?? 0) * 100)).toBe((series?.confidence ?? 0) * 100);
  });
});
