import { fileURLToPath } from 'node:url';
import { call, type RestUser, restUser, startTestServer, type TestServer } from '@finsight/api/testing';
import { finsightTools, loadDemoData } from '@finsight/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The built host, as a desktop MCP client starts it (turbo builds it before these tests). */
const host = fileURLToPath(new URL('../dist/stdio.js', import.meta.url));

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

const json = (result: Awaited<ReturnType<Client['callTool']>>) => {
  const [first] = result.content as { type: string; text: string }[];
  return JSON.parse(first?.text ?? 'null');
};

describe('the MCP server over stdio', () => {
  async function stdioClient(env: Record<string, string>) {
    const client = new Client({ name: 'finsight-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [host],
        env: { PATH: process.env.PATH ?? '', FINSIGHT_URL: server.url, ...env },
        stderr: 'pipe',
      }),
    );
    clients.push(client);
    return client;
  }

  it('logs in with a user’s credentials and answers for that user only', async () => {
    const client = await stdioClient({ FINSIGHT_EMAIL: alice.email, FINSIGHT_PASSWORD: alice.password });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(
      finsightTools.map((tool) => tool.name),
    );
    const income = json(await client.callTool({ name: 'get_income_vs_expense', arguments: { month } }));
    expect(income.income).not.toBe('0.00');
  });

  it('takes a read-only personal API token, the way to run it for a long time', async () => {
    const created = await call(
      server.url,
      'POST',
      '/api/auth/tokens/',
      { name: 'desktop', scope: 'read' },
      alice.access,
    );
    const client = await stdioClient({ FINSIGHT_API_TOKEN: (created.body as { token: string }).token });
    const income = json(await client.callTool({ name: 'get_income_vs_expense', arguments: { month } }));
    expect(income.income).not.toBe('0.00');
  });

  it('takes an access token instead', async () => {
    const client = await stdioClient({ FINSIGHT_ACCESS_TOKEN: bob.access });
    const income = json(await client.callTool({ name: 'get_income_vs_expense', arguments: { month } }));
    expect(income.income).toBe('0.00');
  });

  it('reports a refused token as a tool error', async () => {
    const client = await stdioClient({ FINSIGHT_ACCESS_TOKEN: 'not-a-token' });
    const result = await client.callTool({ name: 'get_income_vs_expense', arguments: { month } });
    expect(result.isError).toBe(true);
  });
});
