import { runTool } from '@finsight/core';
import { createFinsightMcpServer } from '@finsight/core/mcp';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { RateLimitedError } from '../auth/auth-throttle';
import type { Authenticator } from '../auth/authenticator';
import { NO_CREDENTIALS } from '../auth/jwt';
import { NO_STORE } from '../cache-control';
import { addCosts, COSTS, type Cost, TOOL_COSTS } from '../fairness/costs';
import { releaseWhenClosed, type UserLimits } from '../fairness/user-limits';

/** JSON-RPC messages one request may carry: each can be a tool call. */
export const MCP_MAX_BATCH = 10;

export interface McpRoutesOptions {
  authenticator: Authenticator;
  limits: UserLimits;
  /** The address users reach finsight at (for the protected-resource metadata). */
  publicOrigin: () => string;
}

/** What one JSON-RPC message costs: a tool call what its REST twin costs, anything else a read. */
function messageCost(message: unknown): Cost {
  const { method, params } = (message ?? {}) as { method?: unknown; params?: { name?: unknown } };
  if (method !== 'tools/call') return COSTS.read;
  const name = typeof params?.name === 'string' ? params.name : '';
  return TOOL_COSTS[name] ?? COSTS.analysis;
}

function jsonRpcError(reply: FastifyReply, status: number, code: number, message: string) {
  return reply.status(status).send({ jsonrpc: '2.0', error: { code, message }, id: null });
}

/**
 * MCP over Streamable HTTP at /mcp, stateless: every request carries the user's Bearer credential (an access
 * token, or better a personal API token, which outlives the 15-minute access token) and gets a server bound
 * to that user. As the MCP authorization spec asks, a 401 points at the protected-resource metadata.
 */
export async function mcpRoutes(app: FastifyInstance, options: McpRoutesOptions) {
  const { authenticator, limits } = options;
  const metadataUrl = () => `${options.publicOrigin()}/.well-known/oauth-protected-resource`;

  const metadata = async () => ({
    resource: `${options.publicOrigin()}/mcp`,
    resource_name: 'finsight',
    bearer_methods_supported: ['header'],
    resource_documentation: `${options.publicOrigin()}/api/docs`,
  });
  // RFC 9728: the metadata of the resource at /mcp, at the root and at the path-suffixed location.
  app.get('/.well-known/oauth-protected-resource', metadata);
  app.get('/.well-known/oauth-protected-resource/mcp', metadata);

  app.all('/mcp', async (request, reply) => {
    const authorization = request.headers.authorization;
    const { principal, problem } =
      authenticator.known(authorization) ?? (await authenticator.authenticate(authorization));
    if (principal === null) {
      return reply
        .status(401)
        .header('www-authenticate', `Bearer realm="mcp", resource_metadata="${metadataUrl()}"`)
        .send({ jsonrpc: '2.0', error: { code: -32001, message: problem ?? NO_CREDENTIALS }, id: null });
    }
    const messages = Array.isArray(request.body) ? request.body : [request.body];
    if (messages.length > MCP_MAX_BATCH) {
      return jsonRpcError(
        reply,
        400,
        -32600,
        `A batch may hold at most ${MCP_MAX_BATCH} messages; this one has ${messages.length}. Send them in smaller batches.`,
      );
    }
    let release: () => void;
    try {
      release = await limits.admit(principal.userId, addCosts(messages.map(messageCost)));
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      reply.header('retry-after', String(error.retryAfterSeconds));
      return jsonRpcError(reply, 429, -32000, error.message);
    }
    releaseWhenClosed(reply.raw, release);

    // Each tool call takes its turn as heavy work: a batch of ten analyses runs them one after another.
    const server = createFinsightMcpServer((name, args) =>
      limits.inTurn(principal.userId, TOOL_COSTS[name] ?? COSTS.analysis, () =>
        runTool(app.db, principal.userId, name, args),
      ),
    );
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
