import {
  type Cadence,
  type DetectedSeries,
  dayNumber,
  type HistoryRow,
  isoDate,
  seriesGroupKey,
  toleranceDays,
} from '../recurring/detect';
import { monthRange } from '../validation/dates';
import { fromCents, toCents } from '../validation/money';

export interface ForecastInput {
  /** YYYY-MM */
  month: string;
  /** YYYY-MM-DD within `month`, or its last day once the month is over. */
  today: string;
  /** Up to 12 months before `month`, plus `month` up to `today`; transfers left out by the caller. */
  history: HistoryRow[];
  series: DetectedSeries[];
}

export interface ForecastPart {
  /** Already in the month, up to and including today. */
  booked: string;
  /** Recurring payments expected after today (or a few days late) and not booked yet. */
  recurringDue: string;
  /** Typical non-recurring amounts for the days left. */
  variable: string;
  expected: string;
  low: string;
  high: string;
}

export interface ForecastDue {
  key: string;
  payee: string;
  categoryId: number;
  type: 'INCOME' | 'EXPENSE';
  date: string;
  amount: string;
}

export interface Forecast {
  month: string;
  asOf: string;
  /** Days after `asOf` to the end of the month: today's rows count as booked, so today is not left. */
  daysLeft: number;
  income: ForecastPart;
  expense: ForecastPart;
  /** What may still be spent per day without going under: see estimateMonthEnd. */
  safeToSpendPerDay: string;
  due: ForecastDue[];
}

/** Months of history the typical variable spending is learnt from. */
const HISTORY_MONTHS = 12;
/** The range is the 10th to the 90th percentile of the past months' variable amounts. */
const LOW_QUANTILE = 0.1;
const HIGH_QUANTILE = 0.9;

type Direction = 'INCOME' | 'EXPENSE';

/** The payee group of a series: its key without the cadence. */
const groupOf = (s: DetectedSeries) => s.key.slice(0, s.key.lastIndexOf(':'));

/** The next occurrence of a rhythm after `day` (a month later keeps the day of the month where it can). */
function advance(day: number, cadence: Cadence): number {
  if (cadence === 'weekly') return day + 7;
  if (cadence === 'biweekly') return day + 14;
  const months = cadence === 'monthly' ? 1 : cadence === 'quarterly' ? 3 : 12;
  const date = new Date(day * 86_400_000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), length)) / 86_400_000;
}

/** Mean without the highest and lowest tenth (at least one each side from five values): a holiday or a
 * laptop in one past month must not become every month's expectation. */
function trimmedMean(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const trim = sorted.length >= 5 ? Math.max(1, Math.floor(sorted.length / 10)) : 0;
  const kept = sorted.slice(trim, sorted.length - trim);
  return kept.reduce((sum, v) => sum + v, 0) / kept.length;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (position - below);
}

interface DueTotals {
  expected: number;
  low: number;
  high: number;
}

/**
 * The month's end, estimated on `today` from what is booked, what recurs and what is typical:
 *
 * - booked: the month's rows up to and including today;
 * - recurringDue: each detected series' expected dates in the month that are after today — or up to its
 *   tolerance before today, as a payment a few days late still comes — and not matched by a booked row of
 *   the series (same payee key and direction, similar amount, within the tolerance). Low and high use the
 *   series' recent minimum and maximum;
 * - variable: per direction and category, from each of the past months (up to 12, since the first month
 *   with data) the non-recurring amount booked after the same day of the month, as a rate per day of that
 *   month's remaining days; the trimmed mean rate times the days left. Rows of a detected series are not
 *   variable. Without any past month, the month's own non-recurring pace so far stands in. Low and high
 *   are the 10th and 90th percentiles of the past months' totals, with the estimate always inside;
 * - expected = booked + recurringDue + variable.
 *
 * safeToSpendPerDay = max(0, expected income − booked expense − recurring expense due) / max(1, daysLeft),
 * rounded down to the cent. daysLeft excludes today: today's spending is in the history already, and the
 * variable estimate covers the days after it. On the last day (and for a past month) the whole amount is
 * today's.
 */
export function estimateMonthEnd(input: ForecastInput): Forecast {
  const { month, today, history, series } = input;
  const range = monthRange(month);
  const monthStart = dayNumber(range.start);
  const monthEnd = dayNumber(range.end) - 1;
  const todayDay = Math.min(Math.max(dayNumber(today), monthStart - 1), monthEnd);
  const dayOfMonth = todayDay - monthStart + 1;
  const daysLeft = monthEnd - todayDay;
  const monthOver = daysLeft === 0;

  const seriesByGroup = new Map<string, DetectedSeries[]>();
  const seriesIds = new Set<number>();
  for (const s of series) {
    const group = groupOf(s);
    const list = seriesByGroup.get(group);
    if (list) list.push(s);
    else seriesByGroup.set(group, [s]);
    for (const id of s.transactionIds) seriesIds.add(id);
  }
  const similar = (s: DetectedSeries, cents: number) =>
    cents >= toCents(s.amountMin) * 0.7 && cents <= toCents(s.amountMax) * 1.4;
  const belongsTo = (row: HistoryRow) => {
    if (seriesIds.has(row.id)) return true;
    const candidates = seriesByGroup.get(seriesGroupKey(row));
    const cents = toCents(row.amount);
    return candidates?.some((s) => similar(s, cents)) ?? false;
  };

  // What is in the month already.
  const booked: Record<Direction, number> = { INCOME: 0, EXPENSE: 0 };
  const bookedRows: HistoryRow[] = [];
  const pastRows: { row: HistoryRow; day: number }[] = [];
  for (const row of history) {
    const day = dayNumber(row.date);
    if (day >= monthStart && day <= todayDay) {
      booked[row.type] += toCents(row.amount);
      bookedRows.push(row);
    } else if (day < monthStart) {
      pastRows.push({ row, day });
    }
  }

  // Recurring payments still to come.
  const due: ForecastDue[] = [];
  const dueTotals: Record<Direction, DueTotals> = {
    INCOME: { expected: 0, low: 0, high: 0 },
    EXPENSE: { expected: 0, low: 0, high: 0 },
  };
  const bookedByGroup = new Map<string, HistoryRow[]>();
  for (const row of bookedRows) {
    const group = seriesGroupKey(row);
    const list = bookedByGroup.get(group);
    if (list) list.push(row);
    else bookedByGroup.set(group, [row]);
  }
  const consumed = new Set<HistoryRow>();
  for (const s of series) {
    const tolerance = toleranceDays(s.cadence);
    const candidates = bookedByGroup.get(groupOf(s)) ?? [];
    let day = dayNumber(s.nextExpected);
    // A series detected some time ago: bring its rhythm up to this month.
    while (day < monthStart - tolerance) day = advance(day, s.cadence);
    for (; day <= monthEnd; day = advance(day, s.cadence)) {
      const match = candidates.find(
        (row) =>
          !consumed.has(row) &&
          Math.abs(dayNumber(row.date) - day) <= tolerance &&
          similar(s, toCents(row.amount)),
      );
      if (match) {
        consumed.add(match);
        continue;
      }
      const late = day <= todayDay;
      if (day < monthStart || (late && (monthOver || todayDay - day > tolerance))) continue;
      const totals = dueTotals[s.type];
      totals.expected += toCents(s.amount);
      totals.low += toCents(s.amountMin);
      totals.high += toCents(s.amountMax);
      due.push({
        key: s.key,
        payee: s.payee,
        categoryId: s.categoryId,
        type: s.type,
        date: isoDate(day),
        amount: s.amount,
      });
    }
  }
  due.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : 1));

  // Typical non-recurring amounts after this day of the month, per past month and category.
  let firstPast = monthStart;
  for (const { day } of pastRows) firstPast = Math.min(firstPast, day);
  const months: { start: number; end: number; windowDays: number }[] = [];
  for (let offset = -1; offset >= -HISTORY_MONTHS; offset--) {
    const past = monthRange(month, offset);
    const start = dayNumber(past.start);
    const end = dayNumber(past.end) - 1;
    if (end < firstPast) break;
    const windowDays = end - Math.min(start + dayOfMonth - 1, end);
    if (windowDays > 0) months.push({ start, end, windowDays });
  }
  const monthOf = (day: number) => months.findIndex((m) => day >= m.start && day <= m.end);
  const rates: Record<Direction, Map<number, number[]>> = { INCOME: new Map(), EXPENSE: new Map() };
  for (const { row, day } of pastRows) {
    const index = monthOf(day);
    const slot = months[index];
    if (!slot || day - slot.start + 1 <= dayOfMonth || belongsTo(row)) continue;
    const perCategory = rates[row.type];
    let perMonth = perCategory.get(row.categoryId);
    if (!perMonth) {
      perMonth = months.map(() => 0);
      perCategory.set(row.categoryId, perMonth);
    }
    // A rate per remaining day of its month, so that long and short months compare.
    perMonth[index] = (perMonth[index] ?? 0) + toCents(row.amount) / slot.windowDays;
  }

  const variable = (type: Direction) => {
    if (months.length === 0) {
      // No past month to learn from: the month's own pace so far.
      const sofar = bookedRows
        .filter((row) => row.type === type && !belongsTo(row))
        .reduce((sum, row) => sum + toCents(row.amount), 0);
      const pace = dayOfMonth > 0 ? (sofar / dayOfMonth) * daysLeft : 0;
      return { expected: pace, low: pace, high: pace };
    }
    let expected = 0;
    const totals = months.map(() => 0);
    for (const perMonth of rates[type].values()) {
      expected += trimmedMean(perMonth) * daysLeft;
      perMonth.forEach((rate, i) => {
        totals[i] = (totals[i] ?? 0) + rate * daysLeft;
      });
    }
    return {
      expected,
      low: Math.min(expected, quantile(totals, LOW_QUANTILE)),
      high: Math.max(expected, quantile(totals, HIGH_QUANTILE)),
    };
  };

  const guesses = { INCOME: variable('INCOME'), EXPENSE: variable('EXPENSE') };
  const expectedCents = (type: Direction) =>
    booked[type] + dueTotals[type].expected + Math.round(guesses[type].expected);
  const part = (type: Direction): ForecastPart => {
    const guess = guesses[type];
    const dueHere = dueTotals[type];
    return {
      booked: fromCents(booked[type]),
      recurringDue: fromCents(dueHere.expected),
      variable: fromCents(Math.round(guess.expected)),
      expected: fromCents(expectedCents(type)),
      low: fromCents(booked[type] + dueHere.low + Math.round(guess.low)),
      high: fromCents(booked[type] + dueHere.high + Math.round(guess.high)),
    };
  };
  const available = Math.max(0, expectedCents('INCOME') - booked.EXPENSE - dueTotals.EXPENSE.expected);

  return {
    month,
    asOf: isoDate(todayDay),
    daysLeft,
    income: part('INCOME'),
    expense: part('EXPENSE'),
    safeToSpendPerDay: fromCents(Math.floor(available / Math.max(1, daysLeft))),
    due,
  };
}
