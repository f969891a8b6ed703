import {
  createBudget,
  deleteBudget,
  getBudget,
  getBudgetStatus,
  listBudgets,
  updateBudget,
} from '@finsight/core';
import { budgetStatusInput, byIdInput, createBudgetInput, updateBudgetInput } from '@finsight/core/schemas';
import { createOnce } from '../idempotency';
import { protectedProcedure, router } from '../trpc';

export const budgetsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listBudgets(ctx.db, ctx.userId)),
  byId: protectedProcedure.input(byIdInput).query(({ ctx, input }) => getBudget(ctx.db, ctx.userId, input)),
  /** Where each budget stands in a month (the current one by default), with totals and unbudgeted spending. */
  status: protectedProcedure
    .input(budgetStatusInput.optional())
    .query(({ ctx, input }) => getBudgetStatus(ctx.db, ctx.userId, input)),
  create: protectedProcedure
    .input(createBudgetInput)
    .mutation(({ ctx, input }) =>
      createOnce(ctx, 'budgets.create', input, (db) => createBudget(db, ctx.userId, input)),
    ),
  /** A new amount applies from `effectiveMonth` (this month by default) on; earlier months keep theirs. */
  update: protectedProcedure
    .input(updateBudgetInput)
    .mutation(({ ctx, input }) => updateBudget(ctx.db, ctx.userId, input)),
  delete: protectedProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
    await deleteBudget(ctx.db, ctx.userId, input);
    return { id: input.id };
  }),
});
