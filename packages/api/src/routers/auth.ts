import { getProfile, resetAccountData, updateProfile } from '@finsight/core';
import {
  changePasswordInput,
  deleteAccountInput,
  loginInput,
  passwordResetConfirmInput,
  passwordResetInput,
  registerInput,
  resetAccountDataInput,
  updateProfileInput,
} from '@finsight/core/schemas';
import { loginWithCodeInput, refreshInput } from '../auth/schemas';
import { COSTS } from '../fairness/costs';
import { protectedProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  register: publicProcedure
    .input(registerInput)
    .mutation(({ ctx, input }) => ctx.flows.register(input, ctx.client)),

  /** A token pair, or `{ mfaRequired: true, mfaToken }` when the account has 2FA on. */
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => ctx.flows.login(input, ctx.client)),

  loginWithCode: publicProcedure
    .input(loginWithCodeInput)
    .mutation(({ ctx, input }) => ctx.flows.loginWithCode(input, ctx.client)),

  /** A new access and refresh token; the refresh token sent is used up. */
  refresh: publicProcedure
    .input(refreshInput)
    .mutation(({ ctx, input }) => ctx.flows.refresh(input.refresh, ctx.client)),

  /** Ends the session of this refresh token. */
  logout: publicProcedure.input(refreshInput).mutation(async ({ ctx, input }) => {
    await ctx.flows.logout(input.refresh, ctx.client);
    return { ok: true as const };
  }),

  logoutAll: protectedProcedure.meta({ sessionOnly: true }).mutation(async ({ ctx }) => {
    await ctx.flows.logoutEverywhere(ctx.principal);
    return { ok: true as const };
  }),

  requestPasswordReset: publicProcedure.input(passwordResetInput).mutation(async ({ ctx, input }) => {
    await ctx.flows.requestPasswordReset(input, ctx.client);
    return { ok: true as const };
  }),

  confirmPasswordReset: publicProcedure.input(passwordResetConfirmInput).mutation(async ({ ctx, input }) => {
    await ctx.flows.confirmPasswordReset(input, ctx.client);
    return { ok: true as const };
  }),

  me: protectedProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.userId)),

  updateProfile: protectedProcedure
    .meta({ sessionOnly: true })
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.userId, input)),

  /** A fresh token pair for this client; every other session ends. */
  changePassword: protectedProcedure
    .meta({ sessionOnly: true })
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => ctx.flows.changePassword(ctx.principal, input, ctx.client)),

  deleteAccount: protectedProcedure
    .meta({ sessionOnly: true })
    .input(deleteAccountInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.flows.deleteAccount(ctx.principal, input);
      return { ok: true as const };
    }),

  /** Every transaction and category goes; the login and its settings stay. */
  resetData: protectedProcedure
    .meta({ sessionOnly: true, cost: COSTS.bulkWrite })
    .input(resetAccountDataInput)
    .mutation(({ ctx, input }) => resetAccountData(ctx.db, ctx.userId, input)),
});
