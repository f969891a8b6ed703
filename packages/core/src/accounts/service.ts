import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { isConstraintViolation, PG_UNIQUE_VIOLATION } from '../db/pg-error';
import { users } from '../db/schema';
import { isoTimestamp } from '../db/timestamps';
import { AppError, fieldError, notFound } from '../errors';
import { parseInput } from '../validation/parse-input';
import { isCommonPassword } from './common-passwords';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password-hash';
import {
  type LoginInput,
  loginInput,
  type Profile,
  type RegisterInput,
  registerInput,
  type UpdateProfileInput,
  updateProfileInput,
} from './schemas';

/** simplejwt's wording: one message for unknown email and wrong password alike. */
export const INVALID_CREDENTIALS = 'No active account found with the given credentials';

const profileColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  preferredCurrency: users.preferredCurrency,
  createdAt: users.createdAt,
};

function toProfile(row: Profile): Profile {
  return { ...row, createdAt: isoTimestamp(row.createdAt) };
}

export async function register(db: Database, input: RegisterInput): Promise<Profile> {
  const data = parseInput(registerInput, input);
  if (isCommonPassword(data.password)) throw fieldError('password', 'This password is too common.');

  const passwordHash = await hashPassword(data.password);
  try {
    const [row] = await db
      .insert(users)
      .values({
        username: data.username,
        email: data.email,
        passwordHash,
        preferredCurrency: data.preferredCurrency ?? 'USD',
      })
      .returning(profileColumns);
    if (!row) throw new Error('insert returned no row');
    return toProfile(row);
  } catch (error) {
    if (isConstraintViolation(error, PG_UNIQUE_VIOLATION, 'users_email_key')) {
      throw new AppError('CONFLICT', 'A user with that email already exists.', {
        email: ['A user with that email already exists.'],
      });
    }
    if (isConstraintViolation(error, PG_UNIQUE_VIOLATION, 'users_username_lower_key')) {
      throw new AppError('CONFLICT', 'A user with that username already exists.', {
        username: ['A user with that username already exists.'],
      });
    }
    throw error;
  }
}

/**
 * Checks an email and password. Unknown email and wrong password fail the same way and take the same
 * time (a password hash is verified in both cases).
 */
export async function authenticate(db: Database, input: LoginInput): Promise<Profile> {
  const data = parseInput(loginInput, input);
  const [row] = await db
    .select({ ...profileColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, data.email))
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

export async function updateProfile(
  db: Database,
  userId: number,
  input: UpdateProfileInput,
): Promise<Profile> {
  const data = parseInput(updateProfileInput, input);
  const [row] = await db
    .update(users)
    .set({ preferredCurrency: data.preferredCurrency, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning(profileColumns);
  if (!row) throw notFound();
  return toProfile(row);
}
