import { totpCodeAt } from '@finsight/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type RestUser, restUser, startTestServer, type TestServer } from '../testing/server';
import { testTrpcClient } from '../testing/trpc-client';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { AUTH_RATE_LIMIT: '100/min' } });
});
afterAll(() => server.close());

/** Turns 2FA on over REST, as the web app does; answers the secret and the recovery codes. */
async function enableTwoFactor(user: RestUser) {
  const setup = await call(server.url, 'POST', '/api/auth/2fa/setup/', undefined, user.access);
  expect(setup).toMatchObject({
    status: 200,
    body: {
      secret: expect.stringMatching(/^[A-Z2-7]+$/),
      otpauth_uri: expect.stringMatching(/^otpauth:\/\/totp\//),
    },
  });
  const { secret } = setup.body as { secret: string };
  // A code from the previous 30 seconds, so the login that follows can use the current one.
  const confirmed = await call(
    server.url,
    'POST',
    '/api/auth/2fa/confirm/',
    { code: totpCodeAt(secret, Date.now() - 30_000) },
    user.access,
  );
  expect(confirmed.status).toBe(200);
  return { secret, recoveryCodes: (confirmed.body as { recovery_codes: string[] }).recovery_codes };
}

const login = (user: RestUser) =>
  call(server.url, 'POST', '/api/auth/login/', { email: user.email, password: user.password });

describe('two-factor login over REST', () => {
  it('asks for a code after the password, and gives tokens for a valid one', async () => {
    const jane = await restUser(server.url, 'mfa');
    const { secret } = await enableTwoFactor(jane);
    expect(await call(server.url, 'GET', '/api/auth/2fa/', undefined, jane.access)).toMatchObject({
      body: { enabled: true, recovery_codes_left: 10 },
    });
    const first = await login(jane);
    expect(first).toMatchObject({ status: 200, body: { mfa_required: true, mfa_token: expect.any(String) } });
    expect(first.body).not.toHaveProperty('access');
    const { mfa_token } = first.body as { mfa_token: string };

    const wrong = await call(server.url, 'POST', '/api/auth/login/mfa/', { mfa_token, code: '000000' });
    expect(wrong).toMatchObject({ status: 400, body: { code: [expect.stringContaining('not valid')] } });
    const code = totpCodeAt(secret);
    const done = await call(server.url, 'POST', '/api/auth/login/mfa/', { mfa_token, code });
    expect(done).toMatchObject({
      status: 200,
      body: { access: expect.any(String), refresh: expect.any(String) },
    });
    const { access } = done.body as { access: string };
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, access)).status).toBe(200);
    // A code works once.
    expect((await call(server.url, 'POST', '/api/auth/login/mfa/', { mfa_token, code })).status).toBe(400);
  });

  it('takes each recovery code once, and the step token for nothing else', async () => {
    const jane = await restUser(server.url, 'recovery');
    const { recoveryCodes } = await enableTwoFactor(jane);
    const { mfa_token } = (await login(jane)).body as { mfa_token: string };
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, mfa_token)).status).toBe(
      401,
    );
    expect((await call(server.url, 'POST', '/api/auth/refresh/', { refresh: mfa_token })).status).toBe(401);
    const code = recoveryCodes[0] ?? '';
    expect((await call(server.url, 'POST', '/api/auth/login/mfa/', { mfa_token, code })).status).toBe(200);
    expect((await call(server.url, 'POST', '/api/auth/login/mfa/', { mfa_token, code })).status).toBe(400);
    expect(
      (
        await call(server.url, 'POST', '/api/auth/login/mfa/', {
          mfa_token: 'forged',
          code: recoveryCodes[1],
        })
      ).status,
    ).toBe(401);
  });

  it('limits code attempts: five tries per user in five minutes', async () => {
    const jane = await restUser(server.url, 'guessing');
    const { secret } = await enableTwoFactor(jane);
    const { mfa_token } = (await login(jane)).body as { mfa_token: string };
    for (let guess = 0; guess < 5; guess++) {
      const answer = await call(server.url, 'POST', '/api/auth/login/mfa/', {
        mfa_token,
        code: `00000${guess}`,
      });
      expect(answer.status).toBe(400);
    }
    const limited = await call(server.url, 'POST', '/api/auth/login/mfa/', {
      mfa_token,
      code: totpCodeAt(secret),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('turns off only with the password and a code', async () => {
    const jane = await restUser(server.url, 'off');
    const { recoveryCodes } = await enableTwoFactor(jane);
    const disable = (body: object) => call(server.url, 'POST', '/api/auth/2fa/disable/', body, jane.access);
    expect(await disable({ password: 'wrong', code: recoveryCodes[0] })).toMatchObject({
      status: 400,
      body: { password: expect.any(Array) },
    });
    expect(await disable({ password: jane.password, code: '123456' })).toMatchObject({
      status: 400,
      body: { code: expect.any(Array) },
    });
    expect((await disable({ password: jane.password, code: recoveryCodes[1] })).status).toBe(204);
    expect((await login(jane)).body).toMatchObject({ access: expect.any(String) });
  });
});

describe('two-factor login over tRPC', () => {
  it('answers mfaRequired, then tokens for the code', async () => {
    const jane = await restUser(server.url, 'mfa-trpc');
    const client = testTrpcClient(server.url, jane);
    const setup = await client.api.twoFactor.setup.mutate();
    const { recoveryCodes } = await client.api.twoFactor.confirm.mutate({
      code: totpCodeAt(setup.secret, Date.now() - 30_000),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(await client.api.twoFactor.status.query()).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    const anonymous = testTrpcClient(server.url);
    const first = await anonymous.api.auth.login.mutate({ email: jane.email, password: jane.password });
    if (!first.mfaRequired) throw new Error('2FA was not asked for');
    const tokens = await anonymous.api.auth.loginWithCode.mutate({
      mfaToken: first.mfaToken,
      code: totpCodeAt(setup.secret),
    });
    expect(tokens.user.twoFactorEnabled).toBe(true);
    expect((await testTrpcClient(server.url, tokens).api.auth.me.query()).email).toBe(jane.email);
    const fresh = await client.api.twoFactor.regenerateRecoveryCodes.mutate({ password: jane.password });
    expect(fresh.recoveryCodes).not.toContain(recoveryCodes[0]);
  });
});
