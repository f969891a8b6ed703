import { payeeKey } from '../imports/payee-key';
import { median } from '../insights/robust-stats';
import { fromCents, toCents } from '../validation/money';

export type Cadence = 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'yearly';
export const CADENCES: readonly Cadence[] = ['weekly', 'biweekly', 'monthly', 'quarterly', 'yearly'];

export interface HistoryRow {
  id: number;
  /** YYYY-MM-DD */
  date: string;
  /** "12.50", always positive */
  amount: string;
  type: 'INCOME' | 'EXPENSE';
  categoryId: number;
  payee: string;
  note: string;
}

export interface DetectedSeries {
  /** Stable identity: type, payee key (of the note when there is no payee) and cadence. */
  key: string;
  /** The most recent payee text, or the note of a series typed in without one. */
  payee: string;
  /** The most frequent category of the series. */
  categoryId: number;
  type: 'INCOME' | 'EXPENSE';
  cadence: Cadence;
  /** The typical amount: the latest for a fixed price (after a rise, the new price), else a recent median. */
  amount: string;
  amountMin: string;
  amountMax: string;
  lastDate: string;
  /** The next date after `lastDate`, moved off the weekend the way this series has been. */
  nextExpected: string;
  /** 0..1, two decimals. */
  confidence: number;
  occurrences: number;
  transactionIds: number[];
}

/** Below this a candidate is more likely chance than habit: see detectRecurring. */
const MIN_CONFIDENCE = 0.4;
/** Rows from the end of a group tried as anchors. */
const ANCHORS = 4;
/** Plus the latest row of each of this many most common amounts (a subscription among purchases). */
const AMOUNT_ANCHORS = 3;
/** Runs this short have their grid placed by the weekend rule that explains them, not by a median. */
const SHORT_RUN = 4;
/** Series per payee at most (one per cadence). */
const MAX_SERIES_PER_PAYEE = 3;
/** Other rows at amounts like the series' inside its span, at most, as a share of the series. */
const MIN_PURITY = 0.8;
/** For a series whose amount varies, which is otherwise harder to tell from a favourite restaurant. */
const MIN_PURITY_VARYING = 0.9;
/** Two amounts are "unchanged" within this relative difference (rounding, currency conversion). */
const SAME_AMOUNT = 0.02;

interface CadenceRule {
  unit: 'day' | 'month';
  /** Days (unit day) or months (unit month) between occurrences. */
  step: number;
  /** Days either side of the nominal date an occurrence may fall. */
  tolerance: number;
  minOccurrences: number;
  /** Consecutive missed slots a run bridges. */
  maxGap: number;
  /** Occurrences for full maturity. */
  mature: number;
  periodDays: number;
  /** The largest max/min ratio of amounts allowed when they are not mostly unchanged. */
  variableSpread: number;
  /** Occurrences a run of varying amounts needs. */
  variableMinOccurrences: number;
}

const RULES: Record<Cadence, CadenceRule> = {
  weekly: {
    unit: 'day',
    step: 7,
    tolerance: 2,
    minOccurrences: 4,
    maxGap: 1,
    mature: 8,
    periodDays: 7,
    variableSpread: 1.2,
    variableMinOccurrences: 4,
  },
  biweekly: {
    unit: 'day',
    step: 14,
    tolerance: 2,
    minOccurrences: 3,
    maxGap: 1,
    mature: 6,
    periodDays: 14,
    variableSpread: 1.2,
    variableMinOccurrences: 3,
  },
  monthly: {
    unit: 'month',
    step: 1,
    tolerance: 3,
    minOccurrences: 3,
    maxGap: 1,
    mature: 6,
    periodDays: 30.44,
    variableSpread: 3,
    variableMinOccurrences: 5,
  },
  quarterly: {
    unit: 'month',
    step: 3,
    tolerance: 5,
    minOccurrences: 3,
    maxGap: 1,
    mature: 4,
    periodDays: 91.3,
    variableSpread: 2,
    variableMinOccurrences: 3,
  },
  yearly: {
    unit: 'month',
    step: 12,
    tolerance: 7,
    minOccurrences: 2,
    maxGap: 0,
    mature: 3,
    periodDays: 365.25,
    variableSpread: 1.3,
    variableMinOccurrences: 2,
  },
};

/** Days either side of its expected date an occurrence of a series may come. */
export function toleranceDays(cadence: Cadence): number {
  return RULES[cadence].tolerance;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a "YYYY-MM-DD" date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 is Sunday, 6 Saturday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Day number of `dayOfMonth` in the month `monthIndex` (year × 12 + month − 1), clamped to its end. Plain
 * arithmetic (days from the civil date, as in H. Hinnant's algorithm): grids ask for it hundreds of
 * thousands of times on a busy history, and Date objects were half the cost of detection.
 */
function dayInMonth(monthIndex: number, dayOfMonth: number): number {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const length = month === 2 && leap ? 29 : (MONTH_LENGTHS[month - 1] as number);
  const day = Math.min(dayOfMonth, length);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** How a series moves a payment due on a weekend: not at all, to the Monday, or to the Friday before. */
type WeekendRule = 'none' | 'monday' | 'friday';

function moveOffWeekend(day: number, rule: WeekendRule): number {
  const w = weekday(day);
  if (rule === 'none' || (w !== 0 && w !== 6)) return day;
  if (rule === 'monday') return day + (w === 6 ? 2 : 1);
  return day - (w === 6 ? 1 : 2);
}

interface Prepared {
  row: HistoryRow;
  day: number;
  monthIndex: number;
  dayOfMonth: number;
  cents: number;
  logCents: number;
}

interface Grid {
  /** The slot whose nominal date is nearest the row's. */
  slot(row: Prepared): number;
  nominal(k: number): number;
  /** The same grid moved by `days`. */
  moved(k: number, days: number): Grid;
}

class DayGrid implements Grid {
  constructor(
    private readonly origin: number,
    private readonly step: number,
  ) {}

  slot(row: Prepared): number {
    return Math.round((row.day - this.origin) / this.step);
  }

  nominal(k: number): number {
    return this.origin + k * this.step;
  }

  moved(k: number, days: number): Grid {
    return new DayGrid(this.nominal(k) + days, this.step);
  }
}

class MonthGrid implements Grid {
  constructor(
    private readonly originMonth: number,
    private readonly dayOfMonth: number,
    private readonly step: number,
  ) {}

  slot(row: Prepared): number {
    const around = Math.round((row.monthIndex - this.originMonth) / this.step);
    const deviation = row.day - this.nominal(around);
    // Only the neighbour on the side the row lies can be nearer.
    const k = deviation > 0 ? around + 1 : around - 1;
    return Math.abs(row.day - this.nominal(k)) < Math.abs(deviation) ? k : around;
  }

  nominal(k: number): number {
    return dayInMonth(this.originMonth + k * this.step, this.dayOfMonth);
  }

  moved(k: number, days: number): Grid {
    // Day 0 is the last day of the month before, day 32 the first of the month after.
    let day = this.dayOfMonth + days;
    let month = this.originMonth + k * this.step;
    if (day < 1) {
      day += 31;
      month -= 1;
    } else if (day > 31) {
      day -= 31;
      month += 1;
    }
    return new MonthGrid(month, day, this.step);
  }
}

function gridAt(rule: CadenceRule, anchor: Prepared): Grid {
  return rule.unit === 'day'
    ? new DayGrid(anchor.day, rule.step)
    : new MonthGrid(anchor.monthIndex, anchor.dayOfMonth, rule.step);
}

interface Member {
  row: Prepared;
  k: number;
  deviation: number;
}

interface Run {
  members: Member[];
  missing: number;
}

/** The slots around the anchor's, each holding its best row, through single misses. */
function matchRun(rows: Prepared[], rule: CadenceRule, grid: Grid, anchor: Prepared): Run | null {
  // Rows are sorted by day, so their slots run from the first row's to the last row's.
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return null;
  const base = grid.slot(first);
  const size = grid.slot(last) - base + 1;
  const held: (Prepared | undefined)[] = new Array(size);
  const scores = new Float64Array(size);
  const deviations = new Int32Array(size);
  const reference = Math.log(Math.max(1, anchor.cents));
  for (const row of rows) {
    const k = grid.slot(row);
    const deviation = row.day - grid.nominal(k);
    if (Math.abs(deviation) > rule.tolerance) continue;
    // Nearest the nominal date first, then nearest the anchor's amount.
    const score = Math.abs(deviation) / rule.tolerance + Math.abs(row.logCents - reference);
    const i = k - base;
    if (held[i] === undefined || score < (scores[i] as number)) {
      held[i] = row;
      scores[i] = score;
      deviations[i] = deviation;
    }
  }
  const has = (k: number) => k >= base && k < base + size && held[k - base] !== undefined;
  const start = grid.slot(anchor);
  if (!has(start)) return null;
  let low = start;
  let high = start;
  for (let k = start - 1, misses = 0; misses <= rule.maxGap && k >= base; k--) {
    if (has(k)) {
      low = k;
      misses = 0;
    } else misses++;
  }
  for (let k = start + 1, misses = 0; misses <= rule.maxGap && k < base + size; k++) {
    if (has(k)) {
      high = k;
      misses = 0;
    } else misses++;
  }
  const members: Member[] = [];
  for (let k = low; k <= high; k++) {
    const row = held[k - base];
    if (row) members.push({ row, k, deviation: deviations[k - base] as number });
  }
  return { members, missing: high - low + 1 - members.length };
}

interface Candidate {
  cadence: Cadence;
  grid: Grid;
  members: Member[];
  confidence: number;
  steady: boolean;
  nextDay: number;
}

/** The weekend rule a series has followed; when it never met a weekend, what banks usually do. */
function learnWeekendRule(
  members: Member[],
  grid: Grid,
  rule: CadenceRule,
  type: HistoryRow['type'],
): WeekendRule {
  const votes: Record<WeekendRule, number> = { none: 0, monday: 0, friday: 0 };
  for (const { k, deviation } of members) {
    const w = weekday(grid.nominal(k));
    if (w !== 0 && w !== 6) continue;
    votes[deviation > 0 ? 'monday' : deviation < 0 ? 'friday' : 'none'] += 1;
  }
  const seen = votes.none + votes.monday + votes.friday;
  if (seen === 0) return rule.unit === 'day' ? 'none' : type === 'INCOME' ? 'friday' : 'monday';
  if (votes.monday >= votes.friday && votes.monday > votes.none) return 'monday';
  if (votes.friday > votes.monday && votes.friday > votes.none) return 'friday';
  return 'none';
}

function assess(rows: Prepared[], cadence: Cadence, grid: Grid, run: Run, today: number): Candidate | null {
  const rule = RULES[cadence];
  const { members, missing } = run;
  const n = members.length;
  const first = members[0];
  const last = members[n - 1];
  if (!first || !last || n < rule.minOccurrences) return null;
  // One missed slot per four occurrences at most; none in a run of three, which would otherwise fit a
  // hairdresser visited every five to nine weeks.
  if (missing > Math.floor(n / 4)) return null;
  if (today - last.row.day > 2 * rule.periodDays + rule.tolerance) return null;

  // Deviations the series' own weekend rule explains are not irregularity.
  const weekend = learnWeekendRule(members, grid, rule, last.row.row.type);
  const absolute = members.map((m) => Math.abs(m.row.day - moveOffWeekend(grid.nominal(m.k), weekend)));
  if (median(absolute) > 1) return null;
  const meanDeviation = absolute.reduce((sum, d) => sum + d, 0) / n;

  const amounts = members.map((m) => m.row.cents);
  const smallest = Math.min(...amounts);
  const largest = Math.max(...amounts);
  let unchanged = 0;
  for (let i = 1; i < n; i++) {
    const before = amounts[i - 1] as number;
    if (Math.abs((amounts[i] as number) - before) <= SAME_AMOUNT * before) unchanged++;
  }
  const unchangedShare = unchanged / (n - 1);
  const spread = largest / Math.max(1, smallest);
  // A price that changed now and then, by less than half: a subscription that went up.
  const steady = unchangedShare >= 0.5 && spread <= 1.5;
  if (!steady) {
    if (spread > rule.variableSpread || n < rule.variableMinOccurrences) return null;
    // A bill that varies is told from chance by its dates alone: they must be tight.
    if (cadence === 'monthly' && meanDeviation > 0.8) return null;
  }
  // In a short run, one repeated amount among changing ones is easily chance; exact dates are not. (A
  // renewal usually changes its price: yearly series have their own, stricter, amount and purity tests.)
  if (cadence !== 'yearly' && unchangedShare < 1 && n < rule.mature && meanDeviation > 0.5) return null;

  // Rows of the same payee at similar amounts inside the span, not in the series: irregular spending.
  const inSeries = new Set(members.map((m) => m.row));
  // Two payments a year apart are thin evidence: a yearly payee must have nothing else of any size between.
  const low = smallest * (cadence === 'yearly' ? 0.25 : 0.7);
  const high = largest * (cadence === 'yearly' ? 4 : 1.4);
  let extras = 0;
  for (const row of rows) {
    if (row.day < first.row.day || row.day > last.row.day || inSeries.has(row)) continue;
    if (row.cents >= low && row.cents <= high) extras++;
  }
  const purity = n / (n + extras);
  if (purity < (steady ? MIN_PURITY : MIN_PURITY_VARYING)) return null;

  let k = last.k + 1;
  let nextDay = moveOffWeekend(grid.nominal(k), weekend);
  while (nextDay <= last.row.day) nextDay = moveOffWeekend(grid.nominal(++k), weekend);

  const regularity = Math.max(0, 1 - meanDeviation / rule.tolerance);
  const amountScore = steady ? 0.5 + 0.5 * unchangedShare : rule.unit === 'month' ? 0.7 : 0.5;
  const coverage = n / (n + missing);
  const maturity = 0.5 + 0.5 * Math.min(1, n / rule.mature);
  const overdue = today > nextDay + rule.tolerance ? 0.75 : 1;
  const confidence = Math.sqrt(regularity) * amountScore * purity * coverage * maturity * overdue;
  if (confidence < MIN_CONFIDENCE) return null;
  return { cadence, grid, members, confidence, steady, nextDay };
}

/** Days off the grid that no single weekend rule explains: the smaller, the better the grid. */
function unexplained(members: Member[], grid: Grid): number {
  let best = Number.POSITIVE_INFINITY;
  for (const rule of ['none', 'monday', 'friday'] as const) {
    let cost = 0;
    for (const { row, k } of members) {
      const nominal = grid.nominal(k);
      if (moveOffWeekend(nominal, rule) !== row.day) cost += Math.abs(row.day - nominal) + 0.5;
    }
    best = Math.min(best, cost);
  }
  return best;
}

function fitCadence(rows: Prepared[], cadence: Cadence, anchor: Prepared, today: number): Candidate | null {
  const rule = RULES[cadence];
  const grid = gridAt(rule, anchor);
  const run = matchRun(rows, rule, grid, anchor);
  // Moving the grid gains a member now and then, never two.
  if (!run || run.members.length + 1 < rule.minOccurrences) return null;
  const k = grid.slot(anchor);
  let best = { grid, run };
  const shift = Math.round(median(run.members.map((m) => m.deviation)));
  if (run.members.length <= SHORT_RUN) {
    // A few dates, some moved off a weekend, leave the median ambiguous: take the grid whose misses a
    // weekend rule explains (insurance on the 15th, paid Monday the 17th one year and the 16th the next).
    let cost = unexplained(run.members, grid);
    for (let days = shift - 2; days <= shift + 2; days++) {
      if (days === 0) continue;
      const moved = grid.moved(k, days);
      const again = matchRun(rows, rule, moved, anchor);
      if (!again || again.members.length < best.run.members.length) continue;
      const movedCost = unexplained(again.members, moved);
      if (again.members.length > best.run.members.length || movedCost < cost) {
        best = { grid: moved, run: again };
        cost = movedCost;
      }
    }
  } else if (shift !== 0) {
    const moved = grid.moved(k, shift);
    const again = matchRun(rows, rule, moved, anchor);
    if (again && again.members.length >= run.members.length) best = { grid: moved, run: again };
  }
  return assess(rows, cadence, best.grid, best.run, today);
}

function anchorsOf(rows: Prepared[]): Prepared[] {
  const anchors = new Set(rows.slice(-ANCHORS));
  const latestByAmount = new Map<number, { row: Prepared; count: number }>();
  for (const row of rows) {
    const seen = latestByAmount.get(row.cents);
    latestByAmount.set(row.cents, { row, count: (seen?.count ?? 0) + 1 });
  }
  const common = [...latestByAmount.values()].filter((a) => a.count > 1).sort((a, b) => b.count - a.count);
  for (const { row } of common.slice(0, AMOUNT_ANCHORS)) anchors.add(row);
  return [...anchors];
}

function toSeries(groupKey: string, candidate: Candidate): DetectedSeries {
  const rows = candidate.members.map((m) => m.row);
  const latest = rows[rows.length - 1] as Prepared;
  const recent = rows.slice(-6).map((r) => r.cents);
  // A renewal is the new price even when it changed: a yearly series has no recent median to speak of.
  const amount = candidate.steady || candidate.cadence === 'yearly' ? latest.cents : median(recent.slice(-3));
  const categories = new Map<number, number>();
  for (const r of rows) categories.set(r.row.categoryId, (categories.get(r.row.categoryId) ?? 0) + 1);
  let categoryId = latest.row.categoryId;
  for (const [id, count] of categories) {
    if (count > (categories.get(categoryId) ?? 0)) categoryId = id;
  }
  return {
    key: `${groupKey}:${candidate.cadence}`,
    payee: latest.row.payee.trim() || latest.row.note.trim(),
    categoryId,
    type: latest.row.type,
    cadence: candidate.cadence,
    amount: fromCents(amount),
    amountMin: fromCents(Math.min(...recent)),
    amountMax: fromCents(Math.max(...recent)),
    lastDate: latest.row.date,
    nextExpected: isoDate(candidate.nextDay),
    confidence: Math.round(candidate.confidence * 100) / 100,
    occurrences: rows.length,
    transactionIds: rows.map((r) => r.row.id),
  };
}

/** The identity of a row's counterparty: its payee, or its note when it has no payee; '' if neither. */
export function seriesGroupKey(row: Pick<HistoryRow, 'type' | 'payee' | 'note'>): string {
  const key = payeeKey(row.payee) || payeeKey(row.note);
  return key === '' ? '' : `${row.type}:${key}`;
}

/**
 * The recurring payments in a user's own history, as of `today`, without a database.
 *
 * Rows are grouped by direction and payee key (of the note when there is no payee). Within a group, each
 * cadence is tried from a few anchor rows (the latest ones, and the latest of each common amount): the
 * anchor fixes a grid of nominal dates — every 7 or 14 days, or the same day of every 1, 3 or 12 months,
 * clamped to short months — and each slot of the grid takes the row nearest its nominal date within the
 * cadence's tolerance (±2 days weekly, ±3 monthly, ±5 quarterly, ±7 yearly). The grid is then moved by the
 * median deviation or, for a run of four or fewer, to where one weekend rule (none, to the Monday, to the
 * Friday before) explains the dates best, so an anchor that was itself moved off a weekend does not set the
 * rhythm. The run of slots around the anchor, bridging single misses, is a candidate, kept only if it
 *
 * - has enough occurrences (4 weekly, 3 two-weekly, monthly and quarterly, 2 a year apart) and at most one
 *   missed slot per four occurrences;
 * - has not ended: its last occurrence is at most two periods and the tolerance before `today`;
 * - keeps its dates: the median deviation not explained by its weekend rule is at most a day;
 * - keeps its amount: mostly unchanged between occurrences (a price rise is one change), or varying within
 *   a cadence's spread (a metered bill) only for a long run with tight dates; a yearly renewal within 30 %;
 * - is pure: few other rows of the payee at similar amounts fall inside its span. This is what rejects the
 *   supermarket, café or taxi used irregularly, which a grid alone would happily thread.
 *
 * Confidence multiplies what the tests measured: regularity √(1 − mean unexplained deviation / tolerance),
 * amount steadiness (0.5 + 0.5 × share of unchanged steps; 0.7 for a metered monthly or quarterly bill,
 * 0.5 otherwise), purity, coverage (occurrences / slots), maturity (0.5 + 0.5 × min(1, occurrences / 8
 * weekly, 6 two-weekly or monthly, 4 quarterly, 3 yearly)) and 0.75 when the next occurrence is overdue.
 * Series under MIN_CONFIDENCE are dropped. The best candidate of a payee is taken, its rows removed and
 * the rest searched again, so one payee can carry series of different cadences (one per cadence: the key).
 *
 * Cost: one pass to group, a sort per group, then a bounded number of linear passes per group (cadences ×
 * anchors × grid placements), so O(n log n) in rows.
 */
export function detectRecurring(rows: HistoryRow[], today: string): DetectedSeries[] {
  const todayDay = dayNumber(today);
  const groups = new Map<string, Prepared[]>();
  // Payees repeat: reduce each text once.
  const keys = new Map<string, string>();
  for (const row of rows) {
    const text = `${row.type}\u0000${row.payee}\u0000${row.note}`;
    let key = keys.get(text);
    if (key === undefined) {
      key = seriesGroupKey(row);
      keys.set(text, key);
    }
    const day = dayNumber(row.date);
    // A row without a name cannot be told apart from others; a future-dated one is a plan, not history.
    if (key === '' || day > todayDay) continue;
    const cents = toCents(row.amount);
    const prepared: Prepared = {
      row,
      day,
      monthIndex: Number(row.date.slice(0, 4)) * 12 + Number(row.date.slice(5, 7)) - 1,
      dayOfMonth: Number(row.date.slice(8, 10)),
      cents,
      logCents: Math.log(Math.max(1, cents)),
    };
    const group = groups.get(key);
    if (group) group.push(prepared);
    else groups.set(key, [prepared]);
  }

  const found: DetectedSeries[] = [];
  for (const [groupKey, group] of groups) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.day - b.day || a.row.id - b.row.id);
    let remaining = group;
    const taken = new Set<Cadence>();
    for (let round = 0; round < MAX_SERIES_PER_PAYEE && remaining.length >= 2; round++) {
      let best: Candidate | null = null;
      const anchors = anchorsOf(remaining);
      for (const cadence of CADENCES) {
        if (taken.has(cadence)) continue;
        for (const anchor of anchors) {
          const candidate = fitCadence(remaining, cadence, anchor, todayDay);
          if (
            candidate &&
            (!best ||
              candidate.confidence > best.confidence ||
              (candidate.confidence === best.confidence && candidate.members.length > best.members.length))
          )
            best = candidate;
        }
      }
      if (!best) break;
      taken.add(best.cadence);
      found.push(toSeries(groupKey, best));
      const used = new Set(best.members.map((m) => m.row));
      remaining = remaining.filter((row) => !used.has(row));
    }
  }
  return found.sort((a, b) =>
    a.nextExpected < b.nextExpected ? -1 : a.nextExpected > b.nextExpected ? 1 : a.key < b.key ? -1 : 1,
  );
}
