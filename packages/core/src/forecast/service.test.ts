import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userToday } from '../accounts/time-zone';
import { loadDemoData } from '../demo/service';
import { listRecurring, updateRecurring } from '../recurring/service';
import { getMonthlySummary } from '../summaries/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { monthRange } from '../validation/dates';
import { toCents } from '../validation/money';
import { getForecast } from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('the month-end forecast', () => {
  it('adds what is booked, the recurring payments still due and typical spending for the days left', async () => {
    const user = await createUser(database.db, 'forecast');
    await loadDemoData(database.db, user.id);
    const today = await userToday(database.db, user.id);
    const forecast = await getForecast(database.db, user.id);
    const summary = await getMonthlySummary(database.db, user.id);
    expect(forecast.month).toBe(today.slice(0, 7));
    expect(forecast.asOf).toBe(today);
    expect(forecast.expense.booked).toBe(summary.totalExpense);
    const { booked, recurringDue, variable, expected, low, high } = forecast.expense;
    expect(toCents(expected)).toBe(toCents(booked) + toCents(recurringDue) + toCents(variable));
    expect(toCents(low)).toBeLessThanOrEqual(toCents(expected));
    expect(toCents(high)).toBeGreaterThanOrEqual(toCents(expected));
    if (forecast.daysLeft > 0) expect(toCents(variable)).toBeGreaterThan(0);
    expect(forecast.safeToSpendPerDay).toMatch(/^\d+\.\d{2}$/);

    // A dismissed series is not expected any more.
    const due = forecast.due[0];
    if (due) {
      const series = (await listRecurring(database.db, user.id)).find((s) => s.payee === due.payee);
      await updateRecurring(database.db, user.id, { id: series?.id ?? 0, status: 'DISMISSED' });
      const after = await getForecast(database.db, user.id);
      expect(after.due.map((d) => d.payee)).not.toContain(due.payee);
    }
  });

  it('gives a past month as it ended, and refuses a month to come', async () => {
    const user = await createUser(database.db, 'forecast');
    await loadDemoData(database.db, user.id);
    const today = await userToday(database.db, user.id);
    const last = monthRange(today.slice(0, 7), -1);
    const past = await getForecast(database.db, user.id, { month: last.start.slice(0, 7) });
    const summary = await getMonthlySummary(database.db, user.id, { month: last.start.slice(0, 7) });
    expect(past).toMatchObject({
      daysLeft: 0,
      expense: { expected: summary.totalExpense, booked: summary.totalExpense },
    });
    await expect(
      getForecast(database.db, user.id, { month: monthRange(today.slice(0, 7), 1).start.slice(0, 7) }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { month: [expect.any(String)] } });
    await expect(getForecast(database.db, user.id, { month: '2026-13' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
