import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { financeAccounts, passwordResets, sessions, users } from '../db/schema';
import { isoTimestamp } from '../db/timestamps';
import { AppError, fieldError, notFound } from '../errors';
import { revokeAllSessions } from '../sessions/service';
import { deleteTransactionsInBulk } from '../summaries/service';
import { parseInput } from '../validation/parse-input';
import { isCommonPassword } from './common-passwords';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password-hash';
import { passwordProblems } from './password-rules';
import {
  type ChangePasswordInput,
  changePasswordInput,
  type DeleteAccountInput,
  deleteAccountInput,
  type LoginInput,
  loginInput,
  type PasswordResetConfirmInput,
  type PasswordResetInput,
  type PasswordResetRequest,
  type Profile,
  passwordResetConfirmInput,
  passwordResetInput,
  type RegisterInput,
  registerInput,
  type UpdateProfileInput,
  updateProfileInput,
} from './schemas';
import { forgetTimeZone } from './time-zone';
import { claimKey, findUserId, keepOnlyKey, releaseAllKeys } from './user-lookups';

/** simplejwt's wording: one message for unknown email and wrong password alike. */
export const INVALID_CREDENTIALS = 'No active account found with the given credentials';
/** Django's wording for a wrong old password. */
export const WRONG_OLD_PASSWORD = 'Your old password was entered incorrectly. Please enter it again.';
export const INVALID_RESET_LINK = 'This reset link is invalid or has expired. Ask for a new one.';
/** A reset link works for this long. */
export const PASSWORD_RESET_MINUTES = 30;

const profileColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  preferredCurrency: users.preferredCurrency,
  timeZone: users.timeZone,
  locale: users.locale,
  twoFactorEnabled: sql<boolean>`(${users.totpSecret} IS NOT NULL)`,
  createdAt: users.createdAt,
};

function toProfile(row: Profile): Profile {
  return { ...row, createdAt: isoTimestamp(row.createdAt) };
}

function usernameTaken(): AppError {
  return new AppError('CONFLICT', 'A user with that username already exists.', {
    username: ['A user with that username already exists.'],
  });
}

/** The rules a new password must pass: the form's, and not one of the 30,000 most common. */
function checkNewPassword(field: string, password: string, context: { username: string; email: string }) {
  const problems = passwordProblems(password, context);
  if (isCommonPassword(password)) problems.push('This password is too common.');
  if (problems.length > 0) throw new AppError('BAD_REQUEST', problems[0] ?? '', { [field]: problems });
}

export async function register(db: Database, input: RegisterInput): Promise<Profile> {
  const data = parseInput(registerInput, input);
  if (isCommonPassword(data.password)) throw fieldError('password', 'This password is too common.');

  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: data.username,
        email: data.email,
        passwordHash,
        preferredCurrency: data.preferredCurrency ?? 'USD',
        timeZone: data.timeZone ?? 'UTC',
      })
      .returning(profileColumns);
    if (!row) throw new Error('insert returned no row');
    // Every user has one default account, which takes the transactions that name none.
    await tx
      .insert(financeAccounts)
      .values({ userId: row.id, name: 'Main account', kind: 'CHECKING', isDefault: true });
    // Taken email or name: the user row goes with the transaction.
    if (!(await claimKey(tx, row.id, 'EMAIL', data.email))) {
      throw new AppError('CONFLICT', 'A user with that email already exists.', {
        email: ['A user with that email already exists.'],
      });
    }
    if (!(await claimKey(tx, row.id, 'USERNAME', data.username))) throw usernameTaken();
    return toProfile(row);
  });
}

/**
 * Checks an email and password. Unknown email and wrong password fail the same way and take the same
 * time (a password hash is verified in both cases).
 */
export async function authenticate(db: Database, input: LoginInput): Promise<Profile> {
  const data = parseInput(loginInput, input);
  const userId = await findUserId(db, 'EMAIL', data.email);
  const [row] =
    userId === null
      ? []
      : await db
          .select({ ...profileColumns, passwordHash: users.passwordHash })
          .from(users)
          .where(eq(users.id, userId))
          .limit(1);
  if (!row) {
    await burnPasswordCheck(data.password);
    throw new AppError('UNAUTHORIZED', INVALID_CREDENTIALS);
  }
  if (!(await verifyPassword(row.passwordHash, data.password))) {
    throw new AppError('UNAUTHORIZED', INVALID_CREDENTIALS);
  }
  const { passwordHash: _, ...profile } = row;
  return toProfile(profile);
}

export async function getProfile(db: Database, userId: number): Promise<Profile> {
  const [row] = await db.select(profileColumns).from(users).where(eq(users.id, userId)).limit(1);
  if (!row) throw notFound();
  return toProfile(row);
}

/** Changes the fields given (username, currency, time zone); none given answers the profile unchanged. */
export async function updateProfile(
  db: Database,
  userId: number,
  input: UpdateProfileInput,
): Promise<Profile> {
  const data = parseInput(updateProfileInput, input);
  if (Object.values(data).every((value) => value === undefined)) return getProfile(db, userId);
  const profile = await db.transaction(async (tx) => {
    const [before] = await tx.select({ username: users.username }).from(users).where(eq(users.id, userId));
    if (!before) throw notFound();
    if (data.username !== undefined && data.username !== before.username) {
      // The new name is claimed before the old one is let go: a name differing only in case is the user's.
      if (!(await claimKey(tx, userId, 'USERNAME', data.username))) throw usernameTaken();
      await keepOnlyKey(tx, userId, 'USERNAME', data.username);
    }
    const [row] = await tx
      .update(users)
      .set({ ...data, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning(profileColumns);
    if (!row) throw notFound();
    return toProfile(row);
  });
  if (data.timeZone !== undefined) forgetTimeZone(db, userId);
  return profile;
}

async function credentials(db: Database, userId: number) {
  const [row] = await db
    .select({ username: users.username, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw notFound();
  return row;
}

/**
 * Changes the password after checking the old one. Every session of the user ends (the caller starts a
 * fresh one for the current client); returns the ended sessions' ids.
 */
export async function changePassword(
  db: Database,
  userId: number,
  input: ChangePasswordInput,
): Promise<{ revokedSessionIds: number[] }> {
  const data = parseInput(changePasswordInput, input);
  const user = await credentials(db, userId);
  if (!(await verifyPassword(user.passwordHash, data.oldPassword))) {
    throw fieldError('oldPassword', WRONG_OLD_PASSWORD);
  }
  checkNewPassword('newPassword', data.newPassword, user);
  const passwordHash = await hashPassword(data.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
    return { revokedSessionIds: await revokeAllSessions(tx, userId) };
  });
}

function hashResetToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Starts a password reset: for an email that belongs to an account, a single-use token valid for 30
 * minutes (only its hash is kept), to be mailed by the caller; null otherwise. Callers must answer the
 * same either way, and in the same time, so nobody learns which emails have accounts.
 */
export async function requestPasswordReset(
  db: Database,
  input: PasswordResetInput,
): Promise<PasswordResetRequest | null> {
  const { email } = parseInput(passwordResetInput, input);
  const userId = await findUserId(db, 'EMAIL', email);
  const [user] =
    userId === null
      ? []
      : await db
          .select({ id: users.id, email: users.email, username: users.username })
          .from(users)
          .where(eq(users.id, userId));
  if (!user) return null;
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      userId: user.id,
      tokenHash: hashResetToken(token),
      expiresAt: sql`now() + make_interval(mins => ${PASSWORD_RESET_MINUTES})`,
    });
    await claimKey(tx, user.id, 'PASSWORD_RESET', hashResetToken(token));
  });
  return { email: user.email, username: user.username, token };
}

/**
 * Sets a new password with a reset token. The token and every other outstanding one of the user stop
 * working, and every session ends. Returns the user and the ended sessions.
 */
export async function confirmPasswordReset(
  db: Database,
  input: PasswordResetConfirmInput,
): Promise<{ userId: number; revokedSessionIds: number[] }> {
  const data = parseInput(passwordResetConfirmInput, input);
  const tokenHash = hashResetToken(data.token);
  const owner = await findUserId(db, 'PASSWORD_RESET', tokenHash);
  if (owner === null) throw fieldError('token', INVALID_RESET_LINK);
  const [reset] = await db
    .select({ userId: passwordResets.userId, username: users.username, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.userId, owner),
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, sql`now()`),
      ),
    );
  if (!reset) throw fieldError('token', INVALID_RESET_LINK);
  checkNewPassword('newPassword', data.newPassword, reset);
  const passwordHash = await hashPassword(data.newPassword);
  return db.transaction(async (tx) => {
    // Taking the token is the first write: of two requests racing with one link, only one gets here.
    const taken = await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(passwordResets.userId, owner),
          eq(passwordResets.tokenHash, tokenHash),
          isNull(passwordResets.usedAt),
        ),
      )
      .returning({ id: passwordResets.id });
    if (taken.length === 0) throw fieldError('token', INVALID_RESET_LINK);
    await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, reset.userId));
    return { userId: reset.userId, revokedSessionIds: await revokeAllSessions(tx, reset.userId) };
  });
}

/** Refuses (a field error on `password`) unless `password` is the user's. */
export async function checkPassword(db: Database, userId: number, password: string): Promise<void> {
  const user = await credentials(db, userId);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw fieldError('password', 'Your password was entered incorrectly. Please enter it again.');
  }
}

/**
 * Deletes the account and everything in it, after checking the password. Returns the sessions that ended
 * with it, so the caller can refuse their tokens at once.
 */
export async function deleteUserAccount(
  db: Database,
  userId: number,
  input: DeleteAccountInput,
): Promise<{ revokedSessionIds: number[] }> {
  const data = parseInput(deleteAccountInput, input);
  await checkPassword(db, userId, data.password);
  return db.transaction(async (tx) => {
    const ended = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
    // The transactions go first, in bulk: cascading from the user would maintain summaries row by row.
    await deleteTransactionsInBulk(tx, userId);
    // Its email and name are free again at once (on Citus nothing cascades into user_lookups).
    await releaseAllKeys(tx, userId);
    await tx.delete(users).where(eq(users.id, userId));
    return { revokedSessionIds: ended.map((row) => row.id) };
  });
}
