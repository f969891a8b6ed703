import { API_TOKEN_SCOPES } from '@finsight/core/schemas';
import { z } from 'zod';
import { verbatim } from './wire-strings';

/** What the account endpoints answer, in the documented framework's shapes (snake_case). */
const timestamp = verbatim(
  z.string().meta({ description: 'ISO 8601, UTC', examples: ['2026-11-24T09:30:00.123456Z'] }),
);

export const mfaChallengeResource = z
  .object({
    mfa_required: z.literal(true),
    mfa_token: z
      .string()
      .meta({ description: 'Send with a code to `POST /api/auth/login/mfa/` within 5 minutes' }),
  })
  .meta({ id: 'MfaChallenge', examples: [{ mfa_required: true, mfa_token: 'eyJhbGciOiJIUzI1NiJ9.mfa' }] });

export const detailResource = z
  .object({ detail: z.string() })
  .meta({ id: 'Detail', examples: [{ detail: 'Password has been reset with the new password.' }] });

export const profileResource = z
  .object({
    id: z.number().int(),
    username: z.string(),
    email: z.string(),
    currency: z.string().meta({ description: 'ISO 4217 code amounts are shown in' }),
    time_zone: z.string().meta({ description: 'IANA zone: what "this month" means for the user' }),
    locale: z
      .string()
      .nullable()
      .meta({ description: 'BCP 47 tag for how amounts and dates are written; null follows the browser' }),
    two_factor_enabled: z.boolean(),
    created_at: timestamp,
  })
  .meta({
    id: 'Profile',
    examples: [
      {
        id: 1,
        username: 'jane',
        email: 'jane@example.com',
        currency: 'EUR',
        time_zone: 'Europe/Berlin',
        locale: 'de-DE',
        two_factor_enabled: false,
        created_at: '2026-11-24T09:30:00.123456Z',
      },
    ],
  });

export const sessionResource = z
  .object({
    id: z.number().int(),
    user_agent: z.string(),
    ip_prefix: z.string().meta({ description: 'The network the login came from (IPv4 /24, IPv6 /48)' }),
    created_at: timestamp,
    last_used_at: timestamp,
    expires_at: timestamp.meta({ description: 'When the password is asked for again, however active' }),
    current: z.boolean().meta({ description: 'The session of the token this list was asked with' }),
  })
  .meta({
    id: 'Session',
    examples: [
      {
        id: 12,
        user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)',
        ip_prefix: '203.0.113.0/24',
        created_at: '2026-11-24T09:30:00.123456Z',
        last_used_at: '2026-11-24T10:02:00.000000Z',
        expires_at: '2026-12-24T09:30:00.123456Z',
        current: true,
      },
    ],
  });

const apiTokenFields = {
  id: z.number().int(),
  name: z.string(),
  scope: z.enum(API_TOKEN_SCOPES),
  prefix: z.string().meta({ description: 'The first characters of the token, to tell tokens apart' }),
  created_at: timestamp,
  last_used_at: timestamp.nullable(),
  expires_at: timestamp.nullable(),
};
const apiTokenExample = {
  id: 3,
  name: 'Claude Desktop',
  scope: 'read',
  prefix: 'fs_Xq3k9a',
  created_at: '2026-11-24T09:30:00.123456Z',
  last_used_at: null,
  expires_at: '2027-02-22T09:30:00.123456Z',
};

export const apiTokenResource = z
  .object(apiTokenFields)
  .meta({ id: 'ApiToken', examples: [apiTokenExample] });

export const createdApiTokenResource = z
  .object({
    ...apiTokenFields,
    token: z
      .string()
      .meta({ description: 'The token: shown this once, send as `Authorization: Bearer fs_…`' }),
  })
  .meta({
    id: 'CreatedApiToken',
    examples: [{ ...apiTokenExample, token: 'fs_Xq3k9aTz0d2GmB1qK8d1m3YwJcR6uVfHn2pLs4eA7' }],
  });

export const twoFactorStatusResource = z
  .object({ enabled: z.boolean(), recovery_codes_left: z.number().int() })
  .meta({ id: 'TwoFactorStatus', examples: [{ enabled: true, recovery_codes_left: 9 }] });

export const twoFactorSetupResource = z
  .object({
    secret: z.string().meta({ description: 'Base32, for apps where it is typed in' }),
    otpauth_uri: z.string().meta({ description: 'The same as an otpauth:// URI, for a QR code' }),
  })
  .meta({
    id: 'TwoFactorSetup',
    examples: [
      {
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        otpauth_uri:
          'otpauth://totp/finsight:jane%40example.com?issuer=finsight&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30',
      },
    ],
  });

export const recoveryCodesResource = z
  .object({ recovery_codes: z.array(z.string()).meta({ description: 'Each works once; shown this once' }) })
  .meta({ id: 'RecoveryCodes', examples: [{ recovery_codes: ['abcd-efgh-ijkm', 'npqr-stuv-wxyz'] }] });

const counts = () => ({
  categories: z.number().int().meta({ description: 'Categories' }),
  transactions: z.number().int().meta({ description: 'Transactions' }),
});

export const removedDataResource = z.object(counts()).meta({
  id: 'RemovedData',
  description: 'How much went',
  examples: [{ categories: 13, transactions: 402 }],
});

export const demoLoadedResource = z.object(counts()).meta({
  id: 'DemoData',
  description: 'How much was loaded',
  examples: [{ categories: 13, transactions: 402 }],
});
