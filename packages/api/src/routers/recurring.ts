import { listRecurring, updateRecurring } from '@finsight/core';
import { listRecurringInput, updateRecurringInput } from '@finsight/core/schemas';
import { COSTS } from '../fairness/costs';
import { protectedProcedure, router } from '../trpc';

export const recurringRouter = router({
  /**
   * Series found in the history (reads up to fifteen months when the books changed). On the primary: the
   * detection it keeps must be made from the latest history, not a replica's.
   */
  list: protectedProcedure
    .meta({ cost: COSTS.analysis })
    .input(listRecurringInput.optional())
    .query(({ ctx, input }) => listRecurring(ctx.primary, ctx.userId, input)),
  /** Confirm, dismiss (for good) or edit a series. */
  update: protectedProcedure
    .input(updateRecurringInput)
    .mutation(({ ctx, input }) => updateRecurring(ctx.db, ctx.userId, input)),
});
