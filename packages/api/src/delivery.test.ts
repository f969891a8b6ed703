import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type RestUser, restUser, startTestServer, type TestServer } from './testing/server';

/** The web build (turbo builds it before these tests, as part of the API's own build). */
const webDist = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));
/** The entry script index.html loads (a restored build cache may leave older ones beside it). */
const mainScript = /\/assets\/(index-[\w-]+\.js)"/.exec(readFileSync(`${webDist}/index.html`, 'utf8'))?.[1];

let server: TestServer;
let jane: RestUser;

beforeAll(async () => {
  server = await startTestServer({ webDist });
  jane = await restUser(server.url, 'jane');
});
afterAll(() => server.close());

/** The answer with its body read, so no connection is left busy when the server closes. */
async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    bytes: body.byteLength,
    text: body.toString(),
  };
}

describe('the web app’s files', () => {
  it('are sent precompressed, brotli or gzip as the browser asks, and cached for a year once hashed', async () => {
    expect(mainScript).toBeDefined();
    const path = `/assets/${mainScript}`;
    const plain = await get(path, { 'accept-encoding': 'identity' });
    const plainBytes = plain.bytes;
    const brotli = await get(path, { 'accept-encoding': 'br, gzip' });
    const gzip = await get(path, { 'accept-encoding': 'gzip' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    for (const response of [plain, brotli, gzip]) {
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    }
    // fetch() decodes what it is sent; the wire size is the compressed file's.
    expect(Number(brotli.headers.get('content-length'))).toBeLessThan(plainBytes / 3);
    expect(Number(gzip.headers.get('content-length'))).toBeLessThan(plainBytes / 2.5);
  });

  it('serve index.html, for the root and every page of the app, to be revalidated on each use', async () => {
    for (const path of ['/', '/login', '/transactions?page=2']) {
      const page = await get(path, { accept: 'text/html' });
      expect(page.status, path).toBe(200);
      expect(page.headers.get('cache-control'), path).toBe('no-cache');
      expect(page.text).toContain('<div id="root">');
    }
  });

  it('preload the code of the page asked for with the app’s own, and only that page’s', async () => {
    const pageChunk = (text: string) =>
      [...text.matchAll(/rel="modulepreload" crossorigin href="\/assets\/([a-z-]+-page)-/g)].map(
        (match) => match[1],
      );
    expect(pageChunk((await get('/', { accept: 'text/html' })).text)).toEqual(['dashboard-page']);
    expect(pageChunk((await get('/transactions?page=2', { accept: 'text/html' })).text)).toEqual([
      'transactions-page',
    ]);
    expect(pageChunk((await get('/budgets', { accept: 'text/html' })).text)).toEqual(['budgets-page']);
    // Pages without a page of their own (login, an unknown path, one account's register) get index.html.
    for (const path of ['/login', '/no-such-page', '/accounts/7']) {
      const page = await get(path, { accept: 'text/html' });
      expect(page.status, path).toBe(200);
      expect(pageChunk(page.text), path).toEqual([]);
      expect(page.text).toContain(`/assets/${mainScript}`);
    }
  });
});

describe('security headers', () => {
  it('give pages and the app’s files the page policy: scripts from this origin only', async () => {
    for (const path of ['/', '/login', `/assets/${mainScript}`]) {
      const response = await get(path, { accept: 'text/html' });
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
    }
  });

  it('give API answers the set OWASP asks of an API, and nothing a JSON body has no use for', async () => {
    const owasp = {
      'cache-control': 'no-store',
      'content-security-policy': "frame-ancestors 'none'",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    };
    const rest = await call(server.url, 'GET', '/api/finance/categories/', undefined, jane.access);
    const trpc = await get('/trpc/categories.list', { authorization: `Bearer ${jane.access}` });
    for (const answer of [rest, trpc]) {
      expect(Object.fromEntries(answer.headers)).toMatchObject(owasp);
      for (const pageOnly of ['cross-origin-opener-policy', 'referrer-policy', 'x-dns-prefetch-control']) {
        expect(answer.headers.get(pageOnly), pageOnly).toBeNull();
      }
    }
  });

  it('echo the request id a client sends, and name the id of every error answer', async () => {
    const traced = await call(server.url, 'GET', '/api/finance/categories/', undefined, jane.access, {
      'x-request-id': 'trace-42',
    });
    expect(traced.headers.get('x-request-id')).toBe('trace-42');
    const refused = await call(
      server.url,
      'GET',
      '/api/finance/transactions/999999/',
      undefined,
      jane.access,
    );
    expect(refused.status).toBe(404);
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('API answers', () => {
  it('carry `Cache-Control: no-store` wherever they hold user data or tokens: REST, tRPC and MCP', async () => {
    const login = await call(server.url, 'POST', '/api/auth/login/', {
      email: jane.email,
      password: jane.password,
    });
    expect(login.headers.get('cache-control')).toBe('no-store');
    const categories = await call(server.url, 'GET', '/api/finance/categories/', undefined, jane.access);
    expect(categories.headers.get('cache-control')).toBe('no-store');
    const refused = await call(server.url, 'GET', '/api/finance/categories/');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    const trpc = await get('/trpc/auth.me', { authorization: `Bearer ${jane.access}` });
    expect(trpc.status).toBe(200);
    expect(trpc.headers.get('cache-control')).toBe('no-store');
    const mcp = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${jane.access}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(mcp.headers.get('cache-control')).toBe('no-store');
    expect(await mcp.text()).toContain('get_transactions');
  });

  it('are compressed over 1 KB when the client accepts it, and left alone below', async () => {
    for (let index = 0; index < 30; index++) {
      await call(
        server.url,
        'POST',
        '/api/finance/categories/',
        { name: `A category with a long descriptive name ${index}` },
        jane.access,
      );
    }
    const big = await get('/api/finance/categories/', {
      authorization: `Bearer ${jane.access}`,
      'accept-encoding': 'gzip',
    });
    expect(big.headers.get('content-encoding')).toBe('gzip');
    const brotli = await get('/api/finance/categories/', {
      authorization: `Bearer ${jane.access}`,
      'accept-encoding': 'br',
    });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(JSON.parse(brotli.text)).toEqual(JSON.parse(big.text));
    const raw = await import('node:http').then(
      ({ get: httpGet }) =>
        new Promise<Buffer>((resolve, reject) => {
          httpGet(
            `${server.url}/api/finance/categories/`,
            { headers: { authorization: `Bearer ${jane.access}`, 'accept-encoding': 'gzip' } },
            (response) => {
              const chunks: Buffer[] = [];
              response.on('data', (chunk: Buffer) => chunks.push(chunk));
              response.on('end', () => resolve(Buffer.concat(chunks)));
            },
          ).on('error', reject);
        }),
    );
    const json = JSON.parse(gunzipSync(raw).toString()) as { name: string }[];
    expect(json).toHaveLength(30);
    expect(raw.length).toBeLessThan(JSON.stringify(json).length);
    const small = await get('/api/finance/summary/', {
      authorization: `Bearer ${jane.access}`,
      'accept-encoding': 'gzip',
    });
    expect(small.headers.get('content-encoding')).toBeNull();
  });
});
