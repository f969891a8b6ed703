import { deleteUserRow } from '@finsight/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadEnv } from '../env';
import {
  call,
  claimsOf,
  type RestUser,
  restUser,
  startTestServer,
  TEST_JWT_SECRET,
  type TestServer,
} from '../testing/server';
import { testTrpcClient } from '../testing/trpc-client';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const categories = (token: string, url = server.url) =>
  call(url, 'GET', '/api/finance/categories/', undefined, token);
const refresh = (token: string) => call(server.url, 'POST', '/api/auth/refresh/', { refresh: token });
const login = (user: RestUser) =>
  call(server.url, 'POST', '/api/auth/login/', { email: user.email, password: user.password });

/** Polls until `check` holds, up to `ms`; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not within ${ms} ms`);
}

describe('refresh tokens rotate, and a used one ends the session', () => {
  it('REST: each refresh token works once; presenting it again ends every token of the session', async () => {
    const jane = await restUser(server.url, 'rotate');
    const first = await refresh(jane.refresh);
    expect(first).toMatchObject({
      status: 200,
      body: { access: expect.any(String), refresh: expect.any(String) },
    });
    const next = first.body as { access: string; refresh: string };
    expect(claimsOf(next.refresh).sid).toBe(claimsOf(jane.refresh).sid);
    expect((await categories(next.access)).status).toBe(200);

    // The old refresh token again: likely stolen. Refused, and the session is over.
    expect(await refresh(jane.refresh)).toMatchObject({
      status: 401,
      body: { detail: 'Token is invalid or expired' },
    });
    expect((await categories(next.access)).status).toBe(401);
    expect((await categories(jane.access)).status).toBe(401);
    expect((await refresh(next.refresh)).status).toBe(401);
  });

  it('tRPC: the same rules', async () => {
    const jane = await restUser(server.url, 'rotate-trpc');
    const client = testTrpcClient(server.url);
    const pair = await client.api.auth.refresh.mutate({ refresh: jane.refresh });
    await expect(client.api.auth.refresh.mutate({ refresh: jane.refresh })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    await expect(testTrpcClient(server.url, pair).api.categories.list.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });
});

describe('logging out', () => {
  it('ends that session at once, in this process, cached tokens included; other sessions go on', async () => {
    const jane = await restUser(server.url, 'logout');
    const phone = (await login(jane)).body as { access: string; refresh: string };
    // Used once, so the access token sits in the verified-token cache.
    expect((await categories(jane.access)).status).toBe(200);
    expect(await call(server.url, 'POST', '/api/auth/logout/', { refresh: jane.refresh })).toMatchObject({
      status: 204,
    });
    expect((await categories(jane.access)).status).toBe(401);
    expect((await refresh(jane.refresh)).status).toBe(401);
    expect((await categories(phone.access)).status).toBe(200);
    // Twice is fine.
    expect((await call(server.url, 'POST', '/api/auth/logout/', { refresh: jane.refresh })).status).toBe(204);
  });

  it('everywhere: every session of the user ends, and no one else’s', async () => {
    const jane = await restUser(server.url, 'logout-all');
    const bob = await restUser(server.url, 'bystander');
    const phone = (await login(jane)).body as { access: string; refresh: string };
    const client = testTrpcClient(server.url, phone);
    expect(await client.api.auth.logoutAll.mutate()).toEqual({ ok: true });
    for (const token of [jane.access, phone.access]) expect((await categories(token)).status).toBe(401);
    expect((await refresh(phone.refresh)).status).toBe(401);
    expect((await categories(bob.access)).status).toBe(200);
    const again = (await login(jane)).body as { access: string };
    expect((await call(server.url, 'POST', '/api/auth/logout/all/', undefined, again.access)).status).toBe(
      204,
    );
    expect((await categories(again.access)).status).toBe(401);
  });
});

describe('the session list', () => {
  it('shows where the user is signed in, marks this session, and ends one on request', async () => {
    const jane = await restUser(server.url, 'sessions');
    const mallory = await restUser(server.url, 'mallory');
    const laptop = (
      await call(
        server.url,
        'POST',
        '/api/auth/login/',
        { email: jane.email, password: jane.password },
        undefined,
        {
          'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
        },
      )
    ).body as { access: string };
    const listed = await call(server.url, 'GET', '/api/auth/sessions/', undefined, laptop.access);
    expect(listed.status).toBe(200);
    const sessions = listed.body as { id: number; user_agent: string; ip_prefix: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    const current = sessions.find((s) => s.current);
    expect(current).toMatchObject({
      id: claimsOf(laptop.access).sid,
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      ip_prefix: '127.0.0.0/24',
      created_at: expect.stringMatching(/Z$/),
      last_used_at: expect.stringMatching(/Z$/),
      expires_at: expect.stringMatching(/Z$/),
    });
    const other = sessions.find((s) => !s.current);
    if (!other) throw new Error('the first session is missing');
    // Not Mallory's to end.
    expect(
      (await call(server.url, 'DELETE', `/api/auth/sessions/${other.id}/`, undefined, mallory.access)).status,
    ).toBe(404);
    expect(
      (await call(server.url, 'DELETE', `/api/auth/sessions/${other.id}/`, undefined, laptop.access)).status,
    ).toBe(204);
    expect((await categories(jane.access)).status).toBe(401);
    const client = testTrpcClient(server.url, { access: laptop.access, refresh: '' });
    expect((await client.api.sessions.list.query()).map((s) => s.current)).toEqual([true]);
    await client.api.sessions.revoke.mutate({ id: claimsOf(laptop.access).sid });
    await expect(client.api.sessions.list.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it('keeps at most 50 sessions: a new login ends the oldest', async () => {
    const jane = await restUser(server.url, 'many');
    for (let n = 1; n < 50; n++) expect((await login(jane)).status).toBe(200);
    expect((await categories(jane.access)).status).toBe(200);
    expect((await login(jane)).status).toBe(200);
    expect((await categories(jane.access)).status).toBe(401);
  });
});

describe('a deleted user', () => {
  it('gets 401 for every token, never a 500, on REST and tRPC', async () => {
    const jane = await restUser(server.url, 'leaver');
    const deleted = await call(
      server.url,
      'DELETE',
      '/api/auth/me/',
      { password: jane.password },
      jane.access,
    );
    expect(deleted.status).toBe(204);
    expect((await categories(jane.access)).status).toBe(401);
    const created = await call(server.url, 'POST', '/api/finance/categories/', { name: 'Food' }, jane.access);
    expect(created.status).toBe(401);
    expect((await refresh(jane.refresh)).status).toBe(401);
    await expect(
      testTrpcClient(server.url, jane).api.categories.create.mutate({ name: 'Food' }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it('gets 401, never a 500, even when the row went behind the API’s back', async () => {
    const jane = await restUser(server.url, 'vanished');
    expect((await categories(jane.access)).status).toBe(200);
    await deleteUserRow(server.database.db, jane.id);
    const created = await call(server.url, 'POST', '/api/finance/categories/', { name: 'Food' }, jane.access);
    expect(created.status).toBe(401);
    await within(5_000, async () => (await categories(jane.access)).status === 401);
  });
});

describe('revocation across API processes', () => {
  async function secondProcess(env: Record<string, string>) {
    const app = await buildApp({
      db: server.database.db,
      env: loadEnv({
        AUTH_RATE_LIMIT: 'off',
        USER_RATE_LIMIT: 'off',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        ...env,
      }),
      jwtSecret: TEST_JWT_SECRET,
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, url };
  }

  it('through Redis: another process refuses an ended session within a second', async () => {
    const redis = { REDIS_URL: 'redis://127.0.0.1:6379' };
    const first = await secondProcess(redis);
    const second = await secondProcess(redis);
    try {
      const jane = await restUser(first.url, 'spread');
      expect((await categories(jane.access, second.url)).status).toBe(200);
      // Give the second process's subscription a moment to be in place.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await call(first.url, 'POST', '/api/auth/logout/', { refresh: jane.refresh });
      expect(
        await within(1_000, async () => (await categories(jane.access, second.url)).status === 401),
      ).toBeLessThan(1_000);
    } finally {
      await first.app.close();
      await second.app.close();
    }
  });

  it('without Redis: within 5 seconds, when the other process next asks the database', async () => {
    const other = await secondProcess({});
    try {
      const jane = await restUser(server.url, 'spread-slowly');
      expect((await categories(jane.access, other.url)).status).toBe(200);
      await call(server.url, 'POST', '/api/auth/logout/', { refresh: jane.refresh });
      expect((await categories(jane.access)).status).toBe(401);
      expect(
        await within(5_000, async () => (await categories(jane.access, other.url)).status === 401),
      ).toBeLessThan(5_000);
    } finally {
      await other.app.close();
    }
  });
});
