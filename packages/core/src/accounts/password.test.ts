import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import { rowsOf } from '../db/rows';
import { isSessionActive, startSession } from '../sessions/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser, tableCounts } from '../testing/fixtures';
import { createTransaction } from '../transactions/service';
import {
  authenticate,
  changePassword,
  confirmPasswordReset,
  deleteUserAccount,
  INVALID_RESET_LINK,
  requestPasswordReset,
  WRONG_OLD_PASSWORD,
} from './service';

const PASSWORD = 'correct horse battery';
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('changing the password', () => {
  it('needs the old password and a new one that passes the registration rules', async () => {
    const user = await createUser(database.db);
    await expect(
      changePassword(database.db, user.id, { oldPassword: 'wrong', newPassword: 'violet-harbour-42' }),
    ).rejects.toMatchObject({ fieldErrors: { oldPassword: [WRONG_OLD_PASSWORD] } });
    for (const [newPassword, message] of [
      ['short', 'too short'],
      ['password1', 'too common'],
      [user.username, 'too similar to the username'],
    ] as const) {
      await expect(
        changePassword(database.db, user.id, { oldPassword: PASSWORD, newPassword }),
      ).rejects.toMatchObject({
        fieldErrors: { newPassword: expect.arrayContaining([expect.stringContaining(message)]) },
      });
    }
    await authenticate(database.db, { email: user.email, password: PASSWORD });
  });

  it('ends every session and lets the new password in, the old one no longer', async () => {
    const user = await createUser(database.db);
    const sessions = await Promise.all([1, 2].map(() => startSession(database.db, user.id)));
    const { revokedSessionIds } = await changePassword(database.db, user.id, {
      oldPassword: PASSWORD,
      newPassword: 'violet-harbour-42',
    });
    expect(revokedSessionIds.sort()).toEqual(sessions.map((s) => s.sessionId).sort());
    for (const { sessionId } of sessions)
      expect(await isSessionActive(database.db, user.id, { sessionId })).toBe(false);
    await expect(authenticate(database.db, { email: user.email, password: PASSWORD })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect((await authenticate(database.db, { email: user.email, password: 'violet-harbour-42' })).id).toBe(
      user.id,
    );
  });
});

describe('resetting a forgotten password', () => {
  it('gives nothing away for an unknown email', async () => {
    const before = await tableCounts(database.db);
    expect(await requestPasswordReset(database.db, { email: 'nobody@example.com' })).toBeNull();
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it('works once with the token, ends every session, and the token is only stored hashed', async () => {
    const user = await createUser(database.db);
    const session = await startSession(database.db, user.id);
    const request = await requestPasswordReset(database.db, { email: ` ${user.email.toUpperCase()} ` });
    if (!request) throw new Error('no reset for a known email');
    expect(request).toMatchObject({ email: user.email, username: user.username });
    const stored = rowsOf<{ token_hash: string }>(
      await database.db.execute(sql`SELECT token_hash FROM password_resets WHERE user_id = ${user.id}`),
    );
    expect(JSON.stringify(stored)).not.toContain(request.token);

    await expect(
      confirmPasswordReset(database.db, { token: request.token, newPassword: '12345678' }),
    ).rejects.toMatchObject({ fieldErrors: { newPassword: expect.any(Array) } });
    const { userId, revokedSessionIds } = await confirmPasswordReset(database.db, {
      token: request.token,
      newPassword: 'violet-harbour-42',
    });
    expect([userId, revokedSessionIds]).toEqual([user.id, [session.sessionId]]);
    await expect(
      confirmPasswordReset(database.db, { token: request.token, newPassword: 'another-fine-phrase-7' }),
    ).rejects.toMatchObject({ fieldErrors: { token: [INVALID_RESET_LINK] } });
    expect((await authenticate(database.db, { email: user.email, password: 'violet-harbour-42' })).id).toBe(
      user.id,
    );
  });

  it('refuses an expired link, a made-up one, and older links once one was used', async () => {
    const user = await createUser(database.db);
    const older = await requestPasswordReset(database.db, { email: user.email });
    const newer = await requestPasswordReset(database.db, { email: user.email });
    const expired = await requestPasswordReset(database.db, { email: user.email });
    if (!older || !newer || !expired) throw new Error('reset missing');
    await database.db.execute(
      sql`UPDATE password_resets SET expires_at = now() - interval '1 second'
           WHERE user_id = ${user.id} AND created_at = (SELECT max(created_at) FROM password_resets WHERE user_id = ${user.id})`,
    );
    const refused = { fieldErrors: { token: [INVALID_RESET_LINK] } };
    await expect(
      confirmPasswordReset(database.db, { token: expired.token, newPassword: 'violet-harbour-42' }),
    ).rejects.toMatchObject(refused);
    await expect(
      confirmPasswordReset(database.db, { token: 'made-up', newPassword: 'violet-harbour-42' }),
    ).rejects.toMatchObject(refused);
    await confirmPasswordReset(database.db, { token: newer.token, newPassword: 'violet-harbour-42' });
    await expect(
      confirmPasswordReset(database.db, { token: older.token, newPassword: 'another-fine-phrase-7' }),
    ).rejects.toMatchObject(refused);
  });
});

describe('deleting the account', () => {
  it('needs the password, then takes every row of the user and nobody else’s', async () => {
    const user = await createUser(database.db);
    const bystander = await createUser(database.db);
    for (const owner of [user, bystander]) {
      const food = await createCategory(database.db, owner.id, { name: 'Food' });
      await createTransaction(database.db, owner.id, {
        categoryId: food.id,
        type: 'EXPENSE',
        amount: '12.50',
        date: '2026-11-03',
      });
      await startSession(database.db, owner.id);
    }
    const before = await tableCounts(database.db);
    await expect(deleteUserAccount(database.db, user.id, { password: 'wrong' })).rejects.toMatchObject({
      fieldErrors: { password: expect.any(Array) },
    });
    expect(await tableCounts(database.db)).toEqual(before);
    await deleteUserAccount(database.db, user.id, { password: PASSWORD });
    expect(await tableCounts(database.db)).toEqual({
      users: before.users - 1,
      categories: before.categories - 1,
      transactions: before.transactions - 1,
      monthly_summaries: before.monthly_summaries - 1,
    });
    const left = rowsOf<{ n: number }>(
      await database.db.execute(sql`SELECT count(*)::integer AS n FROM sessions WHERE user_id = ${user.id}`),
    );
    expect(left).toEqual([{ n: 0 }]);
    await expect(authenticate(database.db, { email: user.email, password: PASSWORD })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
