import { loadDemoData } from '@finsight/core';
import { loadDemoDataInput } from '@finsight/core/schemas';
import { protectedProcedure, router } from '../trpc';

export const demoRouter = router({
  /** A year of realistic transactions for an empty account (CONFLICT once it has transactions). */
  load: protectedProcedure
    .input(loadDemoDataInput)
    .mutation(({ ctx, input }) => loadDemoData(ctx.db, ctx.userId, input)),
});
