import {
  call,
  expiredAccess,
  type RestUser,
  restUser,
  startTestServer,
  type TestServer,
} from '@finsight/api/testing';
import { totpCodeAt } from '@finsight/core';
import { createTRPCClient } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFinsightClient } from './create-client';
import { finsightLinks } from './links';
import type { AppRouter } from './router';
import { memoryTokenStore } from './token-store';

let server: TestServer;
let jane: RestUser;

beforeAll(async () => {
  server = await startTestServer();
  jane = await restUser(server.url, 'jane');
  await call(server.url, 'POST', '/api/finance/categories/', { name: 'Secret' }, jane.access);
});
afterAll(() => server.close());

/** A new session of Jane's, whose access token expired an hour ago, as a client holds it after lunch. */
async function afterLunch() {
  const login = await call(server.url, 'POST', '/api/auth/login/', {
    email: jane.email,
    password: jane.password,
  });
  const { access, refresh } = login.body as { access: string; refresh: string };
  return { access: await expiredAccess(access), refresh };
}

describe('the client with an expired access token', () => {
  it('refreshes once, retries the call and tells the caller the new tokens (the refresh token rotates)', async () => {
    const tokens = await afterLunch();
    const seen: unknown[] = [];
    const client = createFinsightClient({
      url: server.url,
      tokens,
      onTokensChange: (next) => seen.push(next),
    });
    const categories = await client.api.categories.list.query();
    expect(categories.map((c) => c.name)).toEqual(['Secret']);
    expect(seen).toEqual([{ access: expect.any(String), refresh: expect.any(String) }]);
    expect(client.tokens?.access).not.toBe(tokens.access);
    expect(client.tokens?.refresh).not.toBe(tokens.refresh);
    // The next expiry is handled with the new refresh token.
    expect(await client.api.auth.me.query()).toMatchObject({ email: jane.email });
  });

  it('refreshes for the auth procedures that need a token too: me and updateProfile', async () => {
    const client = createFinsightClient({ url: server.url, tokens: await afterLunch() });
    expect((await client.api.auth.me.query()).email).toBe(jane.email);
    const stale = createFinsightClient({ url: server.url, tokens: await afterLunch() });
    expect(await stale.api.auth.updateProfile.mutate({ preferredCurrency: 'EUR' })).toMatchObject({
      preferredCurrency: 'EUR',
    });
  });

  it('shares one refresh between calls made at the same time', async () => {
    let refreshes = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('auth.refresh')) refreshes += 1;
      return fetch(input, init);
    };
    const client = createFinsightClient({
      url: server.url,
      tokens: await afterLunch(),
      batch: false,
      fetch: counting,
    });
    await Promise.all([client.api.auth.me.query(), client.api.categories.list.query()]);
    expect(refreshes).toBe(1);
  });

  it('refreshes once for everything sharing a token store, with a lock (the web app’s tabs)', async () => {
    const store = memoryTokenStore(await afterLunch());
    let locked: Promise<unknown> = Promise.resolve();
    const refreshLock = <Result>(refresh: () => Promise<Result>): Promise<Result> => {
      const turn = locked.then(refresh, refresh);
      locked = turn.catch(() => undefined);
      return turn;
    };
    let refreshes = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('auth.refresh')) refreshes += 1;
      return fetch(input, init);
    };
    // Two tabs: each its own client and links, one store between them.
    const tabs = [1, 2].map(() =>
      createTRPCClient<AppRouter>({
        links: finsightLinks({ url: server.url, tokens: store, refreshLock, fetch: counting, batch: false }),
      }),
    );
    const answers = await Promise.all(tabs.map((tab) => tab.auth.me.query()));
    expect(answers.map((me) => me.email)).toEqual([jane.email, jane.email]);
    expect(refreshes).toBe(1);
    // Had both refreshed with the same token, the second would have ended the session.
    expect(await tabs[0]?.categories.list.query()).toHaveLength(1);
  });

  it('clears the tokens when the refresh is refused, and surfaces UNAUTHORIZED', async () => {
    const seen: unknown[] = [];
    const client = createFinsightClient({
      url: server.url,
      tokens: { ...(await afterLunch()), refresh: 'revoked' },
      onTokensChange: (tokens) => seen.push(tokens),
    });
    await expect(client.api.categories.list.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    expect(seen).toEqual([null]);
  });
});

describe('the client on the procedures that take no access token', () => {
  it('reports wrong credentials at login as they are, without refreshing or dropping the tokens held', async () => {
    const seen: unknown[] = [];
    const tokens = { access: jane.access, refresh: jane.refresh };
    const client = createFinsightClient({
      url: server.url,
      tokens,
      onTokensChange: (next) => seen.push(next),
    });
    await expect(client.login(jane.email, 'not-her-password')).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
      message: 'No active account found with the given credentials',
    });
    expect(seen).toEqual([]);
    expect(client.tokens).toEqual(tokens);
  });

  it('logs in, and logs out on the server: the tokens stop working everywhere', async () => {
    const client = createFinsightClient({ url: server.url });
    expect((await client.login(jane.email, jane.password)).email).toBe(jane.email);
    const held = client.tokens;
    expect(held).toEqual({ access: expect.any(String), refresh: expect.any(String) });
    await client.logout();
    expect(client.tokens).toBeNull();
    await expect(client.api.auth.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    const other = createFinsightClient({ url: server.url, tokens: held });
    await expect(other.api.auth.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it('logs in with a code when the account has two-factor authentication on', async () => {
    const bob = await restUser(server.url, 'bob');
    const setup = await call(server.url, 'POST', '/api/auth/2fa/setup/', undefined, bob.access);
    const { secret } = setup.body as { secret: string };
    await call(
      server.url,
      'POST',
      '/api/auth/2fa/confirm/',
      { code: totpCodeAt(secret, Date.now() - 30_000) },
      bob.access,
    );
    const client = createFinsightClient({ url: server.url });
    await expect(client.login(bob.email, bob.password)).rejects.toThrow(/two-factor/);
    expect((await client.login(bob.email, bob.password, totpCodeAt(secret))).email).toBe(bob.email);
  });

  it('uses a personal API token as it is, never refreshing', async () => {
    const created = await call(
      server.url,
      'POST',
      '/api/auth/tokens/',
      { name: 'script', scope: 'read' },
      jane.access,
    );
    const client = createFinsightClient({
      url: server.url,
      apiToken: (created.body as { token: string }).token,
    });
    expect((await client.api.categories.list.query()).map((c) => c.name)).toEqual(['Secret']);
    await expect(client.api.categories.create.mutate({ name: 'Nope' })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
  });
});
