import { sql } from 'drizzle-orm';
import { cacheOwner } from '../db/cache-owner';
import type { Database } from '../db/client';
import { preparedSql } from '../db/prepared';
import { notFound } from '../errors';
import { isoMonth, todayIn } from '../validation/dates';
import { parseInput } from '../validation/parse-input';

/**
 * Each process remembers users' time zones for a minute: "this month" is asked on every insight without a
 * month, and a zone changes rarely. A change made in this process applies at once (`forgetTimeZone`); one
 * made in another process within the minute.
 */
const REMEMBER_MS = 60_000;
const REMEMBERED = 100_000;
const zones = new WeakMap<Database, Map<number, { zone: string; until: number }>>();

/** The user's IANA time zone: it decides what "today" and "this month" are for them. */
export async function userTimeZone(db: Database, userId: number): Promise<string> {
  const owner = cacheOwner(db);
  let known = zones.get(owner);
  if (!known) {
    known = new Map();
    zones.set(owner, known);
  }
  const now = Date.now();
  const cached = known.get(userId);
  if (cached && cached.until > now) return cached.zone;
  const [row] = await preparedSql<{ zone: string }>(
    db,
    'users_time_zone',
    () => sql`SELECT time_zone AS zone FROM users WHERE id = ${sql.placeholder('userId')}`,
  ).execute({ userId });
  if (!row) throw notFound();
  if (known.size >= REMEMBERED) known.clear();
  known.set(userId, { zone: row.zone, until: now + REMEMBER_MS });
  return row.zone;
}

/** Called when a user's zone changes, so this process uses the new one at once. */
export function forgetTimeZone(db: Database, userId: number): void {
  zones.get(cacheOwner(db))?.delete(userId);
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
