import { currentMonth, monthRange } from '../validation/dates';
import { seededRandom } from './seeded-random';

export interface GeneratedTransaction {
  category: string;
  type: 'INCOME' | 'EXPENSE';
  amount: string;
  date: string;
  note: string;
}

export interface HistoryOptions {
  /** Months of history, ending with `endMonth` (default 12). */
  months?: number;
  /** Last month generated (default: the current month, up to `today`). */
  endMonth?: string;
  /** The last day to generate in the end month (default: today in UTC). */
  today?: string;
  /** Same seed, same history. */
  seed?: number;
  /**
   * How busy the account is: everyday purchases (groceries, meals out, transport, outings, shopping) happen
   * `scale` times as often; bills, salary and rent stay monthly. 1 is one household (≈ 30 transactions a
   * month); the benchmarks use fractions of it for light users and ≈ 125 for their heavy user.
   */
  scale?: number;
}

export const DEMO_CATEGORIES = [
  'Salary',
  'Freelance',
  'Rent',
  'Groceries',
  'Dining out',
  'Transport',
  'Utilities',
  'Phone & internet',
  'Subscriptions',
  'Entertainment',
  'Health',
  'Shopping',
  'Travel',
  'Gifts',
] as const;

/**
 * A believable household: a monthly salary and the odd freelance job, rent, weekly groceries, meals out,
 * commuting, bills and subscriptions, a summer trip and December gifts — with ordinary noise, plus one
 * outsized purchase in the last month so a fresh dashboard has an anomaly to explain.
 */
export function generateHousehold(options: HistoryOptions = {}): GeneratedTransaction[] {
  const random = seededRandom(options.seed ?? 42);
  const scale = options.scale ?? 1;
  const months = options.months ?? 12;
  const endMonth = options.endMonth ?? currentMonth();
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const out: GeneratedTransaction[] = [];
  const between = (low: number, high: number) => low + (high - low) * random();
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  for (let offset = -(months - 1); offset <= 0; offset++) {
    const { start, end, month } = monthRange(endMonth, offset);
    const daysInMonth = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
    const lastDay =
      offset === 0 && today.startsWith(start.slice(0, 7)) ? Number(today.slice(8, 10)) : daysInMonth;
    const add = (category: string, type: 'INCOME' | 'EXPENSE', amount: number, day: number, note: string) => {
      if (day > lastDay) return;
      const date = `${start.slice(0, 8)}${String(Math.min(day, daysInMonth)).padStart(2, '0')}`;
      out.push({ category, type, amount: amount.toFixed(2), date, note });
    };

    add('Salary', 'INCOME', 4200, 1, 'Monthly salary');
    if (chance(0.3)) add('Freelance', 'INCOME', between(300, 900), Math.floor(between(5, 25)), 'Design job');
    add('Rent', 'EXPENSE', 1450, 2, 'Rent');
    add(
      'Utilities',
      'EXPENSE',
      between(80, 160) * (month === 1 || month === 12 ? 1.3 : 1),
      8,
      'Electricity & water',
    );
    add('Phone & internet', 'EXPENSE', 45, 12, 'Phone & internet');
    add('Subscriptions', 'EXPENSE', 15.49, 5, 'Streaming');
    add('Subscriptions', 'EXPENSE', 9.99, 17, 'Music');
    add('Subscriptions', 'EXPENSE', 4.99, 21, 'Cloud storage');
    // Weekly on the 3rd, 10th, 17th and 24th; a busier account shops on the days after those too.
    for (let n = 0; n < Math.round(4 * scale); n++) {
      const day = 3 + 7 * (n % 4) + (Math.floor(n / 4) % 5);
      add('Groceries', 'EXPENSE', between(70, 130), day, pick(['Supermarket', 'Weekly shop', 'Market']));
    }
    for (let n = Math.floor(between(3, 7) * scale); n > 0; n--) {
      add(
        'Dining out',
        'EXPENSE',
        between(14, 65),
        Math.floor(between(1, 29)),
        pick(['Lunch', 'Dinner with friends', 'Pizza', 'Coffee & cake']),
      );
    }
    for (let n = Math.floor(between(8, 13) * scale); n > 0; n--) {
      add(
        'Transport',
        'EXPENSE',
        between(2.5, 14),
        Math.floor(between(1, 29)),
        pick(['Bus', 'Train', 'Taxi', 'Bike share']),
      );
    }
    for (let n = Math.floor(between(1, 4) * scale); n > 0; n--) {
      add(
        'Entertainment',
        'EXPENSE',
        between(12, 60),
        Math.floor(between(1, 29)),
        pick(['Cinema', 'Concert', 'Books', 'Game']),
      );
    }
    for (let n = Math.floor(between(1, 3) * scale); n > 0; n--) {
      add(
        'Shopping',
        'EXPENSE',
        between(25, 140),
        Math.floor(between(1, 29)),
        pick(['Clothes', 'Home goods', 'Shoes']),
      );
    }
    if (chance(0.35))
      add('Health', 'EXPENSE', between(20, 90), Math.floor(between(1, 29)), pick(['Pharmacy', 'Dentist']));
    if (month === 7) add('Travel', 'EXPENSE', between(900, 1600), 14, 'Summer holiday');
    if (month === 12) add('Gifts', 'EXPENSE', between(250, 450), 18, 'Holiday presents');
    if (offset === 0 && months >= 4) add('Shopping', 'EXPENSE', 1299, Math.min(lastDay, 2), 'New laptop');
  }
  return out;
}
