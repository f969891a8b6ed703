import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  claimsOf,
  expiredAccess,
  type RestUser,
  restUser,
  startTestServer,
  TEST_JWT_SECRET,
  type TestServer,
} from '../testing/server';
import { testTrpcClient } from '../testing/trpc-client';
import { createTokenService } from './jwt';

let server: TestServer;
let victim: RestUser;
let attacker: RestUser;

beforeAll(async () => {
  server = await startTestServer();
  victim = await restUser(server.url, 'victim');
  attacker = await restUser(server.url, 'attacker');
  await call(server.url, 'POST', '/api/finance/categories/', { name: 'Secret' }, victim.access);
});
afterAll(() => server.close());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Every way of presenting a bad credential, as the Authorization header to send (undefined: none). */
function attacks(): [string, () => Promise<string | undefined>][] {
  return [
    ['no header', async () => undefined],
    ['a non-Bearer scheme', async () => `Token ${attacker.access}`],
    ['"Bearer" with no token', async () => 'Bearer'],
    ['a Bearer header with two values', async () => `Bearer ${attacker.access} extra`],
    ['garbage', async () => 'Bearer not.a.jwt'],
    [
      'alg: none',
      async () =>
        `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: String(victim.id), token_type: 'access', exp: now() + 600 })}.`,
    ],
    [
      'a token signed with the wrong key',
      async () =>
        `Bearer ${await new SignJWT({ token_type: 'access' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(String(victim.id))
          .setExpirationTime(now() + 600)
          .sign(new TextEncoder().encode('some-other-secret-of-sufficient-length-000000'))}`,
    ],
    [
      'the right key with another algorithm (HS512)',
      async () =>
        `Bearer ${await new SignJWT({ token_type: 'access' })
          .setProtectedHeader({ alg: 'HS512' })
          .setSubject(String(victim.id))
          .setExpirationTime(now() + 600)
          .sign(new TextEncoder().encode(TEST_JWT_SECRET))}`,
    ],
    ['an expired token', async () => `Bearer ${await expiredAccess(victim.access)}`],
    [
      'a token without an expiry',
      async () =>
        `Bearer ${await new SignJWT({ token_type: 'access', sid: claimsOf(victim.access).sid })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(String(victim.id))
          .setIssuedAt()
          .sign(new TextEncoder().encode(TEST_JWT_SECRET))}`,
    ],
    ...(
      [
        ['with a leading zero', (id: number) => `0${id}`],
        ['as a decimal', (id: number) => `${id}.0`],
        ['with a plus sign', (id: number) => `+${id}`],
        ['with a space', (id: number) => ` ${id}`],
        ['negative', () => '-1'],
        ['beyond an integer id', () => '99999999999'],
      ] as const
    ).map(([label, sub]): [string, () => Promise<string>] => [
      `a subject ${label}`,
      async () =>
        `Bearer ${await new SignJWT({ token_type: 'access', sid: claimsOf(victim.access).sid })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(sub(victim.id))
          .setIssuedAt()
          .setExpirationTime(now() + 600)
          .sign(new TextEncoder().encode(TEST_JWT_SECRET))}`,
    ]),
    [
      'a token of no session',
      async () =>
        `Bearer ${await new SignJWT({ token_type: 'access' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(String(victim.id))
          .setIssuedAt()
          .setExpirationTime(now() + 600)
          .sign(new TextEncoder().encode(TEST_JWT_SECRET))}`,
    ],
    [
      'a token of a session that does not exist',
      async () =>
        `Bearer ${(await createTokenService(TEST_JWT_SECRET).issuePair({ userId: victim.id, sessionId: 2_000_000, generation: 0 })).access}`,
    ],
    [
      'a tampered payload (sub changed to the victim)',
      async () => {
        const [header, payload, signature] = attacker.access.split('.');
        const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
        return `Bearer ${header}.${b64({ ...claims, sub: String(victim.id) })}.${signature}`;
      },
    ],
    ['a refresh token used as an access token', async () => `Bearer ${victim.refresh}`],
  ];
}

describe('token attacks', () => {
  it.each(attacks())('REST refuses %s with 401 {detail}', async (_, header) => {
    const authorization = await header();
    const response = await call(
      server.url,
      'GET',
      '/api/finance/categories/',
      undefined,
      undefined,
      authorization ? { authorization } : {},
    );
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ detail: expect.any(String) });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it.each(attacks())('tRPC refuses %s with UNAUTHORIZED', async (_, header) => {
    const authorization = await header();
    const response = await fetch(`${server.url}/trpc/categories.list`, {
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { data: { code: 'UNAUTHORIZED' } } });
  });

  it('refuses an access token used as a refresh token, in REST and tRPC', async () => {
    expect(await call(server.url, 'POST', '/api/auth/refresh/', { refresh: victim.access })).toMatchObject({
      status: 401,
    });
    const client = testTrpcClient(server.url);
    await expect(client.api.auth.refresh.mutate({ refresh: victim.access })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });

  it('refuses an expired refresh token', async () => {
    const { sid } = claimsOf(victim.refresh);
    const stale = await createTokenService(TEST_JWT_SECRET, () => now() - 8 * 24 * 3600).issuePair({
      userId: victim.id,
      sessionId: sid,
      generation: 0,
    });
    expect(await call(server.url, 'POST', '/api/auth/refresh/', { refresh: stale.refresh })).toMatchObject({
      status: 401,
    });
  });

  it('never lets a valid token reach another user’s data', async () => {
    const mine = await call(server.url, 'GET', '/api/finance/categories/', undefined, attacker.access);
    expect(mine).toMatchObject({ status: 200, body: [] });
  });
});
