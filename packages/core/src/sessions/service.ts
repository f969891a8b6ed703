import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { preparedSql } from '../db/prepared';
import { rowsOf } from '../db/rows';
import { sessions } from '../db/schema';
import { isoTimestamp } from '../db/timestamps';
import { notFound } from '../errors';
import { QUOTAS } from '../limits';
import { byIdInput } from '../validation/ids';
import { parseInput } from '../validation/parse-input';
import { ipPrefix } from './ip-prefix';
import {
  type RefreshClaimsInput,
  type RefreshOutcome,
  refreshClaimsInput,
  type Session,
  type SessionClientInput,
  type StartedSession,
  sessionClientInput,
} from './schemas';

/** However active, a session ends this long after its login: the password is asked for again. */
export const SESSION_MAX_DAYS = 30;
/** Ended sessions are kept this long (the list shows only live ones), then forgotten. */
const ENDED_SESSIONS_KEPT_DAYS = 30;

/** Advisory lock class for one user's session starts ('sess'). */
const SESSION_LOCK_CLASS = 1_936_028_531;

const active = and(isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`));

/**
 * Starts a session for a login. Keeps the user within the session quota by ending their oldest live
 * sessions, and forgets sessions that ended long ago.
 */
export async function startSession(
  db: Database,
  userId: number,
  client: SessionClientInput = {},
): Promise<StartedSession> {
  const { userAgent, ip } = parseInput(sessionClientInput, client);
  return db.transaction(async (tx) => {
    // One login of a user at a time: two at once each ended the other's oldest sessions in their own order
    // and deadlocked (16 parallel logins of one user: 1 in 20 failed).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SESSION_LOCK_CLASS}::integer, ${userId}::integer)`);
    const [created] = await tx
      .insert(sessions)
      .values({
        userId,
        userAgent,
        ipPrefix: ipPrefix(ip),
        expiresAt: sql`now() + make_interval(days => ${SESSION_MAX_DAYS})`,
      })
      .returning({ id: sessions.id, generation: sessions.refreshGeneration });
    if (!created) throw new Error('insert returned no row');
    const revoked = rowsOf<{ id: number }>(
      await tx.execute(sql`
        UPDATE sessions SET revoked_at = now()
         WHERE id IN (SELECT id FROM sessions
                       WHERE user_id = ${userId} AND revoked_at IS NULL AND expires_at > now()
                       ORDER BY created_at DESC, id DESC
                      OFFSET ${QUOTAS.sessions})
        RETURNING id`),
    );
    await tx.execute(sql`
      DELETE FROM sessions
       WHERE user_id = ${userId}
         AND least(revoked_at, expires_at) < now() - make_interval(days => ${ENDED_SESSIONS_KEPT_DAYS})`);
    return {
      sessionId: created.id,
      generation: created.generation,
      revokedSessionIds: revoked.map((row) => row.id),
    };
  });
}

/**
 * Trades the refresh token of `generation` for the next one (rotation). A refresh token is good once: an
 * older generation presented again means two parties hold the session's tokens, so the session is ended
 * (reuse detection, as simplejwt's blacklist after rotation does).
 */
export async function rotateSession(
  db: Database,
  userId: number,
  input: RefreshClaimsInput,
): Promise<RefreshOutcome> {
  const { sessionId, generation } = parseInput(refreshClaimsInput, input);
  const [rotated] = await db
    .update(sessions)
    .set({ refreshGeneration: sql`${sessions.refreshGeneration} + 1`, lastUsedAt: sql`now()` })
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, userId),
        eq(sessions.refreshGeneration, generation),
        active,
      ),
    )
    .returning({ generation: sessions.refreshGeneration });
  if (rotated) return { ok: true, sessionId, generation: rotated.generation };
  const reused = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, userId),
        gt(sessions.refreshGeneration, generation),
        isNull(sessions.revokedAt),
      ),
    )
    .returning({ id: sessions.id });
  return { ok: false, revokedSessionIds: reused.map((row) => row.id) };
}

/**
 * Whether a session is live (not ended, not expired, its user not deleted). Asked for every session every
 * few seconds by each API process, so it is a prepared statement on the primary key; it also notes, at most
 * once a minute, that the session was used.
 */
export async function isSessionActive(
  db: Database,
  userId: number,
  { sessionId }: { sessionId: number },
): Promise<boolean> {
  const rows = await preparedSql<{ live: number }>(
    db,
    'sessions_is_active',
    () => sql`WITH live AS (
        SELECT id, last_used_at FROM sessions
         WHERE id = ${sql.placeholder('sessionId')} AND user_id = ${sql.placeholder('userId')}
           AND revoked_at IS NULL AND expires_at > now()),
      touched AS (
        UPDATE sessions s SET last_used_at = now() FROM live
         WHERE s.id = live.id AND live.last_used_at < now() - interval '1 minute'
        RETURNING 1)
      SELECT count(*)::integer AS live FROM live`,
  ).execute({ sessionId, userId });
  return (rows[0]?.live ?? 0) > 0;
}

/** The user's live sessions, most recently used first. */
export async function listSessions(db: Database, userId: number): Promise<Session[]> {
  const rows = await db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ipPrefix: sessions.ipPrefix,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), active))
    .orderBy(desc(sessions.lastUsedAt), desc(sessions.id));
  return rows.map((row) => ({
    ...row,
    createdAt: isoTimestamp(row.createdAt),
    lastUsedAt: isoTimestamp(row.lastUsedAt),
    expiresAt: isoTimestamp(row.expiresAt),
  }));
}

/** Ends one of the user's live sessions; another user's or an ended one is not found. */
export async function revokeSession(db: Database, userId: number, input: { id: number }): Promise<number[]> {
  const { id } = parseInput(byIdInput, input);
  const ended = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), active))
    .returning({ id: sessions.id });
  if (ended.length === 0) throw notFound();
  return ended.map((row) => row.id);
}

/** Ends every live session of the user, or every one but `exceptSessionId`. Returns the ended ids. */
export async function revokeAllSessions(
  db: Database,
  userId: number,
  options: { exceptSessionId?: number } = {},
): Promise<number[]> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        active,
        options.exceptSessionId === undefined ? undefined : ne(sessions.id, options.exceptSessionId),
      ),
    )
    .returning({ id: sessions.id });
  return ended.map((row) => row.id);
}
