import { loadDemoData } from '@finsight/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestUser, restUser, startTestServer, type TestServer } from '../testing/server';

let server: TestServer;
let alice: RestUser;
let bob: RestUser;
const clients: Client[] = [];
const now = new Date();
const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;

beforeAll(async () => {
  server = await startTestServer();
  alice = await restUser(server.url, 'alice');
  bob = await restUser(server.url, 'bob');
  await loadDemoData(server.database.db, alice.id, { months: 12 });
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await server.close();
});

async function httpClient(token?: string): Promise<Client> {
  const client = new Client({ name: 'finsight-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
    requestInit: { headers: token ? { authorization: `Bearer ${token}` } : {} },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

const json = (result: Awaited<ReturnType<Client['callTool']>>) => {
  const [first] = result.content as { type: string; text: string }[];
  return JSON.parse(first?.text ?? 'null');
};

const calls: Record<string, Record<string, unknown>> = {
  get_transactions: { from: '2000-01-01', to: '2999-12-31', limit: 5 },
  get_category_breakdown: { month },
  get_income_vs_expense: { month },
  get_anomalies: { month },
  get_monthly_trend: { months: 6 },
  summarize_month: { month },
  get_accounts: {},
  search_transactions: { query: 'rent', limit: 5 },
  get_budget_status: { month },
  get_alerts: { unread: true },
  get_recurring_payments: {},
  get_forecast: {},
};

describe('the MCP server over Streamable HTTP', () => {
  it('lists every tool with its JSON Schemas', async () => {
    const client = await httpClient(alice.access);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(calls).sort());
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(JSON.stringify(tool.inputSchema)).not.toMatch(/user/i);
      expect(tool.outputSchema?.type, tool.name).toBe('object');
    }
  });

  it('calls each tool for the token’s user', async () => {
    const client = await httpClient(alice.access);
    for (const [name, args] of Object.entries(calls)) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, name).toBeFalsy();
      // Structured content (checked by the SDK against the tool's outputSchema) and the same as text.
      expect(result.structuredContent, name).toEqual(json(result));
    }
    const trend = await client.callTool({ name: 'get_monthly_trend', arguments: { months: 6 } });
    expect((trend.structuredContent as { months: unknown[] }).months).toHaveLength(6);
    expect(
      json(await client.callTool({ name: 'get_transactions', arguments: calls.get_transactions })),
    ).toMatchObject({
      count: 5,
      truncated: true,
    });
    const summary = json(await client.callTool({ name: 'summarize_month', arguments: { month } }));
    expect(summary.text).toContain('you earned');
  });

  it('never gives user B’s token user A’s data', async () => {
    const client = await httpClient(bob.access);
    expect(
      json(await client.callTool({ name: 'get_income_vs_expense', arguments: { month } })),
    ).toMatchObject({
      income: '0.00',
      expense: '0.00',
    });
    expect(
      json(await client.callTool({ name: 'get_transactions', arguments: calls.get_transactions })),
    ).toMatchObject({
      count: 0,
    });
    // A smuggled user id is refused, not obeyed.
    const smuggled = await client.callTool({
      name: 'get_income_vs_expense',
      arguments: { month, userId: alice.id },
    });
    expect(smuggled.isError).toBe(true);
  });

  it('answers with the same security headers and request id as every other route', async () => {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${alice.access}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'x-request-id': 'mcp-trace-1',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('mcp-trace-1');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
  });

  it('refuses a missing or invalid token', async () => {
    await expect(httpClient()).rejects.toThrow(/401|Authentication credentials/);
    await expect(httpClient(alice.refresh)).rejects.toThrow(/401|token/i);
    const raw = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(raw.status).toBe(401);
  });
});
