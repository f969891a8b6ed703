import { type StructuredToolInterface, tool } from '@langchain/core/tools';
import type { Database } from '../db/client';
import { finsightTools, runTool, toolJsonSchema } from './registry';

/**
 * The finsight tool registry as LangChain tools, bound to one user: hand them to an agent and the model can
 * only ever read that user's data. Each tool returns compact JSON text.
 *
 * Available as `@finsight/core/langchain`; `@langchain/core` is an optional peer dependency, installed only
 * by projects that use it. Each tool is described by the same JSON Schema the MCP server publishes (a field
 * with a default is optional to the model), and its arguments are validated by the registry, as for MCP.
 */
export function finsightLangChainTools(db: Database, userId: number): StructuredToolInterface[] {
  return finsightTools.map((definition) =>
    tool(
      async (input: Record<string, unknown>) =>
        JSON.stringify(await runTool(db, userId, definition.name, input)),
      { name: definition.name, description: definition.description, schema: toolJsonSchema(definition) },
    ),
  );
}
