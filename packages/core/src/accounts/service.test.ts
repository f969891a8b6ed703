import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { onPostgresServer } from '../testing/env';
import { tableCounts } from '../testing/fixtures';
import { currentMonth, todayIn } from '../validation/dates';
import {
  authenticate,
  deleteUserAccount,
  getProfile,
  INVALID_CREDENTIALS,
  register,
  updateProfile,
} from './service';
import { monthOrCurrent, userToday } from './time-zone';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const jane = { username: 'jane', email: '  Jane.Doe@Example.COM ', password: 'violet-harbour-42' };

describe('accounts', () => {
  it('registers a user with a normalised email and the default currency, never returning the hash', async () => {
    const profile = await register(database.db, jane);
    expect(profile).toEqual({
      id: expect.any(Number),
      username: 'jane',
      email: 'jane.doe@example.com',
      preferredCurrency: 'USD',
      timeZone: 'UTC',
      locale: null,
      twoFactorEnabled: false,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(JSON.stringify(profile)).not.toContain('argon2');
  });

  it('keeps a locale per user for amounts and dates: canonical BCP 47, null follows the browser', async () => {
    const profile = await register(database.db, { ...jane, username: 'lena', email: 'lena@example.com' });
    expect((await updateProfile(database.db, profile.id, { locale: 'de-de' })).locale).toBe('de-DE');
    await expect(updateProfile(database.db, profile.id, { locale: 'not a locale' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { locale: ['Choose a language and region, e.g. de-DE.'] },
    });
    expect((await updateProfile(database.db, profile.id, { locale: null })).locale).toBeNull();
  });

  it('stores an argon2id hash with the OWASP parameters', async () => {
    const [row] = await database.db.query.users.findMany({ where: (u, { eq }) => eq(u.username, 'jane') });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a second account with the same email in any case, or the same username in any case', async () => {
    const before = await tableCounts(database.db);
    await expect(
      register(database.db, { ...jane, username: 'jane2', email: 'JANE.DOE@example.com' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { email: ['A user with that email already exists.'] },
    });
    await expect(
      register(database.db, { ...jane, username: 'JANE', email: 'other@example.com' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { username: ['A user with that username already exists.'] },
    });
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it.each([
    ['short1!', 'This password is too short. It must contain at least 8 characters.'],
    ['8472910365', 'This password is entirely numeric.'],
    ['password', 'This password is too common.'],
    ['Sunshine1', 'This password is too common.'],
    ['mallory.k', 'The password is too similar to the username.'],
    ['kestrel.fields', 'The password is too similar to the email address.'],
  ])('refuses the password %j: %s', async (password, message) => {
    const before = await tableCounts(database.db);
    await expect(
      register(database.db, { username: 'mallory_k', email: 'kestrel.fields@example.com', password }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { password: expect.arrayContaining([message]) },
    });
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it.each([
    [{ username: '', email: 'a@example.com', password: 'violet-harbour-42' }, 'username'],
    [{ username: 'has space', email: 'a@example.com', password: 'violet-harbour-42' }, 'username'],
    [{ username: 'x'.repeat(151), email: 'a@example.com', password: 'violet-harbour-42' }, 'username'],
    [{ username: 'ann', email: 'not-an-email', password: 'violet-harbour-42' }, 'email'],
    [{ username: 'ann', email: 'a@example.com' }, 'password'],
    [
      { username: 'ann', email: 'a@example.com', password: 'violet-harbour-42', preferredCurrency: 'XYZ' },
      'preferredCurrency',
    ],
    [
      { username: 'ann', email: 'a@example.com', password: 'violet-harbour-42', isAdmin: true },
      'non_field_errors',
    ],
  ])('refuses the registration %j with an error on %s', async (input, field) => {
    const before = await tableCounts(database.db);
    await expect(register(database.db, input as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { [field]: expect.any(Array) },
    });
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it('authenticates by email in any case and surrounding spaces', async () => {
    const profile = await authenticate(database.db, {
      email: ' JANE.DOE@example.com',
      password: jane.password,
    });
    expect(profile.username).toBe('jane');
  });

  it('fails the same way for a wrong password and an unknown email', async () => {
    await expect(
      authenticate(database.db, { email: 'jane.doe@example.com', password: 'nope-nope-nope' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: INVALID_CREDENTIALS });
    await expect(
      authenticate(database.db, { email: 'nobody@example.com', password: jane.password }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: INVALID_CREDENTIALS });
  });

  it('spends a password hash on unknown emails too, so timing does not reveal which emails exist', async () => {
    const time = async (email: string) => {
      const started = performance.now();
      await authenticate(database.db, { email, password: 'wrong-password-1' }).catch(() => undefined);
      return performance.now() - started;
    };
    await time('nobody@example.com'); // warm the dummy hash
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 7; round++) {
      known.push(await time('jane.doe@example.com'));
      unknown.push(await time(`nobody${round}@example.com`));
    }
    // A skipped hash would make unknown emails answer in well under a millisecond.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('returns and updates the profile of the given user only', async () => {
    const [row] = await database.db.query.users.findMany({ where: (u, { eq }) => eq(u.username, 'jane') });
    if (!row) throw new Error('jane is missing');
    expect((await getProfile(database.db, row.id)).email).toBe('jane.doe@example.com');
    expect((await updateProfile(database.db, row.id, { preferredCurrency: 'eur' })).preferredCurrency).toBe(
      'EUR',
    );
    await expect(getProfile(database.db, 2_000_000)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateProfile(database.db, 2_000_000, { preferredCurrency: 'EUR' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(updateProfile(database.db, row.id, { preferredCurrency: 'EURO' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('changes the username, refusing one taken in any case, and keeps the rest', async () => {
    const other = await register(database.db, {
      username: 'Sam',
      email: 'sam@example.com',
      password: jane.password,
    });
    const [row] = await database.db.query.users.findMany({ where: (u, { eq }) => eq(u.username, 'jane') });
    if (!row) throw new Error('jane is missing');
    await expect(updateProfile(database.db, row.id, { username: 'SAM' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { username: ['A user with that username already exists.'] },
    });
    expect(await updateProfile(database.db, other.id, { username: 'samuel' })).toMatchObject({
      username: 'samuel',
      preferredCurrency: 'USD',
    });
    expect(await updateProfile(database.db, other.id, {})).toMatchObject({ username: 'samuel' });
  });

  it('keeps an IANA time zone per user: UTC unless given at sign-up, canonical names only', async () => {
    const tokyo = await register(database.db, {
      username: 'kenji',
      email: 'kenji@example.com',
      password: jane.password,
      timeZone: 'asia/tokyo',
    });
    expect(tokyo.timeZone).toBe('Asia/Tokyo');
    expect(await updateProfile(database.db, tokyo.id, { timeZone: 'America/New_York' })).toMatchObject({
      timeZone: 'America/New_York',
    });
    for (const timeZone of ['Mars/Olympus', '+01:00', 'x'.repeat(65), '']) {
      await expect(updateProfile(database.db, tokyo.id, { timeZone })).rejects.toMatchObject({
        fieldErrors: { timeZone: [expect.stringContaining('IANA')] },
      });
    }
  });
});

describe("the user's own calendar", () => {
  it('puts "this month" where the user lives', async () => {
    const late = new Date('2026-11-30T20:00:00Z');
    expect(currentMonth(late, 'UTC')).toBe('2026-11');
    expect(currentMonth(late, 'Asia/Tokyo')).toBe('2026-12');
    expect(todayIn('America/Los_Angeles', new Date('2026-12-01T03:00:00Z'))).toBe('2026-11-30');
    const tokyo = await register(database.db, {
      username: 'yui',
      email: 'yui@example.com',
      password: jane.password,
      timeZone: 'Pacific/Kiritimati',
    });
    // UTC+14: whatever the hour, its date is never behind UTC's.
    expect((await userToday(database.db, tokyo.id)) >= todayIn('UTC')).toBe(true);
    expect(await monthOrCurrent(database.db, tokyo.id, undefined)).toBe(
      todayIn('Pacific/Kiritimati').slice(0, 7),
    );
    expect(await monthOrCurrent(database.db, tokyo.id, '2026-02')).toBe('2026-02');
    await expect(monthOrCurrent(database.db, tokyo.id, '2026-13')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('an email or a username belongs to one user at a time', () => {
  const password = 'violet-harbour-42';

  it('frees a username its owner leaves, lets the owner change its case, and frees both with the account', async () => {
    const ada = await register(database.db, { username: 'ada', email: 'ada@example.com', password });
    await updateProfile(database.db, ada.id, { username: 'Ada' });
    await updateProfile(database.db, ada.id, { username: 'countess' });
    const other = await register(database.db, { username: 'ADA', email: 'ada2@example.com', password });
    await expect(updateProfile(database.db, ada.id, { username: 'ada' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await deleteUserAccount(database.db, ada.id, { password });
    // Email and name are free again at once; the login finds the new owner.
    const again = await register(database.db, { username: 'countess', email: 'ada@example.com', password });
    expect((await authenticate(database.db, { email: 'ada@example.com', password })).id).toBe(again.id);
    expect(other.id).not.toBe(again.id);
  });

  it('lets exactly one of many registrations at once with one email, or one name, through', async () => {
    if (!onPostgresServer('simultaneous registrations')) return;
    const before = await tableCounts(database.db);
    const attempts = (field: 'email' | 'username') =>
      Promise.allSettled(
        Array.from({ length: 8 }, (_, n) =>
          register(database.db, {
            username: field === 'username' ? `Racer` : `racer_${field}_${n}`,
            email: field === 'email' ? 'racer@example.com' : `racer${n}@example.com`,
            password,
          }),
        ),
      );
    for (const field of ['email', 'username'] as const) {
      const results = await attempts(field);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'CONFLICT' });
      }
    }
    expect((await tableCounts(database.db)).users).toBe(before.users + 2);
  });
});
