import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { call, startTestServer, type TestServer } from '../testing/server';
import { testTrpcClient } from '../testing/trpc-client';
import { throttleAuth } from './auth-throttle';
import { memoryRateLimiter, redisRateLimiter } from './rate-limiter';

const REDIS_URL = 'redis://127.0.0.1:6379';
const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

async function started(...args: Parameters<typeof startTestServer>) {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
}

const failedLogin = (url: string, email: string) =>
  call(url, 'POST', '/api/auth/login/', { email, password: 'definitely-wrong' });

describe('rate limits on authentication', () => {
  it('engage on repeated failed logins: 429 with Retry-After, in REST and in tRPC', async () => {
    const server = await started({ env: { AUTH_RATE_LIMIT: '5/min' } });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await failedLogin(server.url, 'target@example.com')).status).toBe(401);
    }
    const limited = await failedLogin(server.url, 'target@example.com');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      detail: expect.stringMatching(/^Request was throttled\. Expected available in \d+ seconds\.$/),
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const client = testTrpcClient(server.url);
    await expect(client.login('target@example.com', 'again-wrong')).rejects.toMatchObject({
      data: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) },
    });
  });

  it('count per email as well as per IP', async () => {
    const limiter = memoryRateLimiter({ max: 2, windowMs: 60_000 });
    await throttleAuth(limiter, 'login', '10.0.0.1', 'Victim@Example.com');
    await throttleAuth(limiter, 'login', '10.0.0.2', 'victim@example.com');
    // A third address, but the same account: refused.
    await expect(throttleAuth(limiter, 'login', '10.0.0.3', 'victim@example.com ')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    await expect(
      throttleAuth(limiter, 'login', '10.0.0.3', 'someone.else@example.com'),
    ).resolves.toBeUndefined();
  });

  it('open again when the window has passed', async () => {
    const limiter = memoryRateLimiter({ max: 1, windowMs: 1000 });
    expect((await limiter.consume('k')).allowed).toBe(true);
    expect(await limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await limiter.consume('k')).allowed).toBe(true);
  });

  it('count every key in the same small space, however long the email sent', async () => {
    const limiter = memoryRateLimiter({ max: 1, windowMs: 60_000 });
    const keys: string[] = [];
    const recording = {
      consume: async (key: string) => {
        keys.push(key);
        return limiter.consume(key);
      },
      close: async () => {},
    };
    await throttleAuth(recording, 'login', '10.0.0.9', `${'x'.repeat(300)}@example.com`);
    await throttleAuth(recording, 'login', '10.0.0.10', ` Someone@Example.com`);
    expect(keys.every((key) => key.length < 60)).toBe(true);
    expect(keys.filter((key) => key.includes(':email:'))).toHaveLength(2);
  });

  it('are shared through Redis by several API processes', async () => {
    const prefix = `finsight:test:${randomBytes(4).toString('hex')}`;
    const rule = { max: 3, windowMs: 60_000 };
    const redis = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await new Promise((resolve) => redis.once('ready', resolve));
    onTestFinished(() => redis.disconnect());
    const first = await started({ authLimiter: redisRateLimiter(rule, redis, { prefix }) });
    const second = await started({ authLimiter: redisRateLimiter(rule, redis, { prefix }) });
    expect((await failedLogin(first.url, 'shared@example.com')).status).toBe(401);
    expect((await failedLogin(second.url, 'shared@example.com')).status).toBe(401);
    expect((await failedLogin(first.url, 'shared@example.com')).status).toBe(401);
    // The fourth attempt, on the other process, is over the shared limit.
    expect((await failedLogin(second.url, 'shared@example.com')).status).toBe(429);
  });

  it('fall back to counting in memory while Redis is unreachable: logins keep working, limits too', async () => {
    // Nothing listens on this port: every Redis command fails at once.
    const server = await started({ env: { AUTH_RATE_LIMIT: '3/min', REDIS_URL: 'redis://127.0.0.1:1' } });
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await failedLogin(server.url, 'outage@example.com')).status).toBe(401);
    }
    expect((await failedLogin(server.url, 'outage@example.com')).status).toBe(429);
  });

  it('can be switched off for load tests', async () => {
    const server = await started({ env: { AUTH_RATE_LIMIT: 'off' } });
    for (let attempt = 0; attempt < 15; attempt++) {
      expect((await failedLogin(server.url, 'load@example.com')).status).toBe(401);
    }
  });
});
