import { createApiToken, listApiTokens } from '@finsight/core';
import { byIdInput, createApiTokenInput } from '@finsight/core/schemas';
import { protectedProcedure, router } from '../trpc';

/** Personal API tokens for scripts and MCP clients: created (shown once), listed, revoked. */
export const apiTokensRouter = router({
  list: protectedProcedure.meta({ sessionOnly: true }).query(({ ctx }) => listApiTokens(ctx.db, ctx.userId)),
  create: protectedProcedure
    .meta({ sessionOnly: true })
    .input(createApiTokenInput)
    .mutation(({ ctx, input }) => createApiToken(ctx.db, ctx.userId, input)),
  delete: protectedProcedure
    .meta({ sessionOnly: true })
    .input(byIdInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.flows.deleteApiToken(ctx.principal, input.id);
      return { id: input.id };
    }),
});
