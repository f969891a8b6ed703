import { finsightTools, runTool, toolJsonSchema } from '@finsight/core';
import { z } from 'zod';
import { COSTS } from '../fairness/costs';
import { protectedProcedure, router } from '../trpc';

export const callToolInput = z.strictObject({
  name: z.string().min(1).max(64),
  arguments: z.record(z.string(), z.unknown()).default({}),
});

/** The LLM tool registry over tRPC, for hosts that run elsewhere (the stdio MCP server). */
export const toolsRouter = router({
  list: protectedProcedure.query(() =>
    finsightTools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      inputSchema: toolJsonSchema(tool),
    })),
  ),
  /** A mutation for the MCP host's sake, but it only reads: read-scope tokens may call it. */
  run: protectedProcedure
    .meta({ readOnly: true, cost: COSTS.analysis })
    .input(callToolInput)
    .mutation(({ ctx, input }) => runTool(ctx.db, ctx.userId, input.name, input.arguments)),
});
