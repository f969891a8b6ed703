import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AppError } from '../errors';
import { type FinsightTool, finsightTools } from './registry';

/** Runs one registry tool for the user the host has already authenticated. */
export type ToolRunner = (name: string, args: Record<string, unknown>) => Promise<unknown>;

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
      { description: tool.description, inputSchema: tool.input, annotations: { readOnlyHint: true } },
      async (args: Record<string, unknown>) => {
        try {
          const result = await run(tool.name, args);
          return { content: [{ type: 'text' as const, text: JSON.stringify(result) }] };
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
