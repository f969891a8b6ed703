import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { preparedSql } from '../db/prepared';
import { rowsOf } from '../db/rows';
import { notFound } from '../errors';
import { parseInput } from '../validation/parse-input';
import {
  type Alert,
  type AlertPage,
  type ListAlertsInput,
  listAlertsInput,
  type MarkAlertInput,
  markAlertInput,
} from './schemas';

const placeholder = sql.placeholder;
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const ALERT_COLUMNS = sql.raw(`id, kind::text AS kind, message, link, data,
  to_char(created_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS "createdAt",
  to_char(read_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS "readAt"`);

interface AlertRow extends Alert {
  total: number;
  unreadTotal: number;
}

function pageStatement(db: Database) {
  return preparedSql<AlertRow>(
    db,
    'alerts_page',
    () => sql`SELECT ${ALERT_COLUMNS},
        count(*) OVER ()::integer AS total,
        (SELECT count(*) FROM alerts u WHERE u.user_id = ${placeholder('userId')} AND u.read_at IS NULL)::integer
          AS "unreadTotal"
      FROM alerts
     WHERE user_id = ${placeholder('userId')} AND (NOT ${placeholder('unread')}::boolean OR read_at IS NULL)
     ORDER BY id DESC
     LIMIT ${placeholder('limit')} OFFSET ${placeholder('offset')}`,
  );
}

function unreadStatement(db: Database) {
  return preparedSql<{ n: number }>(
    db,
    'alerts_unread',
    () =>
      sql`SELECT count(*)::integer AS n FROM alerts WHERE user_id = ${placeholder('userId')} AND read_at IS NULL`,
  );
}

/** The user's alerts, newest first, with how many there are and how many are unread. */
export async function listAlerts(
  db: Database,
  userId: number,
  input: ListAlertsInput = {},
): Promise<AlertPage> {
  const { unread, limit, offset } = parseInput(listAlertsInput, input);
  const rows = await pageStatement(db).execute({ userId, unread: unread ?? false, limit, offset });
  const first = rows[0];
  if (!first && offset > 0) {
    // Past the last page: still say how many there are.
    const [all] = rowsOf<{ total: number; unread: number }>(
      await db.execute(sql`SELECT count(*) FILTER (WHERE NOT ${unread ?? false}::boolean OR read_at IS NULL)::integer AS total,
          count(*) FILTER (WHERE read_at IS NULL)::integer AS unread FROM alerts WHERE user_id = ${userId}`),
    );
    return { count: all?.total ?? 0, unread: all?.unread ?? 0, results: [] };
  }
  const unreadCount = first
    ? first.unreadTotal
    : ((await unreadStatement(db).execute({ userId }))[0]?.n ?? 0);
  return {
    count: first?.total ?? 0,
    unread: unreadCount,
    results: rows.map(({ total: _total, unreadTotal: _unread, ...alert }) => alert),
  };
}

/** How many unread alerts the user has: the bell's number. */
export async function countUnreadAlerts(db: Database, userId: number): Promise<number> {
  const [row] = await unreadStatement(db).execute({ userId });
  return row?.n ?? 0;
}

export async function getAlert(db: Database, userId: number, alertId: number): Promise<Alert> {
  const [row] = rowsOf<Alert>(
    await db.execute(sql`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ${alertId} AND user_id = ${userId}`),
  );
  if (!row) throw notFound();
  return row;
}

/** Marks one alert read (or unread again). Reading it twice keeps the first reading's time. */
export async function markAlert(db: Database, userId: number, input: MarkAlertInput): Promise<Alert> {
  const { id, read } = parseInput(markAlertInput, input);
  const [row] = rowsOf<Alert>(
    // least() keeps an earlier reading (it skips NULL): Citus allows now() in an update but not inside CASE
    // or COALESCE. Formatted from the changed row outside RETURNING, where it allows only immutable functions.
    await db.execute(sql`WITH changed AS (UPDATE alerts
        SET read_at = ${read ? sql`least(read_at, now())` : sql`NULL`}
      WHERE id = ${id} AND user_id = ${userId}
      RETURNING *)
      SELECT ${ALERT_COLUMNS} FROM changed`),
  );
  if (!row) throw notFound();
  return row;
}

/** Marks every unread alert read; says how many were. */
export async function markAllAlertsRead(db: Database, userId: number): Promise<{ updated: number }> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`WITH marked AS (
        UPDATE alerts SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL RETURNING 1)
      SELECT count(*)::integer AS n FROM marked`),
  );
  return { updated: row?.n ?? 0 };
}
