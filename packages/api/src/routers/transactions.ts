import {
  createTransaction,
  createTransfer,
  deleteTransaction,
  getTransaction,
  listTransactions,
  updateTransaction,
} from '@finsight/core';
import {
  byIdInput,
  createTransactionInput,
  createTransferInput,
  listTransactionsInput,
  updateTransactionInput,
} from '@finsight/core/schemas';
import { protectedProcedure, router } from '../trpc';

export const transactionsRouter = router({
  list: protectedProcedure
    .input(listTransactionsInput)
    .query(({ ctx, input }) => listTransactions(ctx.db, ctx.userId, input)),
  byId: protectedProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => getTransaction(ctx.db, ctx.userId, input)),
  create: protectedProcedure
    .input(createTransactionInput)
    .mutation(({ ctx, input }) => createTransaction(ctx.db, ctx.userId, input)),
  /** Both sides of a transfer between two of the user's accounts. */
  transfer: protectedProcedure
    .input(createTransferInput)
    .mutation(({ ctx, input }) => createTransfer(ctx.db, ctx.userId, input)),
  update: protectedProcedure
    .input(updateTransactionInput)
    .mutation(({ ctx, input }) => updateTransaction(ctx.db, ctx.userId, input)),
  delete: protectedProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
    await deleteTransaction(ctx.db, ctx.userId, input);
    return { id: input.id };
  }),
});
