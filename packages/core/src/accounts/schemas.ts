import { z } from 'zod';
import { EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH } from '../limits';
import { timeZone } from '../validation/dates';
import { locale } from '../validation/locale';
import { passwordProblems } from './password-rules';

export const PASSWORD_MAX_LENGTH = 256;

export const username = z
  .string({ error: 'This field is required.' })
  .trim()
  .min(1, { error: 'This field may not be blank.' })
  .max(USERNAME_MAX_LENGTH, {
    error: `Ensure this field has no more than ${USERNAME_MAX_LENGTH} characters.`,
  })
  .regex(/^[\w.@+-]+$/u, {
    error: 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
  });

/** Emails are compared and stored trimmed and lower-cased. */
export const email = z
  .string({ error: 'This field is required.' })
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, { error: `Ensure this field has no more than ${EMAIL_MAX_LENGTH} characters.` })
  .pipe(z.email({ error: 'Enter a valid email address.' }));

export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code), {
    error: 'Enter a valid ISO 4217 currency code, e.g. USD or EUR.',
  });

const password = z
  .string({ error: 'This field is required.' })
  .min(1, { error: 'This field may not be blank.' })
  .max(PASSWORD_MAX_LENGTH, {
    error: `Ensure this field has no more than ${PASSWORD_MAX_LENGTH} characters.`,
  });

/**
 * Registration. The password rules that need only the form (length, numeric, similarity to the username
 * and email) run here, so the web form shows them as you type; the common-password list is checked by
 * the service, to keep 30k words out of the browser bundle.
 */
export const registerInput = z
  .strictObject({
    username,
    email,
    password,
    preferredCurrency: currencyCode.optional(),
    /** The browser's zone at sign-up; UTC when not given (a REST client). */
    timeZone: timeZone.optional(),
  })
  .superRefine((input, ctx) => {
    for (const message of passwordProblems(input.password, {
      username: input.username,
      email: input.email,
    })) {
      ctx.addIssue({ code: 'custom', path: ['password'], message });
    }
  });
export type RegisterInput = z.input<typeof registerInput>;

export const loginInput = z.strictObject({
  email: z.string({ error: 'This field is required.' }).trim().toLowerCase().max(EMAIL_MAX_LENGTH),
  password: z.string({ error: 'This field is required.' }).max(PASSWORD_MAX_LENGTH),
});
export type LoginInput = z.input<typeof loginInput>;

/** A partial update: only the fields given change. */
export const updateProfileInput = z.strictObject({
  username: username.optional(),
  preferredCurrency: currencyCode.optional(),
  timeZone: timeZone.optional(),
  /** null goes back to following the browser. */
  locale: locale.nullable().optional(),
});
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

/**
 * A new password: the form-level rules run in the service, where the user's name and email are known (the
 * web form runs `passwordProblems` with them as you type).
 */
export const changePasswordInput = z.strictObject({ oldPassword: password, newPassword: password });
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

export const passwordResetInput = z.strictObject({
  email: z
    .string({ error: 'This field is required.' })
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX_LENGTH, {
      error: `Ensure this field has no more than ${EMAIL_MAX_LENGTH} characters.`,
    }),
});
export type PasswordResetInput = z.input<typeof passwordResetInput>;

export const passwordResetConfirmInput = z.strictObject({
  token: z.string({ error: 'This field is required.' }).trim().min(1).max(200),
  newPassword: password,
});
export type PasswordResetConfirmInput = z.input<typeof passwordResetConfirmInput>;

export const deleteAccountInput = z.strictObject({ password });
export type DeleteAccountInput = z.input<typeof deleteAccountInput>;

export interface Profile {
  id: number;
  username: string;
  email: string;
  preferredCurrency: string;
  /** IANA zone: what "today" and "this month" mean for the user. */
  timeZone: string;
  /** BCP 47 tag for amounts and dates; null follows the browser. */
  locale: string | null;
  twoFactorEnabled: boolean;
  createdAt: string;
}

/** What a password reset request sends out, when the email belongs to an account. */
export interface PasswordResetRequest {
  email: string;
  username: string;
  /** The secret of the link: only its hash is stored, it works once, for 30 minutes. */
  token: string;
}
