import { finsightTools, runTool, toolJsonSchema } from '@finsight/core';
import { z } from 'zod';
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
  run: protectedProcedure
    .input(callToolInput)
    .mutation(({ ctx, input }) => runTool(ctx.db, ctx.userId, input.name, input.arguments)),
});
