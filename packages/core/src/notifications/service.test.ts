import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import {
  claimWebhookDeliveries,
  enqueueWebhookDeliveries,
  recordDeliveryOutcome,
  retryDelaySeconds,
} from './deliveries';
import { DIGEST_MAX_ALERTS, sendDueDigests } from './digests';
import { type AlertDigest, DELIVERY_MAX_ATTEMPTS, hostKind, webhookUrlProblem } from './schemas';
import {
  getNotificationSettings,
  listDeliveries,
  rotateWebhookSecret,
  updateNotificationSettings,
} from './service';

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

/** An alert as the checks write it, created `ago` before now (an SQL interval). */
async function addAlert(userId: number, message: string, ago = '0 seconds'): Promise<number> {
  const [row] = rowsOf<{ id: number }>(
    await db.execute(sql`INSERT INTO alerts (user_id, kind, dedupe_key, message, link, data, created_at)
      VALUES (${userId}, 'BUDGET_WARNING', ${`test:${randomBytes(6).toString('hex')}`}, ${message},
              '/budgets?month=2026-12', '{"percent": 80}', now() - ${ago}::interval)
      RETURNING id`),
  );
  if (!row) throw new Error('no alert inserted');
  return row.id;
}

async function deliveryRows(userId: number) {
  return rowsOf<{
    id: number;
    alert_id: number | null;
    channel: string;
    status: string;
    attempts: number;
    error: string | null;
    wait: number | null;
  }>(
    await db.execute(sql`SELECT id, alert_id, channel::text AS channel, status::text AS status, attempts, error,
        round(extract(epoch FROM next_attempt_at - last_attempt_at))::integer AS wait
      FROM alert_deliveries WHERE user_id = ${userId} ORDER BY id`),
  );
}

/** Every queued webhook delivery of other tests' users is done with, so a claim sees only this test's. */
async function settleOtherDeliveries() {
  await db.execute(sql`UPDATE alert_deliveries SET status = 'FAILED' WHERE status = 'PENDING'`);
}

describe('webhook URLs', () => {
  it.each([
    ['https://hooks.example.com/finsight', null],
    ['http://localhost:8080/hook', null],
    ['http://127.0.0.1:9000/', null],
    ['http://[::1]:3000/x', null],
    ['https://93.184.216.34/hook', null],
    ['http://hooks.example.com/finsight', /https/],
    ['ftp://example.com/', /valid URL/],
    ['not a url', /valid URL/],
    ['https://user:pass@example.com/', /user name or password/],
    ['https://10.1.2.3/', /Private/],
    ['https://192.168.0.10/', /Private/],
    ['https://172.20.0.1/', /Private/],
    ['https://169.254.169.254/latest/meta-data', /Private/],
    ['https://100.64.0.1/', /Private/],
    ['https://0.0.0.0/', /Private/],
    ['https://[fd00::1]/', /Private/],
    ['https://[fe80::1]/', /Private/],
    ['https://[::ffff:10.0.0.1]/', /Private/],
    ['https://0x0a.0.0.1/', /Private/],
  ])('%s → %s', (url, problem) => {
    const found = webhookUrlProblem(url);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it('classify resolved addresses too', () => {
    expect(hostKind('127.0.0.53')).toBe('loopback');
    expect(hostKind('::1')).toBe('loopback');
    expect(hostKind('::ffff:7f00:1')).toBe('loopback');
    expect(hostKind('10.0.0.1')).toBe('private');
    expect(hostKind('fc00::5')).toBe('private');
    expect(hostKind('2606:4700::1111')).toBe('public');
    expect(hostKind('hooks.example.com')).toBe('public');
  });
});

describe('notification settings', () => {
  it('are all off until the user turns something on', async () => {
    const user = await createUser(db);
    expect(await getNotificationSettings(db, user.id)).toEqual({
      emailDigest: false,
      webhookUrl: null,
      webhookSecretSet: false,
      webhookSince: null,
      lastDigestAt: null,
    });
    const changed = await updateNotificationSettings(db, user.id, { emailDigest: true });
    expect(changed).toMatchObject({ emailDigest: true, webhookUrl: null, lastDigestAt: expect.any(String) });
    expect(changed).not.toHaveProperty('webhookSecret');
  });

  it('show a webhook secret once, when the URL is set or changed or the secret rotated', async () => {
    const user = await createUser(db);
    const set = await updateNotificationSettings(db, user.id, {
      webhookUrl: ' https://Hooks.Example.com/finsight ',
    });
    expect(set).toMatchObject({
      webhookUrl: 'https://hooks.example.com/finsight',
      webhookSecretSet: true,
      webhookSince: expect.stringMatching(/Z$/),
      webhookSecret: expect.stringMatching(/^whsec_[\w-]{43}$/),
    });
    const read = await getNotificationSettings(db, user.id);
    expect(read).toMatchObject({ webhookUrl: 'https://hooks.example.com/finsight', webhookSecretSet: true });
    expect(JSON.stringify(read)).not.toContain('whsec_');

    // The same URL again (a GET-modify-PATCH round trip) keeps the secret.
    const same = await updateNotificationSettings(db, user.id, {
      webhookUrl: 'https://hooks.example.com/finsight',
      emailDigest: false,
    });
    expect(same).not.toHaveProperty('webhookSecret');
    const moved = await updateNotificationSettings(db, user.id, { webhookUrl: 'https://other.example.com/' });
    expect(moved.webhookSecret).toMatch(/^whsec_/);
    expect(moved.webhookSecret).not.toBe(set.webhookSecret);

    const rotated = await rotateWebhookSecret(db, user.id);
    expect(rotated.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.webhookSecret).not.toBe(moved.webhookSecret);
    const [stored] = rowsOf<{ webhook_secret: string }>(
      await db.execute(sql`SELECT webhook_secret FROM notification_settings WHERE user_id = ${user.id}`),
    );
    expect(stored?.webhook_secret).toBe(rotated.webhookSecret);

    const removed = await updateNotificationSettings(db, user.id, { webhookUrl: null });
    expect(removed).toMatchObject({ webhookUrl: null, webhookSecretSet: false, webhookSince: null });
    await expect(rotateWebhookSecret(db, user.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuse bad input with field errors', async () => {
    const user = await createUser(db);
    await expect(
      updateNotificationSettings(db, user.id, {
        webhookUrl: 'http://example.com/',
        emailDigest: 'yes' as never,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { webhookUrl: [expect.stringContaining('https')], emailDigest: expect.any(Array) },
    });
    await expect(
      updateNotificationSettings(db, user.id, { webhookUrl: 'https://192.168.1.1/' }),
    ).rejects.toMatchObject({ fieldErrors: { webhookUrl: [expect.stringContaining('Private')] } });
    await expect(updateNotificationSettings(db, user.id, { extra: 1 } as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await getNotificationSettings(db, user.id)).toMatchObject({ webhookUrl: null });
  });
});

describe('webhook deliveries', () => {
  it('are queued for the alerts created since the webhook was set, once each, a batch at a time', async () => {
    const user = await createUser(db);
    const before = await addAlert(user.id, 'before the webhook');
    await db.execute(sql`UPDATE alerts SET created_at = now() - interval '1 hour' WHERE id = ${before}`);
    await updateNotificationSettings(db, user.id, { webhookUrl: 'https://hooks.example.com/a' });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await addAlert(user.id, `alert ${i}`));
    const other = await createUser(db);
    await addAlert(other.id, 'a user without a webhook');

    let queued = 0;
    for (const expected of [2, 2, 1, 0]) {
      const count = await enqueueWebhookDeliveries(db, { batch: 2 });
      expect(count).toBe(expected);
      queued += count;
    }
    // Other tests' users may have alerts queued in the same batches; this user's five are all there once.
    await enqueueWebhookDeliveries(db, { batch: 1000 });
    const rows = await deliveryRows(user.id);
    expect(queued).toBeGreaterThan(0);
    expect(rows.map((row) => row.alert_id)).toEqual(ids);
    expect(rows.every((row) => row.channel === 'WEBHOOK' && row.status === 'PENDING')).toBe(true);
    expect(await deliveryRows(other.id)).toEqual([]);
  });

  it('are claimed by one worker at a time, with the payload and the current secret', async () => {
    await settleOtherDeliveries();
    const user = await createUser(db);
    const { webhookSecret } = await updateNotificationSettings(db, user.id, {
      webhookUrl: 'https://hooks.example.com/b',
    });
    for (let i = 0; i < 4; i++) await addAlert(user.id, `claim ${i}`);
    await enqueueWebhookDeliveries(db, { batch: 1000 });

    const [first, second] = await Promise.all([
      claimWebhookDeliveries(db, { batch: 3 }),
      claimWebhookDeliveries(db, { batch: 3 }),
    ]);
    const claimed = [...(first ?? []), ...(second ?? [])];
    expect(claimed).toHaveLength(4);
    expect(new Set(claimed.map((job) => job.deliveryId)).size).toBe(4);
    expect(Math.max(first?.length ?? 0, second?.length ?? 0)).toBeLessThanOrEqual(3);
    expect(claimed[0]).toMatchObject({
      userId: user.id,
      target: 'https://hooks.example.com/b',
      url: 'https://hooks.example.com/b',
      secret: webhookSecret,
      attempt: 1,
      alert: {
        kind: 'BUDGET_WARNING',
        message: expect.stringMatching(/^claim /),
        link: '/budgets?month=2026-12',
        data: { percent: 80 },
        createdAt: expect.stringMatching(/Z$/),
      },
    });
    // Leased: nobody else takes them while they are being sent.
    expect(await claimWebhookDeliveries(db)).toEqual([]);
  });

  it('are retried after 30 s, 2 min, 10 min, 1 h and 6 h, and fail after the sixth attempt', async () => {
    expect([1, 2, 3, 4, 5, 6].map(retryDelaySeconds)).toEqual([30, 120, 600, 3600, 21_600, null]);
    expect(DELIVERY_MAX_ATTEMPTS).toBe(6);
    await settleOtherDeliveries();
    const user = await createUser(db);
    await updateNotificationSettings(db, user.id, { webhookUrl: 'https://hooks.example.com/c' });
    await addAlert(user.id, 'flaky receiver');
    await enqueueWebhookDeliveries(db, { batch: 1000 });

    const waits: (number | null)[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const [job] = await claimWebhookDeliveries(db);
      expect(job?.attempt).toBe(attempt);
      await recordDeliveryOutcome(db, job?.userId ?? 0, job?.deliveryId ?? 0, {
        delivered: false,
        responseStatus: 500,
        error: `HTTP 500 ${'x'.repeat(1000)}`,
      });
      const [row] = await deliveryRows(user.id);
      waits.push(row?.status === 'PENDING' ? row.wait : null);
      // Not due before its time; then the clock "moves on".
      expect(await claimWebhookDeliveries(db)).toEqual([]);
      await db.execute(sql`UPDATE alert_deliveries SET next_attempt_at = now() WHERE user_id = ${user.id}`);
    }
    expect(waits).toEqual([30, 120, 600, 3600, 21_600, null]);
    const [row] = await deliveryRows(user.id);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 6 });
    expect(row?.error?.length).toBe(500);
    expect(await claimWebhookDeliveries(db)).toEqual([]);
  });

  it('are delivered, or dropped when the webhook changes before they are sent', async () => {
    await settleOtherDeliveries();
    const user = await createUser(db);
    await updateNotificationSettings(db, user.id, { webhookUrl: 'https://hooks.example.com/d' });
    await addAlert(user.id, 'one');
    await addAlert(user.id, 'two');
    await enqueueWebhookDeliveries(db, { batch: 1000 });
    const [job] = await claimWebhookDeliveries(db, { batch: 1 });
    expect(
      await recordDeliveryOutcome(db, job?.userId ?? 0, job?.deliveryId ?? 0, {
        delivered: true,
        responseStatus: 204,
      }),
    ).toEqual({
      status: 'DELIVERED',
      nextAttemptAt: null,
    });
    await updateNotificationSettings(db, user.id, { webhookUrl: 'https://hooks.example.com/new' });
    const rows = await deliveryRows(user.id);
    expect(rows.map((row) => [row.status, row.error])).toEqual([
      ['DELIVERED', null],
      ['FAILED', 'Not sent: the webhook URL changed.'],
    ]);
    // The alerts before the new URL are not sent to it.
    expect(await enqueueWebhookDeliveries(db, { batch: 1000 })).toBe(0);
  });
});

describe('the delivery log', () => {
  it('lists the user’s deliveries newest first, a page at a time', async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    await updateNotificationSettings(db, user.id, { webhookUrl: 'https://hooks.example.com/log' });
    for (let i = 0; i < 3; i++) await addAlert(user.id, `log ${i}`);
    await enqueueWebhookDeliveries(db, { batch: 1000 });
    const page = await listDeliveries(db, user.id, { limit: 2 });
    expect(page.count).toBe(3);
    expect(page.results).toHaveLength(2);
    expect(page.results[0]).toEqual({
      id: expect.any(Number),
      alertId: expect.any(Number),
      channel: 'WEBHOOK',
      status: 'PENDING',
      target: 'https://hooks.example.com/log',
      attempts: 0,
      responseStatus: null,
      error: null,
      createdAt: expect.stringMatching(/Z$/),
      lastAttemptAt: null,
      nextAttemptAt: expect.stringMatching(/Z$/),
      deliveredAt: null,
    });
    expect((page.results[0]?.id ?? 0) > (page.results[1]?.id ?? 0)).toBe(true);
    expect((await listDeliveries(db, user.id, { limit: 2, offset: 2 })).results).toHaveLength(1);
    expect(await listDeliveries(db, other.id)).toEqual({ count: 0, results: [] });
    await expect(listDeliveries(db, user.id, { limit: 101 })).rejects.toMatchObject({
      fieldErrors: { limit: expect.any(Array) },
    });
  });
});

describe('daily digests', () => {
  /** A user with the digest on since two hours ago. */
  async function digestUser() {
    const user = await createUser(db);
    await updateNotificationSettings(db, user.id, { emailDigest: true });
    await db.execute(sql`UPDATE notification_settings SET last_digest_at = now() - interval '2 hours'
      WHERE user_id = ${user.id}`);
    return user;
  }

  const collect = () => {
    const sent: AlertDigest[] = [];
    return { sent, send: async (digest: AlertDigest) => void sent.push(digest) };
  };
  const run = (send: (digest: AlertDigest) => Promise<void>, batch = 1000) =>
    sendDueDigests(db, send, { batch, settleSeconds: 0 });

  it('mail the alerts since the digest was turned on, then wait a day', async () => {
    const user = await digestUser();
    await addAlert(user.id, 'before the digest was on', '3 hours');
    await addAlert(user.id, 'Groceries reached 80 % of its budget', '1 hour');
    await addAlert(user.id, 'Rent is over its budget', '30 minutes');
    const mail = collect();
    const result = await run(mail.send);
    expect(result.sent).toContain(user.id);
    const digest = mail.sent.find((entry) => entry.userId === user.id);
    expect(digest).toMatchObject({ email: user.email, username: user.username, total: 2 });
    expect(digest?.alerts.map((alert) => alert.message)).toEqual([
      'Groceries reached 80 % of its budget',
      'Rent is over its budget',
    ]);
    expect(await deliveryRows(user.id)).toMatchObject([
      { alert_id: null, channel: 'EMAIL', status: 'DELIVERED', attempts: 1 },
    ]);

    // A new alert waits for tomorrow's digest…
    await addAlert(user.id, 'Fuel is unusually high');
    const later = collect();
    await run(later.send);
    expect(later.sent.find((entry) => entry.userId === user.id)).toBeUndefined();
    // …which comes once a day has passed, with only what is new.
    await db.execute(sql`UPDATE alert_deliveries SET delivered_at = now() - interval '25 hours',
        last_attempt_at = now() - interval '25 hours' WHERE user_id = ${user.id}`);
    const tomorrow = collect();
    await run(tomorrow.send);
    expect(tomorrow.sent.find((entry) => entry.userId === user.id)?.alerts.map((a) => a.message)).toEqual([
      'Fuel is unusually high',
    ]);
  });

  it('list 50 alerts and count the rest', async () => {
    const user = await digestUser();
    await db.execute(sql`INSERT INTO alerts (user_id, kind, dedupe_key, message, link, created_at)
      SELECT ${user.id}, 'ANOMALY', 'many:' || n, 'Alert ' || n, '/', now() - interval '1 hour'
        FROM generate_series(1, 55) AS n`);
    const mail = collect();
    await run(mail.send);
    const digest = mail.sent.find((entry) => entry.userId === user.id);
    expect(digest?.total).toBe(55);
    expect(digest?.alerts).toHaveLength(DIGEST_MAX_ALERTS);
  });

  it('are not sent when off or empty, and a batch at a time', async () => {
    const off = await createUser(db);
    await addAlert(off.id, 'nobody asked for mail');
    const quiet = await digestUser();
    const busy = [await digestUser(), await digestUser(), await digestUser()];
    for (const user of busy) await addAlert(user.id, 'something happened', '1 minute');
    const mail = collect();
    const first = await run(mail.send, 2);
    expect(first.sent.length).toBeLessThanOrEqual(2);
    await run(mail.send);
    const mailed = mail.sent.map((digest) => digest.userId);
    expect(mailed).not.toContain(off.id);
    expect(mailed).not.toContain(quiet.id);
    for (const user of busy) expect(mailed.filter((id) => id === user.id)).toHaveLength(1);
  });

  it('go out once each when two workers send at the same time', async () => {
    const users = [await digestUser(), await digestUser(), await digestUser()];
    for (const user of users) await addAlert(user.id, 'a race', '10 minutes');
    const mail = collect();
    // A slow mail server, so the two runs overlap.
    const slowly = async (digest: AlertDigest) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await mail.send(digest);
    };
    await Promise.all([run(slowly), run(slowly)]);
    for (const user of users) {
      expect(mail.sent.filter((digest) => digest.userId === user.id)).toHaveLength(1);
      expect(await deliveryRows(user.id)).toHaveLength(1);
    }
  });

  it('are tried again with backoff when the mail cannot be sent, in one log entry', async () => {
    const user = await digestUser();
    await addAlert(user.id, 'Groceries reached 80 % of its budget', '1 hour');
    const failing = async (digest: AlertDigest) => {
      if (digest.userId === user.id) throw new Error('421 mail server busy');
    };
    const result = await run(failing);
    expect(result.failed.map((entry) => entry.userId)).toContain(user.id);
    expect(await deliveryRows(user.id)).toMatchObject([
      { channel: 'EMAIL', status: 'PENDING', attempts: 1, wait: 30, error: '421 mail server busy' },
    ]);
    // Waiting for its retry: not sent in the meantime.
    const mail = collect();
    await run(mail.send);
    expect(mail.sent.map((digest) => digest.userId)).not.toContain(user.id);
    await db.execute(sql`UPDATE alert_deliveries SET next_attempt_at = now() WHERE user_id = ${user.id}`);
    await run(mail.send);
    expect(mail.sent.find((digest) => digest.userId === user.id)?.total).toBe(1);
    expect(await deliveryRows(user.id)).toMatchObject([
      { channel: 'EMAIL', status: 'DELIVERED', attempts: 2, error: null },
    ]);
  });
});
