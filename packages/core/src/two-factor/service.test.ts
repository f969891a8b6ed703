import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProfile } from '../accounts/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import {
  beginTwoFactorSetup,
  confirmTwoFactor,
  disableTwoFactor,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
  verifySecondFactor,
} from './service';
import { totpCodeAt } from './totp';

const PASSWORD = 'correct horse battery';
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A user with 2FA on: the secret and the recovery codes. */
async function userWithTwoFactor() {
  const user = await createUser(database.db, 'mfa');
  const setup = await beginTwoFactorSetup(database.db, user.id);
  // A code from the previous 30 seconds, so the login below can use the current one.
  const { recoveryCodes } = await confirmTwoFactor(database.db, user.id, {
    code: totpCodeAt(setup.secret, Date.now() - 30_000),
  });
  return { user, secret: setup.secret, recoveryCodes };
}

describe('two-factor authentication', () => {
  it('is set up with a secret and an otpauth URI, and on only once a code confirms it', async () => {
    const user = await createUser(database.db, 'mfa');
    const setup = await beginTwoFactorSetup(database.db, user.id);
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUri).toMatch(
      /^otpauth:\/\/totp\/finsight:.+\?issuer=finsight&secret=[A-Z2-7]+&algorithm=SHA1&digits=6&period=30$/,
    );
    expect((await getProfile(database.db, user.id)).twoFactorEnabled).toBe(false);
    await expect(confirmTwoFactor(database.db, user.id, { code: '000000' })).rejects.toMatchObject({
      fieldErrors: { code: [expect.stringContaining('not valid')] },
    });
    const { recoveryCodes } = await confirmTwoFactor(database.db, user.id, {
      code: totpCodeAt(setup.secret),
    });
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await getProfile(database.db, user.id)).twoFactorEnabled).toBe(true);
    expect(await getTwoFactorStatus(database.db, user.id)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    await expect(beginTwoFactorSetup(database.db, user.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('accepts each authenticator code once', async () => {
    const { user, secret } = await userWithTwoFactor();
    const code = totpCodeAt(secret);
    expect(await verifySecondFactor(database.db, user.id, { code })).toBe(true);
    expect(await verifySecondFactor(database.db, user.id, { code })).toBe(false);
    expect(await verifySecondFactor(database.db, user.id, { code: '123456' })).toBe(false);
  });

  it('accepts each recovery code once, typed with or without dashes, in any case', async () => {
    const { user, recoveryCodes } = await userWithTwoFactor();
    const [first = '', second = ''] = recoveryCodes;
    expect(await verifySecondFactor(database.db, user.id, { code: first.toUpperCase() })).toBe(true);
    expect(await verifySecondFactor(database.db, user.id, { code: first })).toBe(false);
    expect(await verifySecondFactor(database.db, user.id, { code: second.replaceAll('-', ' ') })).toBe(true);
    expect((await getTwoFactorStatus(database.db, user.id)).recoveryCodesLeft).toBe(8);
  });

  it('never accepts another user’s codes', async () => {
    const alice = await userWithTwoFactor();
    const bob = await userWithTwoFactor();
    expect(await verifySecondFactor(database.db, bob.user.id, { code: alice.recoveryCodes[0] ?? '' })).toBe(
      false,
    );
    expect(await verifySecondFactor(database.db, bob.user.id, { code: totpCodeAt(alice.secret) })).toBe(
      false,
    );
  });

  it('turns off only with the password and a code', async () => {
    const { user, secret, recoveryCodes } = await userWithTwoFactor();
    await expect(
      disableTwoFactor(database.db, user.id, { password: 'wrong password', code: totpCodeAt(secret) }),
    ).rejects.toMatchObject({ fieldErrors: { password: expect.any(Array) } });
    await expect(
      disableTwoFactor(database.db, user.id, { password: PASSWORD, code: '111111' }),
    ).rejects.toMatchObject({
      fieldErrors: { code: expect.any(Array) },
    });
    expect((await getProfile(database.db, user.id)).twoFactorEnabled).toBe(true);
    await disableTwoFactor(database.db, user.id, { password: PASSWORD, code: recoveryCodes[3] ?? '' });
    expect(await getTwoFactorStatus(database.db, user.id)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    expect(await verifySecondFactor(database.db, user.id, { code: recoveryCodes[4] ?? '' })).toBe(false);
  });

  it('gives new recovery codes for the password, and the old ones stop working', async () => {
    const { user, recoveryCodes } = await userWithTwoFactor();
    await expect(regenerateRecoveryCodes(database.db, user.id, { password: 'nope' })).rejects.toMatchObject({
      fieldErrors: { password: expect.any(Array) },
    });
    const fresh = await regenerateRecoveryCodes(database.db, user.id, { password: PASSWORD });
    expect(await verifySecondFactor(database.db, user.id, { code: recoveryCodes[0] ?? '' })).toBe(false);
    expect(await verifySecondFactor(database.db, user.id, { code: fresh.recoveryCodes[0] ?? '' })).toBe(true);
  });
});
