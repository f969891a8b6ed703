import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Database, tables } from '@finsight/core';
import Fastify from 'fastify';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../env';
import { createMailer, type Mailer } from '../mail/mailer';
import { type RestUser, restAs, restUser, startTestServer, type TestServer } from '../testing/server';
import { testTrpcClient } from '../testing/trpc-client';
import { type AlertWorker, createAlertWorker } from './worker';

const PUBLIC_URL = 'https://finsight.example.com';

/** A webhook receiver on this machine: checks every signature, and answers what `answers` says, in turn. */
interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  signatureValid: boolean;
}
const received: Received[] = [];
const secrets = new Map<string, string>();
let answers: number[] = [];
const receiver: Server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    const secret = secrets.get(request.url ?? '') ?? '';
    const timestamp = String(request.headers['x-finsight-timestamp'] ?? '');
    const expected = Buffer.from(
      `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
    );
    const given = Buffer.from(String(request.headers['x-finsight-signature'] ?? ''));
    const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
    received.push({ headers: request.headers, body, signatureValid });
    const status = request.url === '/silent' ? 0 : (answers.shift() ?? 200);
    if (status === 0) return; // never answers
    if (status === 302) response.setHeader('location', 'https://elsewhere.example.com/');
    response.statusCode = status;
    response.end(status >= 400 ? 'receiver is having a bad day' : 'ok');
  });
});

/** An SMTP server on this machine: what finsight sends arrives here, parsed. */
const mails: { to: string; subject: string; text: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        mails.push({
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
let db: Database;
let receiverUrl: string;
let smtpUrl: string;
let mailer: Mailer;
let worker: AlertWorker;
const logLines: string[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  server = await startTestServer({ env: { PUBLIC_URL } });
  db = server.database.db;
  const log = Fastify({
    logger: { level: 'info', stream: { write: (line: string) => void logLines.push(line) } },
  }).log;
  mailer = createMailer({
    smtpUrl,
    from: 'finsight <no-reply@finsight.test>',
    outboxDir: '',
    log,
    logOutboxText: false,
  });
  worker = createAlertWorker({
    db,
    mailer,
    log,
    publicOrigin: () => PUBLIC_URL,
    intervalMs: 60_000,
    checkDelaySeconds: 0,
    webhookTimeoutMs: 500,
  });
});
afterAll(async () => {
  await worker.stop();
  mailer.close();
  await server.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await new Promise<void>((resolve) => smtp.close(resolve));
});

/** An alert as the checks write it, created `agoMinutes` before now. */
async function addAlert(userId: number, message: string, agoMinutes = 0, on: Database = db): Promise<number> {
  const [row] = await on
    .insert(tables.alerts)
    .values({
      userId,
      kind: 'BUDGET_WARNING',
      dedupeKey: `test:${randomBytes(6).toString('hex')}`,
      message,
      link: '/budgets?month=2026-12',
      data: { percent: 80, category_name: 'Groceries' },
      ...(agoMinutes > 0 && { createdAt: new Date(Date.now() - agoMinutes * 60_000).toISOString() }),
    })
    .returning({ id: tables.alerts.id });
  if (!row) throw new Error('no alert inserted');
  return row.id;
}

/** A statement as an operator would type it in psql (the tests' clock: moving times back). */
const run = (statement: string) => db.execute(statement);

/** Sets a user's webhook to a path of the receiver; the receiver learns the secret to check signatures with. */
async function webhookFor(user: RestUser, path: string) {
  const set = await restAs(server.url, user).patch('/api/finance/notifications/', {
    webhook_url: `${receiverUrl}${path}`,
  });
  expect(set.status).toBe(200);
  const secret = (set.body as { webhook_secret: string }).webhook_secret;
  secrets.set(path, secret);
  return secret;
}

const deliveriesOf = async (user: RestUser) =>
  (await restAs(server.url, user).get('/api/finance/notifications/deliveries/')).body as {
    count: number;
    results: Record<string, unknown>[];
  };

describe('ALERT_WORKER', () => {
  it('is on by default, every 30 s, and says what is wrong with a bad value', () => {
    expect(loadEnv({})).toMatchObject({ ALERT_WORKER: true, ALERT_WORKER_INTERVAL: 30 });
    expect(loadEnv({ ALERT_WORKER: 'off', ALERT_WORKER_INTERVAL: '5' })).toMatchObject({
      ALERT_WORKER: false,
      ALERT_WORKER_INTERVAL: 5,
    });
    expect(() => loadEnv({ ALERT_WORKER: 'maybe' })).toThrow(/ALERT_WORKER: must be "on" or "off"/);
    expect(() => loadEnv({ ALERT_WORKER_INTERVAL: '0' })).toThrow(/ALERT_WORKER_INTERVAL/);
  });
});

describe('the settings endpoints', () => {
  it('refuse bad input field by field, in the wire names', async () => {
    const user = await restUser(server.url, 'settings');
    const api = restAs(server.url, user);
    expect(
      await api.patch('/api/finance/notifications/', {
        webhook_url: 'http://example.com/',
        email_digest: 'yes',
      }),
    ).toMatchObject({
      status: 400,
      body: { webhook_url: [expect.stringContaining('https://')], email_digest: expect.any(Array) },
    });
    expect(
      await api.patch('/api/finance/notifications/', { webhook_url: 'https://169.254.169.254/' }),
    ).toMatchObject({
      status: 400,
      body: { webhook_url: [expect.stringContaining('Private')] },
    });
    expect(await api.post('/api/finance/notifications/rotate-secret/', undefined)).toMatchObject({
      status: 409,
      body: { detail: expect.stringContaining('set a webhook URL first') },
    });
    expect((await api.get('/api/finance/notifications/deliveries/?limit=0')).status).toBe(400);
  });

  it('take back what a GET gave, and show the secret only when it is made', async () => {
    const user = await restUser(server.url, 'settings');
    const api = restAs(server.url, user);
    const set = await api.patch('/api/finance/notifications/', { webhook_url: `${receiverUrl}/x` });
    const secret = (set.body as { webhook_secret: string }).webhook_secret;
    const read = await api.get('/api/finance/notifications/');
    expect(read.body).not.toHaveProperty('webhook_secret');
    // The whole GET sent back, the digest switched on: nothing else changes, and no secret is shown.
    const again = await api.patch('/api/finance/notifications/', {
      ...(read.body as object),
      email_digest: true,
      webhook_secret: 'whsec_made-up',
    });
    expect(again).toMatchObject({ status: 200, body: { email_digest: true, webhook_secret_set: true } });
    expect(again.body).not.toHaveProperty('webhook_secret');
    const rotated = await api.post('/api/finance/notifications/rotate-secret/', undefined);
    expect(rotated).toMatchObject({
      status: 200,
      body: { webhook_secret: expect.stringMatching(/^whsec_/) },
    });
    expect((rotated.body as { webhook_secret: string }).webhook_secret).not.toBe(secret);
  });

  it('answer the same through tRPC', async () => {
    const client = testTrpcClient(server.url);
    const user = await restUser(server.url, 'trpc');
    client.use({ access: user.access, refresh: user.refresh });
    expect(await client.api.notifications.get.query()).toEqual({
      emailDigest: false,
      webhookUrl: null,
      webhookSecretSet: false,
      webhookSince: null,
      lastDigestAt: null,
    });
    const changed = await client.api.notifications.update.mutate({ webhookUrl: `${receiverUrl}/t` });
    expect(changed.webhookSecret).toMatch(/^whsec_/);
    expect((await client.api.notifications.rotateSecret.mutate()).webhookSecret).toMatch(/^whsec_/);
    await addAlert(user.id, 'paged', 0);
    await addAlert(user.id, 'paged too', 0);
    await worker.tick();
    const page = await client.api.notifications.deliveries.query({ limit: 1 });
    expect(page.count).toBe(2);
    const rest = (await restAs(server.url, user).get('/api/finance/notifications/deliveries/?limit=1'))
      .body as {
      next: string | null;
      results: { id: number }[];
    };
    expect(rest.next).toBe(`${PUBLIC_URL}/api/finance/notifications/deliveries/?limit=1&offset=1`);
    expect(rest.results[0]?.id).toBe(page.results[0]?.id);
  });
});

describe('webhooks', () => {
  it('are signed, retried after a 500 with backoff, and logged as delivered on the second attempt', async () => {
    const jane = await restUser(server.url, 'hook');
    const secret = await webhookFor(jane, '/jane');
    expect(secret).toMatch(/^whsec_/);
    const read = await restAs(server.url, jane).get('/api/finance/notifications/');
    expect(read.body).toEqual({
      email_digest: false,
      webhook_url: `${receiverUrl}/jane`,
      webhook_secret_set: true,
      webhook_since: expect.any(String),
      last_digest_at: null,
    });

    const alertId = await addAlert(jane.id, 'Groceries reached 80 % of its budget');
    received.length = 0;
    answers = [500, 200];
    await worker.tick();
    expect(received).toHaveLength(1);
    const [first] = received;
    expect(first?.signatureValid).toBe(true);
    expect(first?.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'finsight-webhooks',
      'x-finsight-delivery': expect.stringMatching(/^\d+$/),
    });
    expect(Math.abs(Number(first?.headers['x-finsight-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(JSON.parse(first?.body ?? '{}')).toEqual({
      id: alertId,
      kind: 'BUDGET_WARNING',
      message: 'Groceries reached 80 % of its budget',
      link: `${PUBLIC_URL}/budgets?month=2026-12`,
      data: { percent: 80, category_name: 'Groceries' },
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
    });
    expect((await deliveriesOf(jane)).results[0]).toMatchObject({
      alert: alertId,
      channel: 'WEBHOOK',
      status: 'PENDING',
      attempts: 1,
      response_status: 500,
      error: 'HTTP 500: receiver is having a bad day',
      next_attempt_at: expect.any(String),
    });

    // Not due again for 30 s: a tick now sends nothing. Then the clock "moves on".
    await worker.tick();
    expect(received).toHaveLength(1);
    await run(`UPDATE alert_deliveries SET next_attempt_at = now() WHERE user_id = ${jane.id}`);
    await worker.tick();
    expect(received).toHaveLength(2);
    expect(received[1]?.signatureValid).toBe(true);
    expect(received[1]?.headers['x-finsight-delivery']).toBe(first?.headers['x-finsight-delivery']);

    const log = await deliveriesOf(jane);
    expect(log.count).toBe(1);
    expect(log.results[0]).toMatchObject({
      alert: alertId,
      channel: 'WEBHOOK',
      status: 'DELIVERED',
      target: `${receiverUrl}/jane`,
      attempts: 2,
      response_status: 200,
      error: null,
      next_attempt_at: null,
      delivered_at: expect.any(String),
    });
  });

  it('log a redirect, a refused connection and a silent receiver as failures to retry', async () => {
    const sam = await restUser(server.url, 'hooks');
    await webhookFor(sam, '/sam');
    await addAlert(sam.id, 'first');
    answers = [302];
    await worker.tick();
    expect((await deliveriesOf(sam)).results[0]).toMatchObject({
      status: 'PENDING',
      response_status: 302,
      error: 'HTTP 302: redirects are not followed',
    });

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const ann = await restUser(server.url, 'hooks');
    await restAs(server.url, ann).patch('/api/finance/notifications/', {
      webhook_url: `http://127.0.0.1:${closedPort}/gone`,
    });
    await addAlert(ann.id, 'nobody listens');

    const tom = await restUser(server.url, 'hooks');
    await webhookFor(tom, '/silent');
    await addAlert(tom.id, 'nobody answers');
    await worker.tick();
    expect((await deliveriesOf(ann)).results[0]).toMatchObject({
      status: 'PENDING',
      response_status: null,
      error: expect.stringContaining('ECONNREFUSED'),
    });
    expect((await deliveriesOf(tom)).results[0]).toMatchObject({
      status: 'PENDING',
      response_status: null,
      error: 'No answer within 0.5 s.',
    });
  });

  it('are not sent for alerts from before the webhook was set', async () => {
    const old = await restUser(server.url, 'hooks');
    await addAlert(old.id, 'long ago', 60);
    await webhookFor(old, '/old');
    await worker.tick();
    expect((await deliveriesOf(old)).count).toBe(0);
  });
});

describe('the daily digest', () => {
  it('arrives by mail with the alerts of the day and their links, and is logged', async () => {
    const jane = await restUser(server.url, 'digest');
    const on = await restAs(server.url, jane).patch('/api/finance/notifications/', { email_digest: true });
    expect(on.body).toMatchObject({ email_digest: true, last_digest_at: expect.any(String) });
    // Turned on two hours ago; one alert from before, two since.
    await run(`UPDATE notification_settings SET last_digest_at = now() - interval '2 hours'
      WHERE user_id = ${jane.id}`);
    await addAlert(jane.id, 'From before the digest was on', 180);
    await addAlert(jane.id, 'Groceries reached 80 % of its budget', 90);
    await addAlert(jane.id, 'Rent is over its budget', 60);
    await worker.tick();
    for (let wait = 0; wait < 50 && !mails.some((mail) => mail.to === jane.email); wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const mail = mails.find((entry) => entry.to === jane.email);
    expect(mail?.subject).toBe('finsight: 2 new alerts');
    expect(mail?.text).toContain('Groceries reached 80 % of its budget');
    expect(mail?.text).toContain('Rent is over its budget');
    expect(mail?.text).not.toContain('From before');
    expect(mail?.text).toContain(`${PUBLIC_URL}/budgets?month=2026-12`);
    expect(mail?.text).toContain(`${PUBLIC_URL}/settings`);
    expect((await deliveriesOf(jane)).results).toMatchObject([
      { alert: null, channel: 'EMAIL', status: 'DELIVERED', target: jane.email, attempts: 1 },
    ]);
    // Once a day: the next tick sends nothing more.
    await worker.tick();
    expect(mails.filter((entry) => entry.to === jane.email)).toHaveLength(1);
  });
});

describe('alert checks', () => {
  it('run for the users who asked, and a user whose checks fail waits before the next try', async () => {
    const ok = await restUser(server.url, 'checks');
    const broken = await restUser(server.url, 'checks');
    await run(`UPDATE users SET time_zone = 'Mars/Base' WHERE id = ${broken.id}`);
    await run(`INSERT INTO alert_check_requests (user_id) VALUES (${ok.id}), (${broken.id})`);
    const first = await worker.tick();
    expect(first.checks).toMatchObject({ checked: 1, failed: 1 });
    expect(logLines.join('')).toContain('alert checks failed');
    const second = await worker.tick();
    expect(second.checks).toMatchObject({ checked: 0, failed: 0 });
  });
});

describe('the worker in the server', () => {
  it('runs when ALERT_WORKER is on, and stops with the server', async () => {
    const running = await startTestServer({
      env: { ALERT_WORKER: 'on', ALERT_WORKER_INTERVAL: '1', PUBLIC_URL },
    });
    try {
      const user = await restUser(running.url, 'loop');
      const set = await restAs(running.url, user).patch('/api/finance/notifications/', {
        webhook_url: `${receiverUrl}/loop`,
      });
      secrets.set('/loop', (set.body as { webhook_secret: string }).webhook_secret);
      await addAlert(user.id, 'Fuel is unusually high', 0, running.database.db);
      for (
        let wait = 0;
        wait < 100 && !received.some((r) => r.body.includes('Fuel is unusually high'));
        wait++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const hook = received.find((r) => r.body.includes('Fuel is unusually high'));
      expect(hook?.signatureValid).toBe(true);
    } finally {
      await running.close();
    }
  });
});
