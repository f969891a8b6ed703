import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import { getAnomalies } from '../insights/anomalies';
import { findSummaryDrift } from '../summaries/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { listTransactions } from '../transactions/service';
import { currentMonth } from '../validation/dates';
import { generateHousehold } from './generator';
import { loadDemoData } from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('demo data', () => {
  it('is deterministic for a seed and stays within the months asked for', () => {
    const options = { months: 6, endMonth: '2026-06', today: '2026-06-30', seed: 7 };
    expect(generateHousehold(options)).toEqual(generateHousehold(options));
    const dates = generateHousehold(options).map((t) => t.date);
    expect(dates.every((d) => d >= '2026-01-01' && d <= '2026-06-30')).toBe(true);
  });

  it('never dates a transaction after today', () => {
    const dates = generateHousehold({ endMonth: '2026-11', today: '2026-11-05' }).map((t) => t.date);
    expect(dates.every((d) => d <= '2026-11-05')).toBe(true);
  });

  it('makes a busier account by scaling everyday purchases, never the bills', () => {
    const options = { months: 12, endMonth: '2026-06', today: '2026-06-30', seed: 3 };
    const count = (scale: number, category: string) =>
      generateHousehold({ ...options, scale }).filter((t) => t.category === category).length;
    expect(count(1, 'Groceries')).toBe(48);
    expect(count(10, 'Groceries')).toBe(480);
    expect(count(10, 'Transport')).toBeGreaterThan(8 * count(1, 'Transport'));
    expect([count(0, 'Salary'), count(10, 'Salary'), count(10, 'Rent')]).toEqual([12, 12, 12]);
    expect(generateHousehold({ ...options, scale: 0 }).some((t) => t.category === 'Dining out')).toBe(false);
  });

  it('fills an empty account with a year, reusing existing categories, and keeps summaries true', async () => {
    const user = await createUser(database.db, 'demo');
    await createCategory(database.db, user.id, { name: 'groceries' });
    const result = await loadDemoData(database.db, user.id);
    expect(result.transactions).toBeGreaterThan(300);
    // Which categories a year holds depends on the month it ends in (December brings Gifts, July Travel).
    const generated = new Set(generateHousehold().map((t) => t.category));
    expect(generated.has('Groceries')).toBe(true);
    expect(result.categories).toBe(generated.size - 1);
    const page = await listTransactions(database.db, user.id, { includeTotal: true });
    expect(page.total).toBe(result.transactions);
    expect(page.items.some((t) => t.categoryName === 'groceries')).toBe(true);
    expect(await findSummaryDrift(database.db, user.id)).toEqual([]);
    const { anomalies } = await getAnomalies(database.db, user.id, currentMonth());
    expect(anomalies.map((a) => a.kind)).toContain('large_transaction');
  });

  it('refuses an account that already has transactions', async () => {
    const user = await createUser(database.db, 'busy');
    await loadDemoData(database.db, user.id, { months: 2 });
    await expect(loadDemoData(database.db, user.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
