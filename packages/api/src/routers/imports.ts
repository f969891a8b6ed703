import { listImports, undoImport } from '@finsight/core';
import { byIdInput } from '@finsight/core/schemas';
import { COSTS } from '../fairness/costs';
import { protectedProcedure, router } from '../trpc';

/**
 * Import history and undo. The file itself goes to the REST endpoints (`POST /api/finance/imports/…`) as
 * the raw request body: up to 20 MB of bytes in any encoding, which a JSON procedure would have to carry as
 * base64 and parse whole.
 */
export const importsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listImports(ctx.db, ctx.userId)),
  undo: protectedProcedure
    .meta({ cost: COSTS.bulkImport })
    .input(byIdInput)
    .mutation(({ ctx, input }) => undoImport(ctx.db, ctx.userId, input)),
});
