import { runTool } from '@finsight/core';
import { createFinsightMcpServer } from '@finsight/core/mcp';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyInstance } from 'fastify';
import { NO_CREDENTIALS, type TokenService } from '../auth/jwt';
import { NO_STORE } from '../cache-control';
import { resolveUser } from '../context';

/**
 * MCP over Streamable HTTP at /mcp, stateless: every request carries the user's Bearer access token and gets
 * a server bound to that user.
 */
export async function mcpRoutes(app: FastifyInstance, { tokens }: { tokens: TokenService }) {
  app.all('/mcp', async (request, reply) => {
    const { userId, authProblem } = await resolveUser(tokens, request.headers.authorization);
    if (userId === null) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="mcp"')
        .send({ jsonrpc: '2.0', error: { code: -32001, message: authProblem ?? NO_CREDENTIALS }, id: null });
    }
    const server = createFinsightMcpServer((name, args) => runTool(app.db, userId, name, args));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    // The MCP transport writes to the raw response, bypassing Fastify's reply, so the headers every response
    // carries (security headers, request id) are handed over first.
    reply.header('cache-control', NO_STORE);
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value);
    }
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });
}
