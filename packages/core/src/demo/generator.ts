import type { Cadence } from '../recurring/detect';
import { currentMonth, monthRange } from '../validation/dates';
import { fromCents } from '../validation/money';
import { seededRandom } from './seeded-random';

export interface GeneratedTransaction {
  category: string;
  type: 'INCOME' | 'EXPENSE';
  amount: string;
  date: string;
  note: string;
  /** The counterparty as a bank statement names it ("Netflix", "ACME Corp"); empty when typed in by hand. */
  payee: string;
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
   * `scale` times as often; salary, rent, bills and the other regular payments stay as they are. 1 is one
   * household (≈ 38 transactions a month); the benchmarks use fractions of it for light users and ≈ 125 for
   * their heavy user.
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
  'Insurance',
  'Fitness',
  'Household',
] as const;

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(date) / DAY_MS;
const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 is Sunday, 6 Saturday (day 0, 1970-01-01, was a Thursday). */
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;

/** How a bank moves a payment due on a weekend: direct debits to the Monday, payroll to the Friday before. */
type WeekendRule = 'none' | 'monday' | 'friday';

function businessDay(day: number, rule: WeekendRule): number {
  const w = weekday(day);
  if (rule === 'none' || (w !== 0 && w !== 6)) return day;
  if (rule === 'monday') return day + (w === 6 ? 2 : 1);
  return day - (w === 6 ? 1 : 2);
}

/** Day number of `dayOfMonth` in a month, clamped to its last day (a bill on the 31st comes on 30 April). */
function dayInMonth(month: string, offset: number, dayOfMonth: number): number {
  const { start, end } = monthRange(month, offset);
  const length = dayNumber(end) - dayNumber(start);
  return dayNumber(start) + Math.min(dayOfMonth, length) - 1;
}

/** Where the everyday purchases of the household go; one name is a fixed counterparty, several rotate. */
const HOUSEHOLD_PAYEES: Record<string, readonly string[]> = {
  'Design job': ['Brightside Studio', 'Northwind Ltd', 'Fernhill Agency'],
  Supermarket: ['Tesco', 'Lidl'],
  'Weekly shop': ['Tesco', 'Lidl'],
  Market: ['Borough Market'],
  Lunch: ['Pret A Manger', 'Leon'],
  'Dinner with friends': ['Dishoom', 'The Red Lion', 'Wagamama'],
  Pizza: ['Franco Manca', 'Pizza Express'],
  'Coffee & cake': ["Gail's Bakery", 'Costa Coffee'],
  Bus: ['City Buses'],
  Train: ['National Rail'],
  Taxi: ['Uber', 'Bolt'],
  'Bike share': ['Santander Cycles'],
  Cinema: ['Odeon'],
  Concert: ['Ticketmaster'],
  Books: ['Waterstones'],
  Game: ['Steam'],
  Clothes: ['Uniqlo', 'Zara'],
  'Home goods': ['IKEA'],
  Shoes: ['Clarks'],
  Pharmacy: ['Boots'],
  Dentist: ['Smile Dental'],
};

/**
 * A believable household: a monthly salary and the odd freelance job, rent, weekly groceries, meals out,
 * commuting, bills and subscriptions (one of which goes up in price), a yearly car insurance, a quarterly
 * TV licence, a weekly gym class and a cleaner every other week, a summer trip and December gifts — with
 * ordinary noise, plus one outsized purchase in the last month so a fresh dashboard has an anomaly to
 * explain. Direct debits due on a weekend are taken on the Monday, the salary is paid on the Friday before.
 */
export function generateHousehold(options: HistoryOptions = {}): GeneratedTransaction[] {
  const seed = options.seed ?? 42;
  const random = seededRandom(seed);
  // Payees come from a stream of their own, so adding them left every amount and day of a seed as it was.
  const naming = seededRandom(seed ^ 0x5bd1e995);
  const scale = options.scale ?? 1;
  const months = options.months ?? 12;
  const endMonth = options.endMonth ?? currentMonth();
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const out: GeneratedTransaction[] = [];
  const between = (low: number, high: number) => low + (high - low) * random();
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const payeeFor = (note: string) => {
    const names = HOUSEHOLD_PAYEES[note] ?? [note];
    return (names.length === 1 ? names[0] : names[Math.floor(naming() * names.length)]) as string;
  };
  const firstDay = dayNumber(monthRange(endMonth, -(months - 1)).start);

  for (let offset = -(months - 1); offset <= 0; offset++) {
    const { start, end, month } = monthRange(endMonth, offset);
    const daysInMonth = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
    const lastDay =
      offset === 0 && today.startsWith(start.slice(0, 7)) ? Number(today.slice(8, 10)) : daysInMonth;
    const cutoff = dayNumber(start) + lastDay - 1;
    const add = (
      category: string,
      type: 'INCOME' | 'EXPENSE',
      amount: number,
      day: number,
      note: string,
      payee = payeeFor(note),
      rule: WeekendRule = 'none',
    ) => {
      if (day > lastDay) return;
      const nominal = dayNumber(start) + Math.min(day, daysInMonth) - 1;
      let date = businessDay(nominal, rule);
      // The Friday before the first month is outside the history asked for: that salary comes on Monday.
      if (date < firstDay) date = businessDay(nominal, 'monday');
      if (date > cutoff) return;
      out.push({ category, type, amount: amount.toFixed(2), date: isoDate(date), note, payee });
    };

    add('Salary', 'INCOME', 4200, 1, 'Monthly salary', 'ACME Corp', 'friday');
    if (chance(0.3)) add('Freelance', 'INCOME', between(300, 900), Math.floor(between(5, 25)), 'Design job');
    add('Rent', 'EXPENSE', 1450, 2, 'Rent', 'Parkside Lettings', 'monday');
    add(
      'Utilities',
      'EXPENSE',
      between(80, 160) * (month === 1 || month === 12 ? 1.3 : 1),
      8,
      'Electricity & water',
      'City Power & Water',
      'monday',
    );
    add('Phone & internet', 'EXPENSE', 45, 12, 'Phone & internet', 'Vodafone', 'monday');
    // Card subscriptions are charged on their day, weekend or not; streaming went up four months ago.
    add('Subscriptions', 'EXPENSE', offset >= -3 ? 17.99 : 15.49, 5, 'Streaming', 'Netflix');
    add('Subscriptions', 'EXPENSE', 9.99, 17, 'Music', 'Spotify');
    add('Subscriptions', 'EXPENSE', 4.99, 21, 'Cloud storage', 'iCloud');
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
    if (month === 7) add('Travel', 'EXPENSE', between(900, 1600), 14, 'Summer holiday', 'Booking.com');
    if (month === 12) add('Gifts', 'EXPENSE', between(250, 450), 18, 'Holiday presents', 'Amazon');
    if (offset === 0 && months >= 4)
      add('Shopping', 'EXPENSE', 1299, Math.min(lastDay, 2), 'New laptop', 'Apple Store');

    // Small and steady, so no month's total jumps: the anomaly report must not explain the cleaner.
    if (month === 3) add('Insurance', 'EXPENSE', 264, 15, 'Car insurance', 'Admiral Insurance', 'monday');
    if (month % 3 === 1) add('Utilities', 'EXPENSE', 43.5, 20, 'TV licence', 'TV Licensing', 'monday');
    for (let day = 1; day <= daysInMonth; day++) {
      const date = dayNumber(start) + day - 1;
      if (weekday(date) === 2) add('Fitness', 'EXPENSE', 8, day, 'Gym class', 'PureGym');
      // Every other Thursday, counted from a fixed week so the rhythm carries across months.
      if (weekday(date) === 4 && Math.floor(date / 7) % 2 === 0)
        add('Household', 'EXPENSE', 36, day, 'Cleaner', 'Sparkle Cleaning');
    }
    // The monthly window cleaner keeps a month with three cleaner visits under 1.5 × the usual month.
    add('Household', 'EXPENSE', 12, 25, 'Window cleaning', 'Clear View Windows', 'monday');
  }
  return out;
}

export interface LabelledHistoryOptions {
  /** Same seed, same household. */
  seed?: number;
  /** Months of history, ending with `endMonth` (default 15). */
  months?: number;
  /** Last month generated (default: the current month). */
  endMonth?: string;
  /** The last day generated (default: today in UTC). */
  today?: string;
}

/** One recurring series the household really has, as the detector should report it. */
export interface RecurringLabel {
  /** The name the detector shows: the payee, or the note of a series typed in without one. */
  payee: string;
  category: string;
  type: 'INCOME' | 'EXPENSE';
  cadence: Cadence;
  /** The latest amount (after a price rise, the new price). */
  amount: string;
}

export interface LabelledHistory {
  transactions: GeneratedTransaction[];
  /** Every series still running at `today` with enough occurrences to be told apart from chance. */
  series: RecurringLabel[];
}

/** Occurrences a series needs before it counts as recurring (a yearly one: the same payment a year apart). */
const LABEL_MIN_OCCURRENCES: Record<Cadence, number> = {
  weekly: 4,
  biweekly: 3,
  monthly: 3,
  quarterly: 3,
  yearly: 2,
};

interface NamedPrice {
  payee: string;
  /** In cents. */
  price: number;
}

const SALARIES = ['ACME Corp', 'Globex Ltd', 'Initech', 'Umbrella Health', 'Northfield Council'];
const HOMES = ['Parkside Lettings', 'Foxtons Lettings', 'Greenway Homes', 'Nationwide Mortgage'];
const ENERGY = ['Octopus Energy', 'British Gas', 'EDF Energy', 'City Power & Water'];
const TELECOMS: NamedPrice[] = [
  { payee: 'Vodafone', price: 2500 },
  { payee: 'BT Broadband', price: 3999 },
  { payee: 'Virgin Media', price: 4700 },
  { payee: 'Three Mobile', price: 1600 },
];
const SUBSCRIPTIONS: NamedPrice[] = [
  { payee: 'Netflix', price: 1099 },
  { payee: 'Spotify', price: 1199 },
  { payee: 'Disney Plus', price: 799 },
  { payee: 'iCloud', price: 299 },
  { payee: 'YouTube Premium', price: 1299 },
  { payee: 'Amazon Prime', price: 899 },
  { payee: 'Audible', price: 799 },
  { payee: 'Xbox Game Pass', price: 1099 },
  { payee: 'Duolingo', price: 699 },
  { payee: 'Adobe Creative Cloud', price: 1998 },
  { payee: 'Dropbox', price: 999 },
  { payee: 'Microsoft 365', price: 599 },
  { payee: 'Headspace', price: 999 },
  { payee: 'The Guardian', price: 600 },
  { payee: 'Paramount Plus', price: 699 },
  { payee: 'Patreon', price: 500 },
];
const YEARLY: NamedPrice[] = [
  { payee: 'Admiral Insurance', price: 38_400 },
  { payee: 'Aviva Home', price: 21_600 },
  { payee: 'Direct Line', price: 29_900 },
  { payee: 'Petplan', price: 17_500 },
  { payee: 'RAC Breakdown', price: 9_900 },
  { payee: 'Amazon Prime Annual', price: 9_500 },
];
const QUARTERLY: NamedPrice[] = [
  { payee: 'Thames Water', price: 9_800 },
  { payee: 'TV Licensing', price: 4_350 },
  { payee: 'Boiler Care Plan', price: 4_500 },
  { payee: 'Anglian Water', price: 11_200 },
  { payee: 'Ledger Accountants', price: 15_000 },
];
const WEEKLY: NamedPrice[] = [
  { payee: 'PureGym', price: 800 },
  { payee: 'Little Kickers', price: 1250 },
  { payee: 'Piano with Mrs Green', price: 3000 },
  { payee: 'Milk & More', price: 650 },
  { payee: 'Studio Flow Yoga', price: 1200 },
  { payee: 'Paws Dog Walking', price: 1500 },
];
const BIWEEKLY: NamedPrice[] = [
  { payee: 'Sparkle Cleaning', price: 4000 },
  { payee: 'Riverford Veg Box', price: 2499 },
  { payee: 'Garden Care Co', price: 3500 },
  { payee: 'Maths Tutor Hub', price: 5000 },
  { payee: 'Nanny Rosa', price: 12_000 },
];

const SUPERMARKETS = ['Tesco', 'Lidl', 'Aldi', 'Sainsburys', 'Waitrose', 'Co-op', 'Morrisons', 'M&S Food'];
const RESTAURANTS = [
  'Dishoom',
  'Nandos',
  'Wagamama',
  'Franco Manca',
  'The Red Lion',
  'Pizza Express',
  'Leon',
  'Itsu',
  'Five Guys',
  'Honest Burgers',
];
const CAFES = ['Pret A Manger', 'Costa Coffee', 'Starbucks', 'Caffe Nero', 'Gails Bakery'];
const SHOPS = [
  'Amazon',
  'eBay',
  'Argos',
  'Currys',
  'John Lewis',
  'IKEA',
  'Zara',
  'Uniqlo',
  'Boots',
  'Superdrug',
  'Waterstones',
  'Apple Store',
  'Decathlon',
  'B&Q',
  'Wickes',
  'Etsy',
  'ASOS',
  'TK Maxx',
  'Screwfix',
  'Lush',
  'Hobbycraft',
  'Ticketmaster',
  'Odeon',
  'Vue Cinema',
  'Eventbrite',
  'Steam',
  'Deliveroo',
  'Just Eat',
  'Trainline',
  'Booking.com',
];

/**
 * Households for judging a recurring-payment detector, with the truth attached: salary and rent, bills
 * that vary, subscriptions (some rising in price once, some cancelled months ago, some new), yearly
 * insurance, quarterly, weekly and two-weekly series, a few typed in by hand with the name in the note, and
 * direct debits moved off weekends. Around them, what fools a naive detector: the same supermarket,
 * café, restaurant or taxi at irregular gaps with varying amounts, a hairdresser every five to nine weeks
 * at the same price, one-off purchases, two purchases at one shop a month apart by chance, a big one at
 * the same shop a year apart, and an extra payment to a landlord.
 */
export function generateLabelledHistory(options: LabelledHistoryOptions = {}): LabelledHistory {
  const random = seededRandom(options.seed ?? 1);
  const months = options.months ?? 15;
  const endMonth = options.endMonth ?? currentMonth();
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const first = dayNumber(monthRange(endMonth, -(months - 1)).start);
  const last = dayNumber(today);
  const transactions: GeneratedTransaction[] = [];
  const series: RecurringLabel[] = [];

  const between = (low: number, high: number) => low + (high - low) * random();
  const int = (low: number, high: number) => Math.floor(between(low, high + 1));
  const chance = (p: number) => random() < p;
  const taken = new Set<string>();
  /** A name not yet used in this household, so one payee never stands for two different things. */
  const fresh = <T extends string | NamedPrice>(pool: readonly T[]): T => {
    const free = pool.filter((item) => !taken.has(typeof item === 'string' ? item : item.payee));
    const choice = free[Math.floor(random() * free.length)] ?? (pool[0] as T);
    taken.add(typeof choice === 'string' ? choice : choice.payee);
    return choice;
  };
  const push = (category: string, type: 'INCOME' | 'EXPENSE', cents: number, day: number, payee: string) => {
    if (day < first || day > last) return;
    transactions.push({
      category,
      type,
      amount: fromCents(Math.max(1, Math.round(cents))),
      date: isoDate(day),
      note: '',
      payee,
    });
  };

  /** Day numbers of a monthly rhythm on `dayOfMonth` every `step` months, from `from` to `to` (offsets). */
  const monthly = (dayOfMonth: number, rule: WeekendRule, step = 1, from = -months, to = 1) => {
    const days: number[] = [];
    const phase = int(0, step - 1);
    for (let offset = from; offset <= to; offset++) {
      if ((((offset + phase) % step) + step) % step !== 0) continue;
      days.push(businessDay(dayInMonth(endMonth, offset, dayOfMonth), rule));
    }
    return days;
  };
  /** Day numbers every `every` weeks on a weekday, a holiday skipped now and then but never two in a row. */
  const weekly = (every: number, from = first, to = last) => {
    const days: number[] = [];
    let skipped = false;
    for (let day = from + int(0, 7 * every - 1); day <= to; day += 7 * every) {
      skipped = !skipped && chance(0.04);
      if (!skipped) days.push(day);
    }
    return days;
  };
  const addSeries = (
    cadence: Cadence,
    category: string,
    type: 'INCOME' | 'EXPENSE',
    payee: string,
    days: number[],
    amountAt: (index: number, count: number) => number,
    { running = true, late = 0 }: { running?: boolean; late?: number } = {},
  ) => {
    // A card payment now and then posts a day late.
    const posted = days.map((day) => (late > 0 && chance(late) ? day + 1 : day));
    const inside = posted.filter((day) => day >= first && day <= last).sort((a, b) => a - b);
    // Some people type their rent in by hand (no payee, the name in the note); some banks write the payee
    // in capitals, or with a reference that changes every time.
    const style = random();
    const byHand = style < 0.12;
    const text = () =>
      style < 0.3 ? `${payee} *${int(10_000, 99_999)}` : style < 0.45 ? payee.toUpperCase() : payee;
    inside.forEach((day, index) => {
      const cents = Math.round(amountAt(index, inside.length));
      transactions.push({
        category,
        type,
        amount: fromCents(cents),
        date: isoDate(day),
        note: byHand ? payee : '',
        payee: byHand ? '' : text(),
      });
    });
    if (running && inside.length >= LABEL_MIN_OCCURRENCES[cadence]) {
      series.push({
        payee,
        category,
        type,
        cadence,
        amount: fromCents(amountAt(inside.length - 1, inside.length)),
      });
    }
  };
  const fixed = (price: number) => () => price;
  /** A price that goes up once, somewhere in the second half of the history. */
  const risingOnce = (price: number) => {
    const share = between(0.4, 0.85);
    const raised = Math.round(price * between(1.08, 1.3));
    return (index: number, count: number) => (index >= Math.floor(count * share) ? raised : price);
  };
  /** A metered bill: a different amount every time around a typical one. */
  const metered = (price: number) => {
    const amounts = new Map<number, number>();
    return (index: number) => {
      const known = amounts.get(index);
      if (known !== undefined) return known;
      const amount = Math.round(price * between(0.7, 1.35));
      amounts.set(index, amount);
      return amount;
    };
  };

  // The backbone: an income and a home.
  const salary = fresh(SALARIES);
  if (chance(0.8)) {
    // Paid the Friday before a weekend, with one bonus month.
    const pay = int(2200, 5200) * 100;
    const bonus = int(0, months);
    const withBonus = (index: number) => (index === bonus ? Math.round(pay * between(1.1, 1.4)) : pay);
    addSeries('monthly', 'Salary', 'INCOME', salary, monthly(int(1, 28), 'friday'), withBonus);
  } else {
    addSeries('biweekly', 'Salary', 'INCOME', salary, weekly(2), fixed(int(1000, 2400) * 100));
  }
  const home = fresh(HOMES);
  const rent = int(800, 2200) * 100;
  addSeries('monthly', 'Rent', 'EXPENSE', home, monthly(int(1, 5), 'monday'), fixed(rent));
  if (chance(0.3)) push('Rent', 'EXPENSE', rent * between(1, 2), int(first, last), home);
  if (chance(0.85)) {
    const energy = fresh(ENERGY);
    addSeries(
      'monthly',
      'Utilities',
      'EXPENSE',
      energy,
      monthly(int(1, 28), 'monday'),
      metered(int(60, 180) * 100),
    );
  }
  if (chance(0.8)) {
    const telecom = fresh(TELECOMS);
    addSeries(
      'monthly',
      'Phone & internet',
      'EXPENSE',
      telecom.payee,
      monthly(int(1, 31), 'monday'),
      fixed(telecom.price),
    );
  }

  // Subscriptions: charged by card on their day, weekend or not; some rise, one may be new.
  for (let n = int(1, 5); n > 0; n--) {
    const { payee, price } = fresh(SUBSCRIPTIONS);
    const from = chance(0.2) ? int(-months + 1, -3) : -months;
    addSeries(
      'monthly',
      'Subscriptions',
      'EXPENSE',
      payee,
      monthly(int(1, 31), 'none', 1, from),
      chance(0.4) ? risingOnce(price) : fixed(price),
      { late: 0.1 },
    );
  }
  // Cancelled ones: a detector must not still expect them.
  for (let n = int(0, 2); n > 0; n--) {
    const { payee, price } = fresh(SUBSCRIPTIONS);
    const to = int(-months + 5, -4);
    addSeries(
      'monthly',
      'Subscriptions',
      'EXPENSE',
      payee,
      monthly(int(1, 28), 'none', 1, -months, to),
      fixed(price),
      { running: false },
    );
  }
  for (let n = int(0, 2); n > 0; n--) {
    const { payee, price } = fresh(YEARLY);
    // A day in the first year such that the renewal a year later is also in the history.
    const room = last - 365 - first;
    if (room <= 10) break;
    const day = first + int(0, room - 10);
    const renewed = new Date(day * DAY_MS);
    renewed.setUTCFullYear(renewed.getUTCFullYear() + 1);
    const dates = [day, renewed.getTime() / DAY_MS].map((d) => businessDay(d, 'monday'));
    const renewal = Math.round(price * between(0.97, 1.12));
    addSeries('yearly', 'Insurance', 'EXPENSE', payee, dates, (index) => (index === 0 ? price : renewal));
  }
  for (let n = int(0, 2); n > 0; n--) {
    const { payee, price } = fresh(QUARTERLY);
    addSeries(
      'quarterly',
      'Utilities',
      'EXPENSE',
      payee,
      monthly(int(1, 28), 'monday', 3),
      chance(0.5) ? fixed(price) : metered(price),
    );
  }
  for (let n = int(0, 2); n > 0; n--) {
    const { payee, price } = fresh(WEEKLY);
    const start = chance(0.2) ? last - int(42, 120) : first;
    addSeries('weekly', 'Household', 'EXPENSE', payee, weekly(1, start), fixed(price));
  }
  for (let n = int(0, 2); n > 0; n--) {
    const { payee, price } = fresh(BIWEEKLY);
    addSeries(
      'biweekly',
      'Household',
      'EXPENSE',
      payee,
      weekly(2),
      chance(0.25) ? risingOnce(price) : fixed(price),
    );
  }
  if (chance(0.4)) {
    // A weekly class that stopped at least a month ago.
    const { payee, price } = fresh(WEEKLY);
    addSeries('weekly', 'Household', 'EXPENSE', payee, weekly(1, first, last - int(30, 150)), fixed(price), {
      running: false,
    });
  }

  // The noise. Shops visited again and again at irregular gaps, with amounts that vary.
  const irregular = (payee: string, category: string, gap: number, low: number, high: number) => {
    for (let day = first + int(0, gap); day <= last; day += int(1, 2 * gap - 1)) {
      push(category, 'EXPENSE', between(low, high) * 100, day, payee);
    }
  };
  for (let n = int(2, 3); n > 0; n--) irregular(fresh(SUPERMARKETS), 'Groceries', int(3, 10), 8, 140);
  for (let n = int(3, 6); n > 0; n--) {
    const typical = between(15, 60);
    irregular(fresh(RESTAURANTS), 'Dining out', int(8, 40), typical * 0.6, typical * 1.5);
  }
  if (chance(0.7)) {
    // Nearly every working day, mostly the same order: a steady amount but no rhythm of its own.
    const cafe = fresh(CAFES);
    const usual = int(280, 480);
    for (let day = first; day <= last; day++) {
      if (weekday(day) === 0 || weekday(day) === 6 || !chance(0.6)) continue;
      push('Dining out', 'EXPENSE', chance(0.7) ? usual : int(250, 900), day, cafe);
    }
  }
  irregular('Uber', 'Transport', int(3, 15), 6, 40);
  if (chance(0.6)) irregular('Shell', 'Transport', int(6, 12), 35, 80);
  irregular('Amazon', 'Shopping', int(4, 20), 5, 150);
  if (chance(0.6)) {
    const price = int(30, 60) * 100;
    for (let day = first + int(0, 40); day <= last; day += int(35, 63))
      push('Health', 'EXPENSE', price, day, 'Toni & Guy');
  }
  if (chance(0.5)) {
    for (let day = first + int(0, 30); day <= last; day += int(10, 40))
      push('Freelance', 'INCOME', between(5, 60) * 100, day, 'Vinted');
  }
  // One-off purchases, and coincidences: one shop twice a month apart at about the same amount, another
  // twice a year apart at very different amounts.
  for (let n = int(8, 20); n > 0; n--)
    push('Shopping', 'EXPENSE', between(10, 400) * 100, int(first, last), fresh(SHOPS));
  for (let n = int(1, 3); n > 0; n--) {
    const shop = fresh(SHOPS);
    const day = int(first, last - 40);
    const amount = between(15, 200) * 100;
    push('Shopping', 'EXPENSE', amount, day, shop);
    push('Shopping', 'EXPENSE', amount * between(0.97, 1.03), day + int(28, 33), shop);
  }
  if (chance(0.5) && last - first > 400) {
    const shop = fresh(SHOPS);
    const day = int(first, last - 370);
    const amount = between(40, 500) * 100;
    push('Shopping', 'EXPENSE', amount, day, shop);
    push(
      'Shopping',
      'EXPENSE',
      amount * (chance(0.5) ? between(1.6, 3) : between(0.2, 0.6)),
      day + int(360, 370),
      shop,
    );
  }

  transactions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { transactions, series };
}
