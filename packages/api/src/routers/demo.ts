import { loadDemoData, removeDemoData } from '@finsight/core';
import { loadDemoDataInput } from '@finsight/core/schemas';
import { COSTS } from '../fairness/costs';
import { protectedProcedure, router } from '../trpc';

const bulk = protectedProcedure.meta({ cost: COSTS.bulkWrite });

export const demoRouter = router({
  /** A year of realistic transactions for an empty account (CONFLICT once it has transactions). */
  load: bulk.input(loadDemoDataInput).mutation(({ ctx, input }) => loadDemoData(ctx.db, ctx.userId, input)),
  /** Takes the demo data out again; what the user entered stays. */
  remove: bulk.mutation(({ ctx }) => removeDemoData(ctx.db, ctx.userId)),
});
