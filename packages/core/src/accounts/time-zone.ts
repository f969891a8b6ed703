import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import { notFound } from '../errors';
import { isoMonth, todayIn } from '../validation/dates';
import { parseInput } from '../validation/parse-input';

/** The user's IANA time zone: it decides what "today" and "this month" are for them. */
export async function userTimeZone(db: Database, userId: number): Promise<string> {
  const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
  if (!row) throw notFound();
  return row.timeZone;
}

/** Today's date "YYYY-MM-DD" where the user lives. */
export async function userToday(db: Database, userId: number): Promise<string> {
  return todayIn(await userTimeZone(db, userId));
}

/**
 * A month argument as the services take it: "YYYY-MM" (validated), or, when none is given, the user's
 * current month in their own time zone.
 */
export async function monthOrCurrent(
  db: Database,
  userId: number,
  month: string | undefined,
): Promise<string> {
  if (month !== undefined) return parseInput(isoMonth, month);
  return (await userToday(db, userId)).slice(0, 7);
}
