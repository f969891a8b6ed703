import {
  changePasswordInput,
  createApiTokenInput,
  deleteAccountInput,
  disableTwoFactorInput,
  passwordResetConfirmInput,
  passwordResetInput,
  secondFactorCode,
  updateProfileInput,
} from '@finsight/core/schemas';
import { z } from 'zod';
import { loginWithCodeInput } from '../auth/schemas';

/**
 * The account endpoints' request bodies, with the documented framework's snake_case field names. Each field
 * is the core schema's own, renamed only: they validate the request and document it, and the handler hands
 * the core service the same values under its names.
 */
const password = deleteAccountInput.shape.password;

export const loginWithCodeBody = z
  .strictObject({ mfa_token: loginWithCodeInput.shape.mfaToken, code: secondFactorCode })
  .meta({ examples: [{ mfa_token: 'eyJhbGciOiJIUzI1NiJ9.mfa', code: '123456' }] });

export const passwordChangeBody = z
  .strictObject({
    old_password: changePasswordInput.shape.oldPassword,
    new_password: changePasswordInput.shape.newPassword,
  })
  .meta({ examples: [{ old_password: 'violet-harbour-42', new_password: 'amber-lantern-77' }] });

export const passwordResetBody = passwordResetInput.meta({ examples: [{ email: 'jane@example.com' }] });

export const passwordResetConfirmBody = z
  .strictObject({
    token: passwordResetConfirmInput.shape.token.meta({ description: 'The `token` of the link in the mail' }),
    new_password: passwordResetConfirmInput.shape.newPassword,
  })
  .meta({
    examples: [{ token: 'pUaYb1L0c2X6m3cG3kq3Jc5m7s9Z1wQ3rT5y7u9i1o0', new_password: 'amber-lantern-77' }],
  });

export const profilePatchBody = z
  .strictObject({
    username: updateProfileInput.shape.username,
    currency: updateProfileInput.shape.preferredCurrency,
    time_zone: updateProfileInput.shape.timeZone,
    locale: updateProfileInput.shape.locale,
  })
  .meta({ examples: [{ currency: 'EUR', time_zone: 'Europe/Berlin', locale: 'de-DE' }] });

export const passwordBody = z
  .strictObject({ password })
  .meta({ examples: [{ password: 'violet-harbour-42' }] });

export const apiTokenBody = z
  .strictObject({
    name: createApiTokenInput.shape.name,
    scope: createApiTokenInput.shape.scope,
    expires_in_days: createApiTokenInput.shape.expiresInDays,
  })
  .meta({ examples: [{ name: 'Claude Desktop', scope: 'read', expires_in_days: 90 }] });

export const codeBody = z.strictObject({ code: secondFactorCode }).meta({ examples: [{ code: '123456' }] });

export const disableTwoFactorBody = z
  .strictObject({ password, code: disableTwoFactorInput.shape.code })
  .meta({ examples: [{ password: 'violet-harbour-42', code: '123456' }] });
