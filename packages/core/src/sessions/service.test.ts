import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteUserAccount } from '../accounts/service';
import { createDatabase } from '../db/client';
import { QUOTAS } from '../limits';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { onPostgresServer } from '../testing/env';
import { createUser } from '../testing/fixtures';
import { ipPrefix } from './ip-prefix';
import {
  isSessionActive,
  listSessions,
  revokeAllSessions,
  revokeSession,
  rotateSession,
  startSession,
} from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('sessions', () => {
  it('start with a coarse picture of the client and are listed while live', async () => {
    const user = await createUser(database.db);
    const started = await startSession(database.db, user.id, {
      userAgent: `Mozilla/5.0 ${'x'.repeat(500)}`,
      ip: '203.0.113.77',
    });
    expect(started).toMatchObject({ generation: 0, revokedSessionIds: [] });
    const [listed] = await listSessions(database.db, user.id);
    expect(listed).toMatchObject({ id: started.sessionId, ipPrefix: '203.0.113.0/24' });
    expect(listed?.userAgent).toHaveLength(200);
    expect(await isSessionActive(database.db, user.id, { sessionId: started.sessionId })).toBe(true);
  });

  it('rotate the refresh generation once, and end the session when an old refresh token comes back', async () => {
    const user = await createUser(database.db);
    const { sessionId } = await startSession(database.db, user.id);
    expect(await rotateSession(database.db, user.id, { sessionId, generation: 0 })).toEqual({
      ok: true,
      sessionId,
      generation: 1,
    });
    // Generation 0 again: it was already traded in, so someone else has it.
    expect(await rotateSession(database.db, user.id, { sessionId, generation: 0 })).toEqual({
      ok: false,
      revokedSessionIds: [sessionId],
    });
    expect(await isSessionActive(database.db, user.id, { sessionId })).toBe(false);
    // Even the newest token is refused now.
    expect(await rotateSession(database.db, user.id, { sessionId, generation: 1 })).toEqual({
      ok: false,
      revokedSessionIds: [],
    });
  });

  it('refuse a refresh of another user’s session and a generation from the future', async () => {
    const owner = await createUser(database.db);
    const other = await createUser(database.db);
    const { sessionId } = await startSession(database.db, owner.id);
    expect(await rotateSession(database.db, other.id, { sessionId, generation: 0 })).toMatchObject({
      ok: false,
    });
    expect(await rotateSession(database.db, owner.id, { sessionId, generation: 5 })).toMatchObject({
      ok: false,
    });
    expect(await isSessionActive(database.db, owner.id, { sessionId })).toBe(true);
    expect(await isSessionActive(database.db, other.id, { sessionId })).toBe(false);
  });

  it('end one session, or all but one, and never another user’s', async () => {
    const user = await createUser(database.db);
    const other = await createUser(database.db);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => startSession(database.db, user.id)));
    if (!a || !b || !c) throw new Error('sessions missing');
    await expect(revokeSession(database.db, other.id, { id: a.sessionId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await revokeSession(database.db, user.id, { id: a.sessionId })).toEqual([a.sessionId]);
    await expect(revokeSession(database.db, user.id, { id: a.sessionId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await revokeAllSessions(database.db, user.id, { exceptSessionId: c.sessionId })).toEqual([
      b.sessionId,
    ]);
    expect((await listSessions(database.db, user.id)).map((s) => s.id)).toEqual([c.sessionId]);
  });

  it(`keep at most ${QUOTAS.sessions} live sessions per user, ending the oldest`, async () => {
    const user = await createUser(database.db);
    const first = await startSession(database.db, user.id);
    for (let n = 1; n < QUOTAS.sessions; n++) await startSession(database.db, user.id);
    expect(await listSessions(database.db, user.id)).toHaveLength(QUOTAS.sessions);
    const newest = await startSession(database.db, user.id);
    expect(newest.revokedSessionIds).toEqual([first.sessionId]);
    expect(await listSessions(database.db, user.id)).toHaveLength(QUOTAS.sessions);
    expect(await isSessionActive(database.db, user.id, { sessionId: first.sessionId })).toBe(false);
  });

  it('keep the quota when many logins of one user come at once, without a deadlock', async () => {
    if (!onPostgresServer('parallel logins of one user')) return;
    const user = await createUser(database.db);
    for (let n = 0; n < QUOTAS.sessions; n++) await startSession(database.db, user.id);
    const pools = await Promise.all(
      Array.from({ length: 8 }, () =>
        createDatabase({ url: database.url, migrate: false, maxConnections: 4 }),
      ),
    );
    try {
      // Each login ends the oldest sessions beyond the quota; at once, they used to end them in crossing orders.
      const results = await Promise.allSettled(
        Array.from({ length: 64 }, (_, index) =>
          startSession((pools[index % pools.length] ?? database).db, user.id),
        ),
      );
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(await listSessions(database.db, user.id)).toHaveLength(QUOTAS.sessions);
    } finally {
      for (const pool of pools) await pool.close();
    }
  });

  it('are over when they expire, and when the user is deleted', async () => {
    const user = await createUser(database.db);
    const expired = await startSession(database.db, user.id);
    await database.db.execute(
      sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = ${expired.sessionId}`,
    );
    expect(await isSessionActive(database.db, user.id, { sessionId: expired.sessionId })).toBe(false);
    expect(
      await rotateSession(database.db, user.id, { sessionId: expired.sessionId, generation: 0 }),
    ).toMatchObject({ ok: false });
    const live = await startSession(database.db, user.id);
    const { revokedSessionIds } = await deleteUserAccount(database.db, user.id, {
      password: 'correct horse battery',
    });
    expect(revokedSessionIds).toEqual(expect.arrayContaining([live.sessionId, expired.sessionId]));
    expect(await isSessionActive(database.db, user.id, { sessionId: live.sessionId })).toBe(false);
  });
});

describe('ipPrefix', () => {
  it.each([
    ['198.51.100.23', '198.51.100.0/24'],
    ['::ffff:198.51.100.23', '198.51.100.0/24'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::/48'],
    ['2001:db8::1', '2001:db8:0::/48'],
    ['::1', '0:0:0::/48'],
    ['not an ip', ''],
    [undefined, ''],
  ])('%s -> %s', (ip, prefix) => {
    expect(ipPrefix(ip)).toBe(prefix);
  });
});
