import { getForecast } from '@finsight/core';
import { forecastInput } from '@finsight/core/schemas';
import { COSTS } from '../fairness/costs';
import { protectedProcedure, router } from '../trpc';

export const forecastRouter = router({
  /** Expected income and expense at the month's end, with a range, and what is safe to spend per day. */
  month: protectedProcedure
    .meta({ cost: COSTS.analysis })
    .input(forecastInput.optional())
    .query(({ ctx, input }) => getForecast(ctx.db, ctx.userId, input)),
});
