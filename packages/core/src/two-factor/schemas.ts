import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../accounts/schemas';

/** A 6-digit authenticator code or a recovery code; spaces and dashes a person types along are ignored. */
export const secondFactorCode = z
  .string({ error: 'This field is required.' })
  .transform((code) => code.replace(/[\s-]/g, '').toLowerCase())
  .pipe(
    z
      .string()
      .min(6, { error: 'Enter the 6-digit code from your authenticator app, or a recovery code.' })
      .max(32, { error: 'Enter the 6-digit code from your authenticator app, or a recovery code.' }),
  )
  .meta({
    description: 'A 6-digit code from the authenticator app, or a recovery code',
    examples: ['123456'],
  });

export const confirmTwoFactorInput = z.strictObject({ code: secondFactorCode });
export type ConfirmTwoFactorInput = z.input<typeof confirmTwoFactorInput>;

const password = z
  .string({ error: 'This field is required.' })
  .min(1, { error: 'This field may not be blank.' })
  .max(PASSWORD_MAX_LENGTH);

export const disableTwoFactorInput = z.strictObject({ password, code: secondFactorCode });
export type DisableTwoFactorInput = z.input<typeof disableTwoFactorInput>;

export const regenerateRecoveryCodesInput = z.strictObject({ password });
export type RegenerateRecoveryCodesInput = z.input<typeof regenerateRecoveryCodesInput>;

export const RECOVERY_CODE_COUNT = 10;

export interface TwoFactorSetup {
  /** The shared secret, base32, for apps that take it typed in. */
  secret: string;
  /** The same as an `otpauth://` URI, which the web app shows as a QR code. */
  otpauthUri: string;
}

export interface TwoFactorStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
}
