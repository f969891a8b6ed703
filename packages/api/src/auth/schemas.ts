import { secondFactorCode } from '@finsight/core/schemas';
import { z } from 'zod';

/** A refresh token, as `POST /api/auth/refresh/` and `/logout/` (and their tRPC procedures) take it. */
export const refreshInput = z.strictObject({
  refresh: z.string({ error: 'This field is required.' }).min(1).max(4096),
});

/** The second step of a login with 2FA: the token the first step gave, and a code. */
export const loginWithCodeInput = z.strictObject({
  mfaToken: z.string({ error: 'This field is required.' }).min(1).max(4096),
  code: secondFactorCode,
});
