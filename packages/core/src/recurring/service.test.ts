import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userToday } from '../accounts/time-zone';
import { runAlertChecks } from '../alerts/checks';
import { listAlerts } from '../alerts/service';
import { createCategory } from '../categories/service';
import { rowsOf } from '../db/rows';
import { transactions } from '../db/schema';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { monthRange } from '../validation/dates';
import { listRecurring, requestOverdueChecks, updateRecurring } from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** Ten months of rent on the 1st and a streaming subscription on the 5th, up to last month. */
async function household(options: { lastPrice?: string; skipLastRent?: boolean } = {}) {
  const db = database.db;
  const user = await createUser(db, 'recurring');
  const today = await userToday(db, user.id);
  const housing = await createCategory(db, user.id, { name: 'Housing' });
  const fun = await createCategory(db, user.id, { name: 'Fun' });
  const rows: (typeof transactions.$inferInsert)[] = [];
  for (let offset = -10; offset <= 0; offset++) {
    const start = monthRange(today.slice(0, 7), offset).start;
    if (offset < 0 || !options.skipLastRent) {
      if (offset < 0 || today >= start)
        rows.push({
          userId: user.id,
          categoryId: housing.id,
          type: 'EXPENSE',
          amount: '1450.00',
          date: start,
          payee: 'Parkside Lettings',
        });
    }
    const fifth = `${start.slice(0, 8)}05`;
    if (offset < 0)
      rows.push({
        userId: user.id,
        categoryId: fun.id,
        type: 'EXPENSE',
        amount: offset === -1 && options.lastPrice ? options.lastPrice : '15.49',
        date: fifth,
        payee: 'Netflix',
      });
  }
  await db.insert(transactions).values(rows);
  return { db, user, today, housing, fun };
}

describe('recurring payments', () => {
  it('are found in the history with their cadence, amount and next date', async () => {
    const { db, user, today } = await household();
    const series = await listRecurring(db, user.id);
    const netflix = series.find((s) => s.payee === 'Netflix');
    expect(netflix).toMatchObject({
      cadence: 'MONTHLY',
      amount: '15.49',
      category: 'Fun',
      status: 'DETECTED',
      edited: false,
      nextExpected: expect.stringMatching(/^\d{4}-\d{2}-0[5-7]$/),
    });
    expect((netflix?.nextExpected ?? '') >= today.slice(0, 7)).toBe(true);
    expect(series.find((s) => s.payee === 'Parkside Lettings')).toMatchObject({
      cadence: 'MONTHLY',
      amount: '1450.00',
    });
  });

  it('can be confirmed, edited, and dismissed for good', async () => {
    const { db, user } = await household();
    const [first] = await listRecurring(db, user.id);
    const id = first?.id ?? 0;
    expect(
      await updateRecurring(db, user.id, { id, status: 'CONFIRMED', payee: 'My rent', amount: '1500' }),
    ).toMatchObject({
      status: 'CONFIRMED',
      payee: 'My rent',
      amount: '1500.00',
      edited: true,
    });
    expect(await updateRecurring(db, user.id, { id, payee: null, amount: null })).toMatchObject({
      edited: false,
    });
    await updateRecurring(db, user.id, { id, status: 'DISMISSED' });
    // Detection runs again (a write makes it stale): the dismissed series stays dismissed.
    await db.execute(sql`UPDATE monthly_summaries SET updated_at = now() WHERE user_id = ${user.id}`);
    expect((await listRecurring(db, user.id)).map((s) => s.id)).not.toContain(id);
    expect(
      (await listRecurring(db, user.id, { includeDismissed: true })).find((s) => s.id === id)?.status,
    ).toBe('DISMISSED');
    const other = await createUser(db, 'other');
    await expect(updateRecurring(db, other.id, { id, status: 'CONFIRMED' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(updateRecurring(db, user.id, { id, amount: '-1' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('raise an alert once when a payment changes price', async () => {
    const { db, user } = await household({ lastPrice: '17.99' });
    await db.execute(sql`INSERT INTO alert_check_requests (user_id) VALUES (${user.id})`);
    await runAlertChecks(db, { delaySeconds: 0 });
    await db.execute(sql`INSERT INTO alert_check_requests (user_id) VALUES (${user.id})`);
    await runAlertChecks(db, { delaySeconds: 0 });
    const price = (await listAlerts(db, user.id)).results.filter((a) => a.kind === 'RECURRING_PRICE');
    expect(price.map((a) => a.message)).toEqual([
      expect.stringMatching(/^Netflix went up to 17\.99 from 15\.49/),
    ]);
  });

  it('are asked about by the overdue sweep when a payment is late, with no write of the user’s', async () => {
    const { db, user } = await household();
    await listRecurring(db, user.id);
    // Three weeks pass and the rent does not come.
    await db.execute(sql`UPDATE recurring_series SET next_expected = current_date - 21
      WHERE user_id = ${user.id} AND payee = 'Parkside Lettings'`);
    await db.execute(sql`DELETE FROM alert_check_requests WHERE user_id = ${user.id}`);
    await requestOverdueChecks(db);
    const [asked] = rowsOf<{ n: number }>(
      await db.execute(
        sql`SELECT count(*)::integer AS n FROM alert_check_requests WHERE user_id = ${user.id}`,
      ),
    );
    expect(asked?.n).toBe(1);
  });

  it('raise an alert once when a payment does not arrive', async () => {
    const { db, user, today } = await household({ skipLastRent: true });
    if (Number(today.slice(8, 10)) <= 5) {
      // Too early in the month for this month's rent to be late: check last month's instead.
      await db.execute(sql`DELETE FROM transactions WHERE user_id = ${user.id} AND payee = 'Parkside Lettings'
        AND date = (SELECT max(date) FROM transactions WHERE user_id = ${user.id} AND payee = 'Parkside Lettings')`);
    }
    await db.execute(sql`INSERT INTO alert_check_requests (user_id) VALUES (${user.id})`);
    await runAlertChecks(db, { delaySeconds: 0 });
    await db.execute(sql`INSERT INTO alert_check_requests (user_id) VALUES (${user.id})`);
    await runAlertChecks(db, { delaySeconds: 0 });
    const missed = (await listAlerts(db, user.id)).results.filter((a) => a.kind === 'RECURRING_MISSED');
    // Reported: the sweep for overdue payments does not ask for this user's check again.
    await requestOverdueChecks(db);
    const [pending] = rowsOf<{ n: number }>(
      await db.execute(
        sql`SELECT count(*)::integer AS n FROM alert_check_requests WHERE user_id = ${user.id}`,
      ),
    );
    expect(pending?.n).toBe(0);
    expect(missed.map((a) => a.message)).toEqual([
      expect.stringMatching(
        /^Parkside Lettings \(usually 1450\.00, monthly\) was expected on \d{4}-\d{2}-\d{2} and has not arrived\.$/,
      ),
    ]);
  });
});
