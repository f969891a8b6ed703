import { todayIn } from '@finsight/core';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, claimsOf, type RestUser, restUser, startTestServer, type TestServer } from '../testing/server';
import { testTrpcClient } from '../testing/trpc-client';

/** A real SMTP server in this process: what finsight sends arrives here as parsed mail. */
const received: { to: string; subject: string; text: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
        });
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});

let server: TestServer;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const address = smtp.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server = await startTestServer({
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'finsight <no-reply@finsight.test>' },
    useRealMailer: true,
  });
});
afterAll(async () => {
  await server.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

const login = (user: { email: string }, password: string) =>
  call(server.url, 'POST', '/api/auth/login/', { email: user.email, password });

async function mailTo(email: string) {
  await server.app.finsight.background.drain();
  for (let wait = 0; wait < 50 && !received.some((mail) => mail.to === email); wait++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return received.filter((mail) => mail.to === email);
}

describe('the profile', () => {
  it('is read and changed at /api/auth/me/, and the time zone decides "this month"', async () => {
    const jane = await restUser(server.url, 'profile');
    expect(await call(server.url, 'GET', '/api/auth/me/', undefined, jane.access)).toMatchObject({
      status: 200,
      body: { id: jane.id, email: jane.email, currency: 'USD', time_zone: 'UTC', two_factor_enabled: false },
    });
    const changed = await call(
      server.url,
      'PATCH',
      '/api/auth/me/',
      { currency: 'eur', time_zone: 'Pacific/Kiritimati', username: 'jane_the_saver' },
      jane.access,
    );
    expect(changed).toMatchObject({
      status: 200,
      body: { currency: 'EUR', time_zone: 'Pacific/Kiritimati', username: 'jane_the_saver' },
    });
    const summary = await call(server.url, 'GET', '/api/finance/summary/', undefined, jane.access);
    const month = todayIn('Pacific/Kiritimati').slice(0, 7);
    expect(summary.body).toMatchObject({ year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) });
    const bad = await call(
      server.url,
      'PATCH',
      '/api/auth/me/',
      { time_zone: 'Mars/Base', currency: 'XX' },
      jane.access,
    );
    expect(bad).toMatchObject({
      status: 400,
      body: { time_zone: expect.any(Array), currency: expect.any(Array) },
    });
    const client = testTrpcClient(server.url, jane);
    expect(await client.api.auth.updateProfile.mutate({ timeZone: 'Europe/Berlin' })).toMatchObject({
      timeZone: 'Europe/Berlin',
      preferredCurrency: 'EUR',
    });
  });
});

describe('changing the password', () => {
  it('needs the old one, keeps this client signed in with fresh tokens, and ends every other session', async () => {
    const jane = await restUser(server.url, 'changer');
    const phone = (await login(jane, jane.password)).body as { access: string };
    const wrong = await call(
      server.url,
      'POST',
      '/api/auth/password/change/',
      { old_password: 'nope', new_password: 'amber-lantern-77' },
      jane.access,
    );
    expect(wrong).toMatchObject({
      status: 400,
      body: { old_password: [expect.stringContaining('incorrectly')] },
    });
    const weak = await call(
      server.url,
      'POST',
      '/api/auth/password/change/',
      { old_password: jane.password, new_password: 'password1' },
      jane.access,
    );
    expect(weak).toMatchObject({
      status: 400,
      body: { new_password: expect.arrayContaining(['This password is too common.']) },
    });
    const changed = await call(
      server.url,
      'POST',
      '/api/auth/password/change/',
      { old_password: jane.password, new_password: 'amber-lantern-77' },
      jane.access,
    );
    expect(changed).toMatchObject({
      status: 200,
      body: { access: expect.any(String), refresh: expect.any(String) },
    });
    const fresh = changed.body as { access: string };
    expect(claimsOf(fresh.access).sid).not.toBe(claimsOf(jane.access).sid);
    for (const old of [jane.access, phone.access]) {
      expect((await call(server.url, 'GET', '/api/auth/me/', undefined, old)).status).toBe(401);
    }
    expect((await call(server.url, 'GET', '/api/auth/me/', undefined, fresh.access)).status).toBe(200);
    expect((await login(jane, jane.password)).status).toBe(401);
    expect((await login(jane, 'amber-lantern-77')).status).toBe(200);
  });
});

describe('resetting a forgotten password, by mail', () => {
  it('mails a single-use link; following it sets the password and ends every session', async () => {
    const jane = await restUser(server.url, 'forgetful');
    const asked = await call(server.url, 'POST', '/api/auth/password/reset/', {
      email: jane.email.toUpperCase(),
    });
    expect(asked).toMatchObject({ status: 202, body: { detail: 'Password reset e-mail has been sent.' } });
    const [mail] = await mailTo(jane.email);
    expect(mail?.subject).toBe('Reset your finsight password');
    const link = /http:\/\/\S+\/reset-password\?token=(\S+)/.exec(mail?.text ?? '');
    expect(link?.[0].startsWith(server.url)).toBe(true);
    const token = decodeURIComponent(link?.[1] ?? '');

    const confirm = (new_password: string) =>
      call(server.url, 'POST', '/api/auth/password/reset/confirm/', { token, new_password });
    expect(await confirm('12345678')).toMatchObject({
      status: 400,
      body: { new_password: expect.any(Array) },
    });
    expect(await confirm('amber-lantern-77')).toMatchObject({
      status: 200,
      body: { detail: 'Password has been reset with the new password.' },
    });
    expect((await call(server.url, 'GET', '/api/auth/me/', undefined, jane.access)).status).toBe(401);
    expect((await login(jane, 'amber-lantern-77')).status).toBe(200);
    expect(await confirm('another-fine-phrase-7')).toMatchObject({
      status: 400,
      body: { token: expect.any(Array) },
    });
  });

  it('answers an unknown email exactly like a known one, and sends nothing', async () => {
    const known = await restUser(server.url, 'known');
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let round = 0; round < 5; round++) {
      for (const [kind, email] of [
        ['known', known.email],
        ['unknown', `nobody${round}@example.com`],
      ] as const) {
        const started = performance.now();
        const answer = await call(server.url, 'POST', '/api/auth/password/reset/', { email });
        times[kind].push(performance.now() - started);
        expect(answer).toMatchObject({
          status: 202,
          body: { detail: 'Password reset e-mail has been sent.' },
        });
      }
    }
    // The work (lookup, token, mail) happens after the answer: both answer in the time of a validation.
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2] ?? 0;
    expect(Math.abs(median(times.known) - median(times.unknown))).toBeLessThan(15);
    expect(await mailTo('nobody0@example.com')).toEqual([]);
    expect((await mailTo(known.email)).length).toBe(5);
  });
});

describe('the account’s data', () => {
  it('exports everything as JSON, which loads into a fresh account and exports the same', async () => {
    const jane = await restUser(server.url, 'exporter');
    const demo = await call(server.url, 'POST', '/api/finance/demo/', { months: 3 }, jane.access);
    expect(demo).toMatchObject({ status: 201, body: { transactions: expect.any(Number) } });
    const exported = await fetch(`${server.url}/api/auth/me/export/`, {
      headers: { authorization: `Bearer ${jane.access}` },
    });
    expect(exported.headers.get('content-disposition')).toMatch(
      /^attachment; filename="finsight-export-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(exported.headers.get('cache-control')).toBe('no-store');
    type Export = {
      format: string;
      profile: { email: string };
      transactions: {
        id: number;
        category: number;
        type: string;
        amount: string;
        date: string;
        note: string;
      }[];
      categories: { id: number; name: string }[];
    };
    const data = (await exported.json()) as Export;
    expect(data).toMatchObject({ format: 'finsight-export', version: 1, profile: { email: jane.email } });
    expect(data.transactions).toHaveLength((demo.body as { transactions: number }).transactions);

    // Loaded into a fresh account through the public API...
    const copy = await restUser(server.url, 'importer');
    const ids = new Map<number, number>();
    for (const category of data.categories) {
      const created = await call(
        server.url,
        'POST',
        '/api/finance/categories/',
        { name: category.name },
        copy.access,
      );
      ids.set(category.id, (created.body as { id: number }).id);
    }
    for (const t of [...data.transactions].reverse()) {
      const created = await call(
        server.url,
        'POST',
        '/api/finance/transactions/',
        { category: ids.get(t.category), type: t.type, amount: t.amount, date: t.date, note: t.note },
        copy.access,
      );
      expect(created.status).toBe(201);
    }
    // ...it exports the same books.
    const again = (await (
      await fetch(`${server.url}/api/auth/me/export/`, {
        headers: { authorization: `Bearer ${copy.access}` },
      })
    ).json()) as Export;
    const books = (e: Export) => {
      const names = new Map(e.categories.map((c) => [c.id, c.name]));
      return {
        categories: e.categories.map((c) => c.name).sort(),
        transactions: e.transactions
          .map((t) => `${t.date} ${names.get(t.category)} ${t.type} ${t.amount} ${t.note}`)
          .sort(),
      };
    };
    expect(books(again)).toEqual(books(data));
  });

  it('takes the demo data out again, or empties the account keeping the login', async () => {
    const jane = await restUser(server.url, 'tryout');
    await call(server.url, 'POST', '/api/finance/demo/', { months: 2 }, jane.access);
    const food = await call(server.url, 'POST', '/api/finance/categories/', { name: 'My own' }, jane.access);
    const removed = await call(server.url, 'DELETE', '/api/finance/demo/', undefined, jane.access);
    expect(removed).toMatchObject({
      status: 200,
      body: { transactions: expect.any(Number), categories: expect.any(Number) },
    });
    expect(
      (await call(server.url, 'GET', '/api/finance/transactions/', undefined, jane.access)).body,
    ).toEqual([]);
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, jane.access)).body).toEqual([
      food.body,
    ]);

    const client = testTrpcClient(server.url, jane);
    await client.api.demo.load.mutate({ months: 1 });
    await expect(client.api.auth.resetData.mutate({ password: 'wrong' })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', fieldErrors: { password: expect.any(Array) } },
    });
    const reset = await call(
      server.url,
      'POST',
      '/api/auth/me/reset/',
      { password: jane.password },
      jane.access,
    );
    expect(reset).toMatchObject({ status: 200 });
    expect((await call(server.url, 'GET', '/api/finance/categories/', undefined, jane.access)).body).toEqual(
      [],
    );
    expect((await call(server.url, 'GET', '/api/auth/me/', undefined, jane.access)).status).toBe(200);
  });

  it('deletes the account for the password, and nothing is left', async () => {
    const jane: RestUser = await restUser(server.url, 'goodbye');
    await call(server.url, 'POST', '/api/finance/categories/', { name: 'Food' }, jane.access);
    const refused = await call(server.url, 'DELETE', '/api/auth/me/', { password: 'wrong' }, jane.access);
    expect(refused).toMatchObject({ status: 400, body: { password: expect.any(Array) } });
    expect(
      (await call(server.url, 'DELETE', '/api/auth/me/', { password: jane.password }, jane.access)).status,
    ).toBe(204);
    expect((await login(jane, jane.password)).status).toBe(401);
    expect((await call(server.url, 'GET', '/api/auth/me/', undefined, jane.access)).status).toBe(401);
  });
});
