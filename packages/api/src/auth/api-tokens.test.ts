import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type RestUser, restUser, startTestServer, type TestServer } from '../testing/server';
import { testTrpcClient } from '../testing/trpc-client';

let server: TestServer;
let jane: RestUser;
let readToken: string;
let writeToken: string;
let readTokenId: number;

beforeAll(async () => {
  server = await startTestServer();
  jane = await restUser(server.url, 'scripter');
  await call(server.url, 'POST', '/api/finance/categories/', { name: 'Food' }, jane.access);
  const read = await call(
    server.url,
    'POST',
    '/api/auth/tokens/',
    { name: 'Claude Desktop', scope: 'read' },
    jane.access,
  );
  expect(read.status).toBe(201);
  readToken = (read.body as { token: string }).token;
  readTokenId = (read.body as { id: number }).id;
  const write = await call(
    server.url,
    'POST',
    '/api/auth/tokens/',
    { name: 'Importer', scope: 'write', expires_in_days: 7 },
    jane.access,
  );
  writeToken = (write.body as { token: string }).token;
});
afterAll(() => server.close());

describe('personal API tokens', () => {
  it('are shown once at creation, and listed without the token', async () => {
    const listed = await call(server.url, 'GET', '/api/auth/tokens/', undefined, jane.access);
    expect(listed.status).toBe(200);
    const tokens = listed.body as Record<string, unknown>[];
    expect(tokens.map((t) => t.name)).toEqual(['Importer', 'Claude Desktop']);
    expect(tokens[1]).toEqual({
      id: readTokenId,
      name: 'Claude Desktop',
      scope: 'read',
      prefix: readToken.slice(0, 9),
      created_at: expect.any(String),
      last_used_at: null,
      expires_at: expect.any(String),
    });
    expect(JSON.stringify(tokens)).not.toContain(readToken);
  });

  it('read: reads on REST and tRPC, and is refused every change with 403', async () => {
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, readToken)).status).toBe(
      200,
    );
    const refused = await call(server.url, 'POST', '/api/finance/categories/', { name: 'Rent' }, readToken);
    expect(refused).toMatchObject({ status: 403, body: { detail: expect.stringContaining('only read') } });
    expect(
      (await call(server.url, 'DELETE', '/api/finance/categories/1/', undefined, readToken)).status,
    ).toBe(403);
    const client = testTrpcClient(server.url, { access: readToken, refresh: '' });
    expect(await client.api.categories.list.query()).toHaveLength(1);
    await expect(client.api.categories.create.mutate({ name: 'Rent' })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN', httpStatus: 403 },
    });
    // The LLM tools only read, so a read token may run them.
    expect(await client.api.tools.run.mutate({ name: 'get_monthly_trend', arguments: {} })).toHaveProperty(
      'months',
    );
    const listed = (await call(server.url, 'GET', '/api/auth/tokens/', undefined, jane.access)).body as {
      last_used_at: string | null;
    }[];
    expect(listed[1]?.last_used_at).not.toBeNull();
  });

  it('write: changes data, but neither kind can manage the account', async () => {
    expect(
      (await call(server.url, 'POST', '/api/finance/categories/', { name: 'Rent' }, writeToken)).status,
    ).toBe(201);
    for (const [method, path, body] of [
      ['GET', '/api/auth/tokens/', undefined],
      ['POST', '/api/auth/tokens/', { name: 'escalate', scope: 'write' }],
      ['GET', '/api/auth/sessions/', undefined],
      ['POST', '/api/auth/password/change/', { old_password: 'x', new_password: 'y' }],
      ['DELETE', '/api/auth/me/', { password: 'x' }],
      ['POST', '/api/auth/2fa/setup/', undefined],
    ] as const) {
      const answer = await call(server.url, method, path, body, writeToken);
      expect(answer, `${method} ${path}`).toMatchObject({
        status: 403,
        body: { detail: expect.stringContaining('password') },
      });
    }
    await expect(
      testTrpcClient(server.url, { access: writeToken, refresh: '' }).api.apiTokens.list.query(),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    expect((await call(server.url, 'GET', '/api/auth/me/', undefined, writeToken)).status).toBe(200);
  });

  it('work as MCP credentials, and the MCP endpoint says where its metadata is', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${readToken}` } },
    });
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(transport);
    const result = await client.callTool({ name: 'get_monthly_trend', arguments: { months: 2 } });
    expect(result.isError).toBeFalsy();
    await client.close();

    const refused = await fetch(`${server.url}/mcp`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(401);
    const challenge = refused.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer /);
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] ?? '';
    expect(metadataUrl).toBe(`${server.url}/.well-known/oauth-protected-resource`);
    const metadata = await (await fetch(metadataUrl)).json();
    expect(metadata).toMatchObject({ resource: `${server.url}/mcp`, bearer_methods_supported: ['header'] });
    expect(await (await fetch(`${server.url}/.well-known/oauth-protected-resource/mcp`)).json()).toEqual(
      metadata,
    );
  });

  it('stop working the moment they are revoked', async () => {
    const created = await call(
      server.url,
      'POST',
      '/api/auth/tokens/',
      { name: 'short-lived', scope: 'read' },
      jane.access,
    );
    const { token, id } = created.body as { token: string; id: number };
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, token)).status).toBe(200);
    expect((await call(server.url, 'DELETE', `/api/auth/tokens/${id}/`, undefined, jane.access)).status).toBe(
      204,
    );
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, token)).status).toBe(401);
    expect((await call(server.url, 'DELETE', `/api/auth/tokens/${id}/`, undefined, jane.access)).status).toBe(
      404,
    );
  });

  it('refuse bad input with field errors', async () => {
    const bad = await call(
      server.url,
      'POST',
      '/api/auth/tokens/',
      { name: '', scope: 'admin', expires_in_days: 0 },
      jane.access,
    );
    expect(bad).toMatchObject({
      status: 400,
      body: { name: expect.any(Array), scope: expect.any(Array), expires_in_days: expect.any(Array) },
    });
    const duplicate = await call(
      server.url,
      'POST',
      '/api/auth/tokens/',
      { name: 'importer', scope: 'read' },
      jane.access,
    );
    expect(duplicate).toMatchObject({ status: 400, body: { name: [expect.stringContaining('already')] } });
  });
});
