import {
  call,
  createTokenService,
  type RestUser,
  restUser,
  startTestServer,
  TEST_JWT_SECRET,
  type TestServer,
} from '@finsight/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFinsightClient } from './create-client';

let server: TestServer;
let jane: RestUser;

const now = () => Math.floor(Date.now() / 1000);
/** An access token that expired an hour ago, as a client holds it after a lunch break. */
const expiredAccess = (userId: number) =>
  createTokenService(TEST_JWT_SECRET, () => now() - 3600).signAccess(userId);

beforeAll(async () => {
  server = await startTestServer();
  jane = await restUser(server.url, 'jane');
  await call(server.url, 'POST', '/api/finance/categories/', { name: 'Secret' }, jane.access);
});
afterAll(() => server.close());

describe('the client with an expired access token', () => {
  it('refreshes once, retries the call and tells the caller the new tokens', async () => {
    const expired = await expiredAccess(jane.id);
    const seen: unknown[] = [];
    const client = createFinsightClient({
      url: server.url,
      tokens: { access: expired, refresh: jane.refresh },
      onTokensChange: (tokens) => seen.push(tokens),
    });
    const categories = await client.api.categories.list.query();
    expect(categories.map((c) => c.name)).toEqual(['Secret']);
    expect(seen).toEqual([{ access: expect.any(String), refresh: jane.refresh }]);
    expect(client.tokens?.access).not.toBe(expired);
  });

  it('refreshes for the auth procedures that need a token too: me and updateProfile', async () => {
    const client = createFinsightClient({
      url: server.url,
      tokens: { access: await expiredAccess(jane.id), refresh: jane.refresh },
    });
    expect((await client.api.auth.me.query()).email).toBe(jane.email);
    const stale = createFinsightClient({
      url: server.url,
      tokens: { access: await expiredAccess(jane.id), refresh: jane.refresh },
    });
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
      tokens: { access: await expiredAccess(jane.id), refresh: jane.refresh },
      batch: false,
      fetch: counting,
    });
    await Promise.all([client.api.auth.me.query(), client.api.categories.list.query()]);
    expect(refreshes).toBe(1);
  });

  it('clears the tokens when the refresh is refused, and surfaces UNAUTHORIZED', async () => {
    const seen: unknown[] = [];
    const client = createFinsightClient({
      url: server.url,
      tokens: { access: await expiredAccess(jane.id), refresh: 'revoked' },
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
    const client = createFinsightClient({
      url: server.url,
      tokens: { access: jane.access, refresh: jane.refresh },
      onTokensChange: (tokens) => seen.push(tokens),
    });
    await expect(client.login(jane.email, 'not-her-password')).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
      message: 'No active account found with the given credentials',
    });
    expect(seen).toEqual([]);
    expect(client.tokens).toEqual({ access: jane.access, refresh: jane.refresh });
  });

  it('logs in, keeps the tokens, and forgets them on logout', async () => {
    const client = createFinsightClient({ url: server.url });
    expect((await client.login(jane.email, jane.password)).email).toBe(jane.email);
    expect(client.tokens).toEqual({ access: expect.any(String), refresh: expect.any(String) });
    client.logout();
    expect(client.tokens).toBeNull();
    await expect(client.api.auth.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });
});
