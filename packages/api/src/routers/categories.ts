import {
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  mergeCategories,
  renameCategory,
  updateCategory,
} from '@finsight/core';
import {
  byIdInput,
  createCategoryInput,
  deleteCategoryInput,
  mergeCategoriesInput,
  renameCategoryInput,
  updateCategoryInput,
} from '@finsight/core/schemas';
import { COSTS } from '../fairness/costs';
import { createOnce } from '../idempotency';
import { protectedProcedure, router } from '../trpc';

export const categoriesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listCategories(ctx.db, ctx.userId)),
  byId: protectedProcedure.input(byIdInput).query(({ ctx, input }) => getCategory(ctx.db, ctx.userId, input)),
  create: protectedProcedure
    .input(createCategoryInput)
    .mutation(({ ctx, input }) =>
      createOnce(ctx, 'categories.create', input, (db) => createCategory(db, ctx.userId, input)),
    ),
  rename: protectedProcedure
    .input(renameCategoryInput)
    .mutation(({ ctx, input }) => renameCategory(ctx.db, ctx.userId, input)),
  update: protectedProcedure
    .input(updateCategoryInput)
    .mutation(({ ctx, input }) => updateCategory(ctx.db, ctx.userId, input)),
  /** With `reassignTo`, its transactions (budget, rules, series) move there first, atomically. */
  delete: protectedProcedure
    .meta({ cost: COSTS.bulkWrite })
    .input(deleteCategoryInput)
    .mutation(async ({ ctx, input }) => {
      await deleteCategory(ctx.db, ctx.userId, input);
      return { id: input.id };
    }),
  /** Everything of `id` moves into `into`; `id` is deleted. */
  merge: protectedProcedure
    .meta({ cost: COSTS.bulkWrite })
    .input(mergeCategoriesInput)
    .mutation(({ ctx, input }) => mergeCategories(ctx.db, ctx.userId, input)),
});
