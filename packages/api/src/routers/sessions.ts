import { byIdInput } from '@finsight/core/schemas';
import { protectedProcedure, router } from '../trpc';

/** The user's logins: where they are signed in, and ending any of them. */
export const sessionsRouter = router({
  list: protectedProcedure.meta({ sessionOnly: true }).query(({ ctx }) => ctx.flows.sessions(ctx.principal)),
  revoke: protectedProcedure
    .meta({ sessionOnly: true })
    .input(byIdInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.flows.endSession(ctx.principal, input.id);
      return { id: input.id };
    }),
});
