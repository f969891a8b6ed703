import { createCategory, deleteCategory, getCategory, listCategories, renameCategory } from '@finsight/core';
import { byIdInput, createCategoryInput, renameCategoryInput } from '@finsight/core/schemas';
import { protectedProcedure, router } from '../trpc';

export const categoriesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listCategories(ctx.db, ctx.userId)),
  byId: protectedProcedure.input(byIdInput).query(({ ctx, input }) => getCategory(ctx.db, ctx.userId, input)),
  create: protectedProcedure
    .input(createCategoryInput)
    .mutation(({ ctx, input }) => createCategory(ctx.db, ctx.userId, input)),
  rename: protectedProcedure
    .input(renameCategoryInput)
    .mutation(({ ctx, input }) => renameCategory(ctx.db, ctx.userId, input)),
  delete: protectedProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
    await deleteCategory(ctx.db, ctx.userId, input);
    return { id: input.id };
  }),
});
