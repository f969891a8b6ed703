import { describe, expect, it } from 'vitest';
import { detectRecurring, type HistoryRow } from '../recurring/detect';
import { monthRange } from '../validation/dates';
import { estimateMonthEnd, type Forecast } from './estimate';

const RENT = 1;
const GROCERIES = 2;
const PHONE = 3;
const SALARY = 4;
const TRAVEL = 5;
const FITNESS = 6;

let lastId = 0;
function row(
  date: string,
  amount: string,
  payee: string,
  categoryId: number,
  more: Partial<HistoryRow> = {},
) {
  lastId += 1;
  return {
    id: lastId,
    date,
    amount,
    type: 'EXPENSE',
    categoryId,
    payee,
    note: '',
    ...more,
  } satisfies HistoryRow;
}

const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

/**
 * Twelve months before June 2026 and June itself up to `today`: a salary on the 1st, rent on the 2nd, a
 * phone bill on the 20th, and groceries of 100.00 on the 5th, 15th and 25th (at Tesco, not a series: three
 * times a month).
 */
function household(today: string, extra: (month: string) => HistoryRow[] = () => []): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (let offset = -12; offset <= 0; offset++) {
    const month = monthRange('2026-06', offset).start.slice(0, 7);
    rows.push(
      row(day(month, 1), '3000.00', 'ACME Corp', SALARY, { type: 'INCOME' }),
      row(day(month, 2), '1000.00', 'Parkside Lettings', RENT),
      row(day(month, 20), '40.00', 'Vodafone', PHONE),
      ...[5, 15, 25].map((d) => row(day(month, d), '100.00', 'Tesco', GROCERIES)),
      ...extra(month),
    );
  }
  return rows.filter((r) => r.date <= today);
}

function forecast(today: string, rows: HistoryRow[], month = '2026-06'): Forecast {
  return estimateMonthEnd({ month, today, history: rows, series: detectRecurring(rows, today) });
}

const cents = (money: string) => Math.round(Number(money) * 100);

describe('month-end forecast', () => {
  it('adds what is booked, the recurring payments still due and typical spending for the days left', () => {
    const result = forecast('2026-06-10', household('2026-06-10'));
    expect(result).toMatchObject({ month: '2026-06', asOf: '2026-06-10', daysLeft: 20 });
    expect(result.income).toMatchObject({ booked: '3000.00', recurringDue: '0.00', expected: '3000.00' });
    expect(result.expense).toMatchObject({ booked: '1100.00', recurringDue: '40.00' });
    expect(result.due).toEqual([
      {
        key: 'EXPENSE:vodafone:monthly',
        payee: 'Vodafone',
        categoryId: PHONE,
        type: 'EXPENSE',
        date: '2026-06-20',
        amount: '40.00',
      },
    ]);
    // Two shops of 100.00 after the 10th every month, as a rate per remaining day: within a few percent.
    expect(cents(result.expense.variable)).toBeGreaterThanOrEqual(19_000);
    expect(cents(result.expense.variable)).toBeLessThanOrEqual(21_000);
    expect(cents(result.expense.expected)).toBe(110_000 + 4_000 + cents(result.expense.variable));
    // (3000 − 1100 booked − 40 due) over the 20 days after today.
    expect(result.safeToSpendPerDay).toBe('93.00');
  });

  it('does not count a recurring payment again once it is booked, even with series found before it', () => {
    const rows = household('2026-06-22');
    // Series found on the 19th still expect the phone bill of the 20th, which is booked by the 22nd.
    const series = detectRecurring(
      rows.filter((r) => r.date <= '2026-06-19'),
      '2026-06-19',
    );
    const result = estimateMonthEnd({ month: '2026-06', today: '2026-06-22', history: rows, series });
    expect(result.expense).toMatchObject({ booked: '1240.00', recurringDue: '0.00' });
    expect(result.due).toEqual([]);
  });

  it('still expects a payment a day or two late, not one missed long ago', () => {
    const rows = household('2026-06-30').filter((r) => !(r.payee === 'Vodafone' && r.date === '2026-06-20'));
    const series = detectRecurring(
      rows.filter((r) => r.date <= '2026-06-19'),
      '2026-06-19',
    );
    const on = (today: string) =>
      estimateMonthEnd({ month: '2026-06', today, history: rows.filter((r) => r.date <= today), series });
    expect(on('2026-06-22').due.map((d) => [d.payee, d.date])).toEqual([['Vodafone', '2026-06-20']]);
    expect(on('2026-06-26').due).toEqual([]);
  });

  it('counts every week of a weekly series still to come', () => {
    // Tuesdays; 16, 23 and 30 June 2026 are after the 10th.
    const gym: HistoryRow[] = [];
    for (let date = Date.parse('2025-06-03'); date <= Date.parse('2026-06-30'); date += 7 * 86_400_000) {
      gym.push(row(new Date(date).toISOString().slice(0, 10), '8.00', 'PureGym', FITNESS));
    }
    const rows = [...household('2026-06-10'), ...gym.filter((r) => r.date <= '2026-06-10')];
    const result = forecast('2026-06-10', rows);
    expect(result.due.filter((d) => d.payee === 'PureGym').map((d) => d.date)).toEqual([
      '2026-06-16',
      '2026-06-23',
      '2026-06-30',
    ]);
    expect(result.expense.recurringDue).toBe('64.00');
  });

  it('is not moved by a one-off in a past month: a holiday last August is not expected every month', () => {
    const plain = forecast('2026-06-10', household('2026-06-10'));
    const withHoliday = forecast(
      '2026-06-10',
      household('2026-06-10', (month) =>
        month === '2025-08' ? [row(day(month, 14), '1500.00', 'Booking.com', TRAVEL)] : [],
      ),
    );
    expect(withHoliday.expense.variable).toBe(plain.expense.variable);
    // The range still knows such months happen.
    expect(cents(withHoliday.expense.high)).toBeGreaterThanOrEqual(cents(plain.expense.high));
  });

  it('gives a range around the expectation, with recurring amounts at their recent minimum and maximum', () => {
    const rows = household('2026-06-10', (month) => [
      // A metered bill on the 24th, different every month.
      row(day(month, 24), (60 + (Number(month.slice(5)) % 5) * 10).toFixed(2), 'City Power & Water', PHONE),
      // Meals out on days that change, of amounts that change.
      row(
        day(month, 12 + (Number(month.slice(5)) % 7)),
        (20 + Number(month.slice(5)) * 3).toFixed(2),
        'Dishoom',
        GROCERIES,
      ),
    ]);
    const { expense, due } = forecast('2026-06-10', rows);
    expect(due.map((d) => d.payee)).toEqual(['Vodafone', 'City Power & Water']);
    expect(cents(expense.low)).toBeLessThan(cents(expense.expected));
    expect(cents(expense.high)).toBeGreaterThan(cents(expense.expected));
  });

  it("uses the month's own pace when there is no earlier month to learn from", () => {
    const rows = [
      row('2026-06-03', '60.00', 'Tesco', GROCERIES),
      row('2026-06-08', '40.00', 'Lidl', GROCERIES),
    ];
    const result = forecast('2026-06-10', rows);
    // 100.00 in ten days, for twenty more.
    expect(result.expense).toMatchObject({ booked: '100.00', variable: '200.00', expected: '300.00' });
    expect(result.safeToSpendPerDay).toBe('0.00');
  });

  it('has nothing left to expect once the month is over', () => {
    const result = forecast('2026-06-30', household('2026-06-30'));
    expect(result).toMatchObject({ daysLeft: 0, due: [] });
    expect(result.expense).toMatchObject({
      booked: '1340.00',
      recurringDue: '0.00',
      variable: '0.00',
      expected: '1340.00',
    });
    // On the last day what is left is today's: 3000 − 1340.
    expect(result.safeToSpendPerDay).toBe('1660.00');
  });

  it('writes every amount as a decimal string with two places', () => {
    const { income, expense, safeToSpendPerDay, due } = forecast('2026-06-10', household('2026-06-10'));
    const amounts = [
      ...Object.values(income),
      ...Object.values(expense),
      safeToSpendPerDay,
      ...due.map((d) => d.amount),
    ];
    for (const amount of amounts) expect(amount).toMatch(/^\d+\.\d{2}$/);
  });
});
