import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from './env';
import { call, startTestServer, type TestServer } from './testing/server';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

describe('TRUST_PROXY', () => {
  it.each([
    ['false', false],
    ['', false],
    ['true', 1],
    ['2', 2],
    ['10.0.0.0/8, ::1', ['10.0.0.0/8', '::1']],
    ['127.0.0.1', ['127.0.0.1']],
  ])('%j means %j', (value, expected) => {
    expect(loadEnv({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['yes', '10.0.0.0/33', 'proxy.example.com'])('refuses %j at start, naming it', (value) => {
    expect(() => loadEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });

  it('with one trusted hop, nobody can pick their own address by sending X-Forwarded-For', async () => {
    const server = await startTestServer({ env: { TRUST_PROXY: 'true', AUTH_RATE_LIMIT: '2/min' } });
    servers.push(server);
    const attempt = (spoofed: string) =>
      call(
        server.url,
        'POST',
        '/api/auth/login/',
        { email: `${spoofed}@example.com`, password: 'wrong-one' },
        undefined,
        {
          // The client made up the first address; our proxy appended the address it saw.
          'x-forwarded-for': `${spoofed}, 198.51.100.7`,
        },
      );
    expect((await attempt('203.0.113.1')).status).toBe(401);
    expect((await attempt('203.0.113.2')).status).toBe(401);
    expect((await attempt('203.0.113.3')).status).toBe(429);
  });
});
