import {
  createAccount,
  deleteAccount,
  getAccount,
  getBalances,
  listAccounts,
  updateAccount,
} from '@finsight/core';
import { balancesInput, byIdInput, createAccountInput, updateAccountInput } from '@finsight/core/schemas';
import { createOnce } from '../idempotency';
import { protectedProcedure, router } from '../trpc';

export const accountsRouter = router({
  list: protectedProcedure
    .input(balancesInput.optional())
    .query(({ ctx, input }) => listAccounts(ctx.db, ctx.userId, input)),
  byId: protectedProcedure.input(byIdInput).query(({ ctx, input }) => getAccount(ctx.db, ctx.userId, input)),
  balances: protectedProcedure
    .input(balancesInput.optional())
    .query(({ ctx, input }) => getBalances(ctx.db, ctx.userId, input)),
  create: protectedProcedure
    .input(createAccountInput)
    .mutation(({ ctx, input }) =>
      createOnce(ctx, 'accounts.create', input, (db) => createAccount(db, ctx.userId, input)),
    ),
  update: protectedProcedure
    .input(updateAccountInput)
    .mutation(({ ctx, input }) => updateAccount(ctx.db, ctx.userId, input)),
  delete: protectedProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
    await deleteAccount(ctx.db, ctx.userId, input);
    return { id: input.id };
  }),
});
