import {
  bulkUpdateTransactions,
  createTransaction,
  createTransfer,
  deleteTransaction,
  getTransaction,
  listParsedTransactions,
  suggestCategory,
  updateTransaction,
} from '@finsight/core';
import {
  bulkTransactionsInput,
  byIdInput,
  createTransactionInput,
  createTransferInput,
  listTransactionsInput,
  suggestCategoryInput,
  updateTransactionInput,
} from '@finsight/core/schemas';
import { COSTS } from '../fairness/costs';
import { createOnce } from '../idempotency';
import { protectedProcedure, router } from '../trpc';

export const transactionsRouter = router({
  // The input is parsed once, here: the service takes it as parsed (see listParsedTransactions).
  list: protectedProcedure
    .input(listTransactionsInput)
    .query(({ ctx, input }) => listParsedTransactions(ctx.db, ctx.userId, input)),
  byId: protectedProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => getTransaction(ctx.db, ctx.userId, input)),
  create: protectedProcedure
    .input(createTransactionInput)
    .mutation(({ ctx, input }) =>
      createOnce(ctx, 'transactions.create', input, (db) => createTransaction(db, ctx.userId, input)),
    ),
  /** Both sides of a transfer between two of the user's accounts. */
  transfer: protectedProcedure
    .input(createTransferInput)
    .mutation(({ ctx, input }) =>
      createOnce(ctx, 'transactions.transfer', input, (db) => createTransfer(db, ctx.userId, input)),
    ),
  update: protectedProcedure
    .input(updateTransactionInput)
    .mutation(({ ctx, input }) => updateTransaction(ctx.db, ctx.userId, input)),
  delete: protectedProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
    await deleteTransaction(ctx.db, ctx.userId, input);
    return { id: input.id };
  }),
  /** Delete, re-file or move up to 500 transactions at once, all or nothing. */
  bulk: protectedProcedure
    .meta({ cost: COSTS.bulkWrite })
    .input(bulkTransactionsInput)
    .mutation(({ ctx, input }) => bulkUpdateTransactions(ctx.db, ctx.userId, input)),
  /** The category a new transaction with this payee most likely belongs to (rules first, then history). */
  suggestCategory: protectedProcedure
    .input(suggestCategoryInput)
    .query(({ ctx, input }) => suggestCategory(ctx.db, ctx.userId, input)),
});
