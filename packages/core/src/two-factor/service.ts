import { createHash, randomInt } from 'node:crypto';
import { and, count, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { verifyPassword } from '../accounts/password-hash';
import type { Database } from '../db/client';
import { recoveryCodes, users } from '../db/schema';
import { AppError, fieldError, notFound } from '../errors';
import { parseInput } from '../validation/parse-input';
import {
  type ConfirmTwoFactorInput,
  confirmTwoFactorInput,
  type DisableTwoFactorInput,
  disableTwoFactorInput,
  RECOVERY_CODE_COUNT,
  type RegenerateRecoveryCodesInput,
  regenerateRecoveryCodesInput,
  secondFactorCode,
  type TwoFactorSetup,
  type TwoFactorStatus,
} from './schemas';
import { acceptedTotpStep, newTotpSecret, otpauthUri } from './totp';

export const WRONG_CODE = 'That code is not valid. Check the time on your phone and try the newest code.';
export const WRONG_PASSWORD = 'Your password was entered incorrectly. Please enter it again.';

// Lower-case base32 without the letters people confuse (0/o, 1/l): 12 of them carry 60 bits.
const RECOVERY_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** Ten fresh recovery codes, written `xxxx-xxxx-xxxx`; only their hashes are stored. */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return [0, 4, 8].map((start) => chars.slice(start, start + 4).join('')).join('-');
  });
}

async function replaceRecoveryCodes(db: Database, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashCode(code.replaceAll('-', '')) })));
  return codes;
}

async function userSecrets(db: Database, userId: number) {
  const [row] = await db
    .select({
      email: users.email,
      passwordHash: users.passwordHash,
      secret: users.totpSecret,
      pending: users.totpPendingSecret,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw notFound();
  return row;
}

export async function getTwoFactorStatus(db: Database, userId: number): Promise<TwoFactorStatus> {
  const { secret } = await userSecrets(db, userId);
  const [left] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { enabled: secret !== null, recoveryCodesLeft: secret === null ? 0 : (left?.n ?? 0) };
}

/**
 * Step one of turning 2FA on: a new secret, kept aside until a code from it is confirmed. Starting again
 * replaces a secret that was never confirmed.
 */
export async function beginTwoFactorSetup(db: Database, userId: number): Promise<TwoFactorSetup> {
  const { email, secret: current } = await userSecrets(db, userId);
  if (current !== null) {
    throw new AppError(
      'CONFLICT',
      'Two-factor authentication is already on. Turn it off first to set it up again.',
    );
  }
  const secret = newTotpSecret();
  await db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, userId));
  return { secret, otpauthUri: otpauthUri(secret, email) };
}

/** Step two: a code from the new secret turns 2FA on and gives the recovery codes, shown this once. */
export async function confirmTwoFactor(
  db: Database,
  userId: number,
  input: ConfirmTwoFactorInput,
): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(confirmTwoFactorInput, input);
  const { secret: current, pending } = await userSecrets(db, userId);
  if (current !== null) throw new AppError('CONFLICT', 'Two-factor authentication is already on.');
  if (pending === null) throw fieldError('code', 'Start the setup first: there is no secret to confirm.');
  const step = acceptedTotpStep(pending, code);
  if (step === null) throw fieldError('code', WRONG_CODE);
  return db.transaction(async (tx) => {
    const [enabled] = await tx
      .update(users)
      .set({ totpSecret: pending, totpPendingSecret: null, totpLastStep: step, updatedAt: sql`now()` })
      .where(and(eq(users.id, userId), eq(users.totpPendingSecret, pending)))
      .returning({ id: users.id });
    if (!enabled) throw new AppError('CONFLICT', 'The setup changed meanwhile; start it again.');
    return { recoveryCodes: await replaceRecoveryCodes(tx, userId) };
  });
}

/**
 * Checks a second factor for a user with 2FA on: a current authenticator code not used before, or an unused
 * recovery code (used up by this). Each code works once, even when two requests race with it.
 */
export async function verifySecondFactor(
  db: Database,
  userId: number,
  input: { code: string },
): Promise<boolean> {
  const code = parseInput(secondFactorCode, input.code);
  const { secret } = await userSecrets(db, userId);
  if (secret === null) return false;
  const step = acceptedTotpStep(secret, code);
  if (step !== null) {
    const taken = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return taken.length > 0;
  }
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashCode(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

/** Turns 2FA off: it takes the password and a code, so a session left open is not enough. */
export async function disableTwoFactor(
  db: Database,
  userId: number,
  input: DisableTwoFactorInput,
): Promise<void> {
  const data = parseInput(disableTwoFactorInput, input);
  const { passwordHash, secret } = await userSecrets(db, userId);
  if (!(await verifyPassword(passwordHash, data.password))) throw fieldError('password', WRONG_PASSWORD);
  if (secret === null) throw new AppError('CONFLICT', 'Two-factor authentication is not on.');
  if (!(await verifySecondFactor(db, userId, { code: data.code }))) throw fieldError('code', WRONG_CODE);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, updatedAt: sql`now()` })
      .where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  });
}

/** A new set of recovery codes (the old ones stop working), for a user who has used or lost theirs. */
export async function regenerateRecoveryCodes(
  db: Database,
  userId: number,
  input: RegenerateRecoveryCodesInput,
): Promise<{ recoveryCodes: string[] }> {
  const data = parseInput(regenerateRecoveryCodesInput, input);
  const { passwordHash, secret } = await userSecrets(db, userId);
  if (!(await verifyPassword(passwordHash, data.password))) throw fieldError('password', WRONG_PASSWORD);
  if (secret === null) throw new AppError('CONFLICT', 'Two-factor authentication is not on.');
  return db.transaction(async (tx) => ({ recoveryCodes: await replaceRecoveryCodes(tx, userId) }));
}
