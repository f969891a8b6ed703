import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import type { Database } from '../db/client';
import { transactions } from '../db/schema';
import { seededRandom } from '../demo/seeded-random';
import { createAccount } from '../finance-accounts/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { createTransaction, createTransfer } from '../transactions/service';
import { monthRange } from '../validation/dates';
import { getAnomalies } from './anomalies';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const TARGET = '2026-06';

/**
 * A household with a steady rhythm: rent, weekly groceries with ±20% noise, a few meals out of varying
 * size, a phone bill — for `months` months before TARGET and in TARGET itself.
 */
async function steadyHousehold(db: Database, seed: number, months = 12) {
  const user = await createUser(db, 'steady');
  const next = seededRandom(seed);
  const ids: Record<string, number> = {};
  for (const name of ['Rent', 'Groceries', 'Dining', 'Phone', 'Salary']) {
    ids[name] = (await createCategory(db, user.id, { name })).id;
  }
  const add = (category: string, amount: number, date: string, type: 'INCOME' | 'EXPENSE' = 'EXPENSE') =>
    createTransaction(db, user.id, { categoryId: ids[category] ?? 0, type, amount: amount.toFixed(2), date });
  const noisy = (base: number, spread: number) => base * (1 + spread * (2 * next() - 1));
  for (let offset = -months; offset <= 0; offset++) {
    const { start } = monthRange(TARGET, offset);
    const day = (d: number) => `${start.slice(0, 8)}${String(d).padStart(2, '0')}`;
    await add('Salary', 4200, day(1), 'INCOME');
    await add('Rent', 1450, day(2));
    await add('Phone', noisy(40, 0.1), day(12));
    for (const d of [4, 11, 18, 25]) await add('Groceries', noisy(110, 0.2), day(d));
    for (const d of [8, 21, 27]) await add('Dining', noisy(45, 0.35), day(d));
  }
  return { user, ids, add, day: (d: number) => `${TARGET}-${String(d).padStart(2, '0')}` };
}

describe('getAnomalies', () => {
  it('finds nothing in steady households with ordinary month-to-month noise', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { user } = await steadyHousehold(database.db, seed);
      const report = await getAnomalies(database.db, user.id, TARGET);
      expect(report).toEqual({ month: TARGET, historyMonths: 12, anomalies: [] });
    }
  });

  it('flags a category whose month is far above its usual months, with the reason', async () => {
    const { user, ids, add, day } = await steadyHousehold(database.db, 11);
    for (const d of [6, 14, 22, 28]) await add('Groceries', 180, day(d));
    const { anomalies } = await getAnomalies(database.db, user.id, TARGET);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({
      kind: 'category_spike',
      categoryId: ids.Groceries,
      category: 'Groceries',
      transactionId: null,
      date: null,
    });
    const spike = anomalies[0];
    expect(Number(spike?.observed)).toBeGreaterThan(2.4 * Number(spike?.baseline));
    expect(Number(spike?.baseline)).toBeGreaterThan(400);
    expect(Number(spike?.baseline)).toBeLessThan(480);
    expect(spike?.reason).toMatch(
      /^Groceries: \d+\.\d{2} this month, \d\.\d× the usual \d+\.\d{2} \(median of 12 months\)\.$/,
    );
  });

  it('flags one outsized transaction, and not also its category’s month', async () => {
    const { user, ids, add, day } = await steadyHousehold(database.db, 12);
    const splurge = await add('Dining', 620, day(15));
    const { anomalies } = await getAnomalies(database.db, user.id, TARGET);
    expect(anomalies).toEqual([
      {
        kind: 'large_transaction',
        categoryId: ids.Dining,
        category: 'Dining',
        transactionId: splurge.id,
        date: '2026-06-15',
        observed: '620.00',
        baseline: expect.stringMatching(/^4\d\.\d{2}$/),
        reason: expect.stringMatching(
          /^A single 620\.00 expense in Dining on 2026-06-15, \d+\.\d× its usual/,
        ),
      },
    ]);
  });

  it('flags a large spend in a new category, but not a small one', async () => {
    const { user, ids, day } = await steadyHousehold(database.db, 13);
    const travel = (await createCategory(database.db, user.id, { name: 'Travel' })).id;
    const gifts = (await createCategory(database.db, user.id, { name: 'Gifts' })).id;
    await createTransaction(database.db, user.id, {
      categoryId: travel,
      type: 'EXPENSE',
      amount: '1300',
      date: day(9),
    });
    await createTransaction(database.db, user.id, {
      categoryId: gifts,
      type: 'EXPENSE',
      amount: '25',
      date: day(9),
    });
    const { anomalies } = await getAnomalies(database.db, user.id, TARGET);
    expect(anomalies).toEqual([
      {
        kind: 'new_category',
        categoryId: travel,
        category: 'Travel',
        transactionId: null,
        date: null,
        observed: '1300.00',
        baseline: '0.00',
        reason: expect.stringMatching(
          /^First spending on Travel: 1300\.00, \d+% of a usual month's spending\.$/,
        ),
      },
    ]);
    expect(ids.Rent).toBeDefined();
  });

  it('says nothing until there are three months of history', async () => {
    const { user, add, day } = await steadyHousehold(database.db, 14, 2);
    await add('Groceries', 2000, day(3));
    expect(await getAnomalies(database.db, user.id, TARGET)).toEqual({
      month: TARGET,
      historyMonths: 2,
      anomalies: [],
    });
  });

  it('judges each user only by their own history', async () => {
    const { user: quiet } = await steadyHousehold(database.db, 15);
    const { user: loud, add, day } = await steadyHousehold(database.db, 16);
    await add('Groceries', 3000, day(3));
    expect((await getAnomalies(database.db, loud.id, TARGET)).anomalies.length).toBeGreaterThan(0);
    expect((await getAnomalies(database.db, quiet.id, TARGET)).anomalies).toEqual([]);
  });

  it('refuses a malformed month', async () => {
    const { user } = await steadyHousehold(database.db, 17, 0);
    await expect(getAnomalies(database.db, user.id, 'June')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

/**
 * A household's life up to `target`: steady groceries (100 every week) from 13 months before it, plus
 * whatever a test spends. Rows are written in one insert when the anomalies are asked for.
 */
async function life(target: string, categories: string[]) {
  const db = database.db;
  const user = await createUser(db, 'life');
  const ids: Record<string, number> = {};
  for (const name of ['Groceries', ...categories])
    ids[name] = (await createCategory(db, user.id, { name })).id;
  const rows: (typeof transactions.$inferInsert)[] = [];
  const spend = (category: string, amount: number, date: string, payee = '') =>
    rows.push({
      userId: user.id,
      categoryId: ids[category] ?? 0,
      type: 'EXPENSE',
      amount: amount.toFixed(2),
      date,
      payee,
    });
  const months = Array.from({ length: 14 }, (_, i) => {
    const range = monthRange(target, i - 13);
    const date = (day: number) => `${range.start.slice(0, 8)}${String(day).padStart(2, '0')}`;
    const days = (Date.parse(range.end) - Date.parse(range.start)) / 86_400_000;
    const weekday = (day: number) => new Date(`${date(day)}T00:00:00Z`).getUTCDay();
    /** The dates of the month that fall on these weekdays (0 = Sunday … 6 = Saturday). */
    const every = (...weekdays: number[]) =>
      Array.from({ length: days }, (_, d) => d + 1)
        .filter((d) => weekdays.includes(weekday(d)))
        .map(date);
    return { offset: i - 13, month: range.month, date, every };
  });
  for (const m of months) for (const d of [3, 10, 17, 24]) spend('Groceries', 100, m.date(d));
  const last = months[13];
  if (!last) throw new Error('no target month');
  return {
    user,
    ids,
    spend,
    /** The 13 months before the target, then the target. */
    months,
    target: last,
    anomalies: async () => {
      await db.insert(transactions).values(rows);
      return (await getAnomalies(db, user.id, target)).anomalies;
    },
  };
}

/** Every `days` days from `first` up to the end of `month` (a "YYYY-MM"), as dates. */
function everyDays(first: string, days: number, month: string): string[] {
  const end = Date.parse(monthRange(month, 1).start);
  const dates: string[] = [];
  for (let t = Date.parse(first); t < end; t += days * 86_400_000)
    dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

describe('getAnomalies: the same time last year', () => {
  it('takes December presents like last December’s as the season, and flags three times as many', async () => {
    const household = async (presents: number) => {
      const h = await life('2025-12', ['Gifts']);
      for (const m of h.months) {
        // A birthday present every other month, five presents last December, `presents` this December.
        if (m.month === 12) {
          const count = m.offset === 0 ? presents : 5;
          for (let n = 0; n < count; n++) h.spend('Gifts', 60 + (n % 3) * 5, m.date(1 + n));
        } else if (m.month % 2 === 0) h.spend('Gifts', 30, m.date(12));
      }
      return h;
    };
    expect(await (await household(5)).anomalies()).toEqual([]);

    const lavish = await household(15);
    expect(await lavish.anomalies()).toEqual([
      {
        kind: 'category_spike',
        categoryId: lavish.ids.Gifts,
        category: 'Gifts',
        transactionId: null,
        date: null,
        observed: '975.00',
        baseline: '30.00',
        reason:
          'Gifts: 975.00 this month, 32.5× the usual 30.00 (median of 6 months) ' +
          'and 3.0× the 320.00 of 2024-12, the same time last year.',
      },
    ]);
  });

  it('takes heating in winter like last winter as the season, and flags 2.5 times last January', async () => {
    // Monthly heating bills by calendar month, January first, paid in four top-ups.
    const WINTER = [330, 300, 230, 140, 70, 40, 40, 45, 80, 160, 250, 310];
    const household = async (topUpsInJanuary: number) => {
      const h = await life('2026-01', ['Heating']);
      for (const m of h.months) {
        const topUp = (WINTER[m.month - 1] ?? 0) / 4;
        const count = m.offset === 0 ? topUpsInJanuary : 4;
        for (let n = 0; n < count; n++) h.spend('Heating', topUp, m.date(2 + 3 * n));
      }
      return h;
    };
    // The winter months are far above the median month (150), but so were they a year ago. The season
    // widens the usual spread too, so a winter month needs over twice last year's to stand out at all.
    expect(await (await household(5)).anomalies()).toEqual([]);
    const cold = await (await household(10)).anomalies();
    expect(cold.map((a) => `${a.kind}:${a.category}`)).toEqual(['category_spike:Heating']);
    expect(cold[0]?.reason).toBe(
      'Heating: 825.00 this month, 5.5× the usual 150.00 (median of 12 months) ' +
        'and 2.5× the 330.00 of 2025-01, the same time last year.',
    );
  });

  it('takes a yearly premium of its usual size as the season, even a month off, but not one twice as big', async () => {
    const household = async (premium: number) => {
      const h = await life('2026-03', ['Insurance']);
      for (const m of h.months) h.spend('Insurance', 40, m.date(15));
      // Renewed in February last year, in March this year.
      const lastYear = h.months.find((m) => m.offset === -13);
      if (!lastYear) throw new Error('no month');
      h.spend('Insurance', 780, lastYear.date(20));
      h.spend('Insurance', premium, h.target.date(2));
      return h;
    };
    expect(await (await household(820)).anomalies()).toEqual([]);

    const doubled = await household(1600);
    const anomalies = await doubled.anomalies();
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({
      kind: 'large_transaction',
      category: 'Insurance',
      observed: '1600.00',
    });
  });

  it('takes a holiday like last summer’s, a month later, as no news', async () => {
    const h = await life('2026-07', ['Travel']);
    const lastJune = h.months.find((m) => m.offset === -13);
    if (!lastJune) throw new Error('no month');
    h.spend('Travel', 1900, lastJune.date(20));
    h.spend('Travel', 2000, h.target.date(10));
    // Thirteen months ago is outside the trailing year: without last summer this would be "first spending".
    expect(await h.anomalies()).toEqual([]);
  });
});

describe('getAnomalies: the calendar', () => {
  const outings = async (perDay: number, perDayInMay: number, countInMay = 1) => {
    const h = await life('2026-05', ['Outings']);
    for (const m of h.months) {
      for (const date of m.every(0, 6)) {
        for (let n = 0; n < (m.offset === 0 ? countInMay : 1); n++)
          h.spend('Outings', m.offset === 0 ? perDayInMay : perDay, date);
      }
    }
    return h;
  };

  it('judges a weekend habit per weekend day: May 2026, with five weekends, is not a spike for it', async () => {
    // 10 weekend days at 65 is 650, 1.5× the usual month (8 or 9 weekend days at 50), but only 1.3× per day.
    expect(await (await outings(50, 65)).anomalies()).toEqual([]);
  });

  it('still flags twice the outings in a five-weekend month', async () => {
    const anomalies = await (await outings(50, 50, 2)).anomalies();
    expect(anomalies.map((a) => `${a.kind}:${a.category}`)).toEqual(['category_spike:Outings']);
  });

  it('takes a weekly payment landing five times, or a fortnightly one three times, as the calendar', async () => {
    const h = await life('2026-05', ['Childcare', 'Swimming']);
    // Fridays, from a year and a month back; May 2026 has five of them, and the fortnightly ones fall on
    // 1, 15 and 29 May.
    for (const date of everyDays('2025-04-04', 7, '2026-05')) h.spend('Childcare', 220, date);
    for (const date of everyDays('2025-04-04', 14, '2026-05')) h.spend('Swimming', 45, date);
    expect(await h.anomalies()).toEqual([]);
  });

  const rent = async (target: string, duplicate?: number) => {
    const h = await life(target, ['Rent']);
    const end = monthRange(target, 1).start;
    // Due on the 1st, paid on the Friday before when the 1st is a weekend; raised from 1400 in January.
    for (let offset = -13; offset <= 1; offset++) {
      const due = new Date(`${monthRange(target, offset).start}T00:00:00Z`);
      const back = due.getUTCDay() === 6 ? 1 : due.getUTCDay() === 0 ? 2 : 0;
      const paid = new Date(due.getTime() - back * 86_400_000).toISOString().slice(0, 10);
      if (paid < end) h.spend('Rent', paid < '2026-01' ? 1400 : 1450, paid, 'Acme Lettings');
    }
    if (duplicate) h.spend('Rent', 1450, h.target.date(duplicate), 'Acme Lettings');
    return h;
  };

  it('takes a rent paid early because the 1st is a weekend as the calendar, not a second rent', async () => {
    // 1 August 2026 is a Saturday: July 2026 pays July's rent on the 1st and August's on Friday the 31st.
    expect(await (await rent('2026-07')).anomalies()).toEqual([]);
  });

  it('flags a rent charged twice days apart, even though last May also had two rents', async () => {
    // 1 June 2025 was a Sunday, so May 2025 paid two rents; that was the calendar, not the season.
    const h = await rent('2026-05', 4);
    const anomalies = await h.anomalies();
    expect(anomalies).toEqual([
      expect.objectContaining({ kind: 'category_spike', categoryId: h.ids.Rent, observed: '2900.00' }),
    ]);
    expect(anomalies[0]?.reason).toBe(
      'Rent: 2900.00 this month, 2.0× the usual 1450.00 (median of 9 months).',
    );
  });

  it('never counts a transfer between the user’s own accounts as spending', async () => {
    const h = await life('2026-06', []);
    const savings = await createAccount(database.db, h.user.id, { name: 'Savings', kind: 'SAVINGS' });
    const checking = (await createAccount(database.db, h.user.id, { name: 'Joint' })).id;
    for (const m of h.months) {
      await createTransfer(database.db, h.user.id, {
        fromAccountId: checking,
        toAccountId: savings.id,
        amount: m.offset === 0 ? '9000' : '300',
        date: m.date(28),
      });
    }
    expect(await h.anomalies()).toEqual([]);
  });
});
