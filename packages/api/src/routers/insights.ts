import {
  getAnomalies,
  getCategoryBreakdown,
  getIncomeVsExpense,
  getMonthlySummary,
  getMonthlyTrend,
  getTransactions,
  summarizeMonth,
} from '@finsight/core';
import { dateRangeInput, monthInput, trendInput } from '@finsight/core/schemas';
import { COSTS } from '../fairness/costs';
import { protectedProcedure, router } from '../trpc';

export const insightsRouter = router({
  summary: protectedProcedure
    .input(monthInput)
    .query(({ ctx, input }) => getMonthlySummary(ctx.db, ctx.userId, input)),
  incomeVsExpense: protectedProcedure
    .input(monthInput)
    .query(({ ctx, input }) => getIncomeVsExpense(ctx.db, ctx.userId, input.month)),
  breakdown: protectedProcedure
    .meta({ cost: COSTS.aggregate })
    .input(monthInput)
    .query(({ ctx, input }) => getCategoryBreakdown(ctx.db, ctx.userId, input.month)),
  anomalies: protectedProcedure
    .meta({ cost: COSTS.analysis })
    .input(monthInput)
    .query(({ ctx, input }) => getAnomalies(ctx.db, ctx.userId, input.month)),
  trend: protectedProcedure
    .input(trendInput)
    .query(({ ctx, input }) => getMonthlyTrend(ctx.db, ctx.userId, input)),
  narrative: protectedProcedure
    .meta({ cost: COSTS.analysis })
    .input(monthInput)
    .query(({ ctx, input }) => summarizeMonth(ctx.db, ctx.userId, input.month)),
  transactions: protectedProcedure
    .meta({ cost: COSTS.aggregate })
    .input(dateRangeInput)
    .query(({ ctx, input }) => getTransactions(ctx.db, ctx.userId, input)),
});
