import { sql } from 'drizzle-orm';
import { userToday } from '../accounts/time-zone';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { fieldError } from '../errors';
import { detectRecurring } from '../recurring/detect';
import { readForecastHistory } from '../recurring/history';
import type { RecurringCadence } from '../recurring/schemas';
import { RECURRING_HISTORY_MONTHS, toDetectorCadence } from '../recurring/service';
import { monthRange } from '../validation/dates';
import { parseInput } from '../validation/parse-input';
import { estimateMonthEnd, type Forecast } from './estimate';
import { type ForecastInput, forecastInput } from './schemas';

/**
 * The expected income and expense at the end of a month (the current one by default), with a range, and
 * what is safe to spend per remaining day: what is booked, the recurring payments still due, and the
 * typical variable spending for the days left. A past month's forecast is what it ended at. Recurring
 * series the user dismissed are left out, and their own amount or cadence for a series is used.
 */
export async function getForecast(
  db: Database,
  userId: number,
  input: ForecastInput = {},
): Promise<Forecast> {
  const data = parseInput(forecastInput, input);
  const today = await userToday(db, userId);
  const month = data.month ?? today.slice(0, 7);
  if (month > today.slice(0, 7)) {
    throw fieldError('month', 'A forecast is for the current month or an earlier one.');
  }
  const range = monthRange(month);
  const lastDay = new Date(Date.parse(range.end) - 86_400_000).toISOString().slice(0, 10);
  const [asOf = today] = [today, lastDay].sort();
  const { candidates, all: history } = await readForecastHistory(
    db,
    userId,
    monthRange(month, -(RECURRING_HISTORY_MONTHS - 1)).start,
    asOf,
  );
  const decisions = new Map(
    rowsOf<{ key: string; status: string; cadence: RecurringCadence | null; amount: string | null }>(
      await db.execute(sql`SELECT key, status::text AS status, custom_cadence::text AS cadence,
          custom_amount::text AS amount
        FROM recurring_series WHERE user_id = ${userId}
          AND (status = 'DISMISSED' OR custom_cadence IS NOT NULL OR custom_amount IS NOT NULL)`),
    ).map((row) => [row.key, row]),
  );
  const series = detectRecurring(candidates, asOf).flatMap((s) => {
    const decision = decisions.get(s.key);
    if (decision?.status === 'DISMISSED') return [];
    return [
      {
        ...s,
        cadence: decision?.cadence ? toDetectorCadence(decision.cadence) : s.cadence,
        amount: decision?.amount ?? s.amount,
      },
    ];
  });
  return estimateMonthEnd({ month, today: asOf, history, series });
}
