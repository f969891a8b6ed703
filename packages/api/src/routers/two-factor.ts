import {
  beginTwoFactorSetup,
  confirmTwoFactor,
  disableTwoFactor,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
} from '@finsight/core';
import {
  confirmTwoFactorInput,
  disableTwoFactorInput,
  regenerateRecoveryCodesInput,
} from '@finsight/core/schemas';
import { protectedProcedure, router } from '../trpc';

const account = protectedProcedure.meta({ sessionOnly: true });

/** TOTP two-factor authentication: set up, confirm, turn off, new recovery codes. */
export const twoFactorRouter = router({
  status: account.query(({ ctx }) => getTwoFactorStatus(ctx.db, ctx.userId)),
  setup: account.mutation(({ ctx }) => beginTwoFactorSetup(ctx.db, ctx.userId)),
  confirm: account
    .input(confirmTwoFactorInput)
    .mutation(({ ctx, input }) => confirmTwoFactor(ctx.db, ctx.userId, input)),
  disable: account.input(disableTwoFactorInput).mutation(async ({ ctx, input }) => {
    await disableTwoFactor(ctx.db, ctx.userId, input);
    return { ok: true as const };
  }),
  regenerateRecoveryCodes: account
    .input(regenerateRecoveryCodesInput)
    .mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.db, ctx.userId, input)),
});
