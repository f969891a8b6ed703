import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AppError } from '../errors';
import { type FinsightTool, finsightTools } from './registry';

/** Runs one registry tool for the user the host has already authenticated. */
export type ToolRunner = (name: string, args: Record<string, unknown>) => Promise<unknown>;

/**
 * The server's side of a tool answer: the structured content its `outputSchema` describes, and the same as
 * JSON text for clients that read only text. The MCP SDK checks the structured content against the schema.
 */
function answer(result: unknown) {
  return {
    structuredContent: result as Record<string, unknown>,
    content: [{ type: 'text' as const, text: JSON.stringify(result) }],
  };
}

/**
 * An MCP server exposing the finsight tool registry. The host decides whose data a runner reads (from an
 * access token); no tool takes a user id, so a model cannot ask for anyone else's.
 */
export function createFinsightMcpServer(run: ToolRunner): McpServer {
  const server = new McpServer(
    { name: 'finsight', version: '0.1.0' },
    {
      instructions:
        'Personal-finance data of the signed-in user: transactions, monthly income and expenses, spending by ' +
        'category, unusual spending and plain-language monthly summaries. Amounts are decimal strings.',
    },
  );
  for (const tool of finsightTools as FinsightTool[]) {
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: { readOnlyHint: true },
      },
      async (args: Record<string, unknown>) => {
        try {
          return answer(await run(tool.name, args));
        } catch (error) {
          const message =
            error instanceof Error && (error instanceof AppError || 'data' in error)
              ? error.message
              : 'The tool failed.';
          return { isError: true, content: [{ type: 'text' as const, text: message }] };
        }
      },
    );
  }
  return server;
}
