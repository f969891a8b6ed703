import {
  applyRule,
  createRule,
  deleteRule,
  getRule,
  listRules,
  replaceRule,
  updateRule,
} from '@finsight/core';
import {
  applyRuleInput,
  byIdInput,
  createRuleInput,
  replaceRuleInput,
  updateRuleInput,
} from '@finsight/core/schemas';
import { COSTS } from '../fairness/costs';
import { createOnce } from '../idempotency';
import { protectedProcedure, router } from '../trpc';

export const rulesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listRules(ctx.db, ctx.userId)),
  byId: protectedProcedure.input(byIdInput).query(({ ctx, input }) => getRule(ctx.db, ctx.userId, input)),
  create: protectedProcedure
    .input(createRuleInput)
    .mutation(({ ctx, input }) =>
      createOnce(ctx, 'rules.create', input, (db) => createRule(db, ctx.userId, input)),
    ),
  /** Changes the fields given; a limit left out stays. */
  update: protectedProcedure
    .input(updateRuleInput)
    .mutation(({ ctx, input }) => updateRule(ctx.db, ctx.userId, input)),
  /** Replaces the whole rule: a limit left out is gone (REST's PUT). */
  replace: protectedProcedure
    .input(replaceRuleInput)
    .mutation(({ ctx, input }) => replaceRule(ctx.db, ctx.userId, input)),
  delete: protectedProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
    await deleteRule(ctx.db, ctx.userId, input);
    return { id: input.id };
  }),
  /** Runs a rule over existing transactions (`apply` is a reserved name in tRPC); reads every transaction of the user, so it is priced and queued as bulk work. */
  run: protectedProcedure
    .meta({ cost: COSTS.bulkImport })
    .input(applyRuleInput)
    .mutation(({ ctx, input }) => applyRule(ctx.db, ctx.userId, input)),
});
