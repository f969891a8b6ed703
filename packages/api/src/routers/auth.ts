import { authenticate, getProfile, register, updateProfile } from '@finsight/core';
import { loginInput, registerInput, updateProfileInput } from '@finsight/core/schemas';
import { throttleAuth } from '../auth/auth-throttle';
import { refreshInput } from '../auth/schemas';
import { protectedProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    await throttleAuth(ctx.authLimiter, 'register', ctx.ip, input.email);
    return register(ctx.db, input);
  }),

  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    await throttleAuth(ctx.authLimiter, 'login', ctx.ip, input.email);
    const user = await authenticate(ctx.db, input);
    return { ...(await ctx.tokens.issuePair(user.id)), user };
  }),

  refresh: publicProcedure.input(refreshInput).mutation(async ({ ctx, input }) => {
    await throttleAuth(ctx.authLimiter, 'refresh', ctx.ip);
    const userId = await ctx.tokens.verifyRefresh(input.refresh);
    return { access: await ctx.tokens.signAccess(userId) };
  }),

  me: protectedProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.userId)),

  updateProfile: protectedProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.userId, input)),
});
