import {
  claimWebhookDeliveries,
  type Database,
  DELIVERY_BATCH,
  enqueueWebhookDeliveries,
  pruneIdempotencyKeys,
  recordDeliveryOutcome,
  runAlertChecks,
  sendDueDigests,
} from '@finsight/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Mailer } from '../mail/mailer';
import { digestMail } from './digest-mail';
import { sendWebhook } from './webhook';

/** A user whose alert checks failed waits 30 s, then twice as long after each further failure, up to 1 h. */
const CHECK_RETRY_MS = 30_000;
const CHECK_RETRY_MAX_MS = 3_600_000;
/** Webhooks of one tick sent at once. */
const WEBHOOKS_AT_ONCE = 10;
/** Expired idempotency keys are cleared this often. */
const PRUNE_EVERY_MS = 3_600_000;
/** A digest mail that takes longer counts as failed (its user's settings row is locked meanwhile). */
const MAIL_TIMEOUT_MS = 30_000;

export interface AlertWorkerOptions {
  db: Database;
  mailer: Mailer;
  log: FastifyBaseLogger;
  /** Where users reach the web app: links in webhooks and mails. */
  publicOrigin: () => string;
  /** Pause between the end of one tick and the start of the next. */
  intervalMs: number;
  fetchImpl?: typeof fetch;
  /** Call webhooks on localhost (default true; false in production). */
  allowLoopback?: boolean;
  /** Deliveries queued and sent per tick (default 50). */
  batch?: number;
  /** Seconds a write's alert checks wait, to gather a burst of writes (tests: 0). */
  checkDelaySeconds?: number;
  /** How old an alert must be to go into a digest (tests: 0). */
  digestSettleSeconds?: number;
  webhookTimeoutMs?: number;
}

export interface TickResult {
  checks: { checked: number; failed: number; alerts: number };
  webhooks: { queued: number; delivered: number; failed: number };
  digests: { sent: number; failed: number };
}

export interface AlertWorker {
  start(): void;
  /** Stops the loop; resolves once the tick under way (if any) has finished. */
  stop(): Promise<void>;
  /** One round of work: alert checks, webhooks, digests. */
  tick(): Promise<TickResult>;
}

async function eachAtMost<Item>(items: Item[], atOnce: number, work: (item: Item) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as Item;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, lane));
}

function withTimeout<Value>(promise: Promise<Value>, ms: number, what: string): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The background work behind alerts, in one loop per API process: the alert checks writes asked for,
 * then the webhook deliveries, then the daily digests. Every step takes a bounded batch and is safe with
 * several processes running it (rows are claimed with SKIP LOCKED); a failing step is logged and the
 * next tick tries again.
 */
export function createAlertWorker(options: AlertWorkerOptions): AlertWorker {
  const { db, log } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const batch = options.batch ?? DELIVERY_BATCH;
  const checkRetries = new Map<number, { failures: number; until: number }>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;

  async function checks(): Promise<TickResult['checks']> {
    const now = Date.now();
    const skipUsers = new Set(
      [...checkRetries].filter(([, retry]) => retry.until > now).map(([userId]) => userId),
    );
    const result = await runAlertChecks(db, { skipUsers, delaySeconds: options.checkDelaySeconds });
    for (const userId of result.checked) checkRetries.delete(userId);
    for (const { userId, error } of result.failed) {
      const failures = (checkRetries.get(userId)?.failures ?? 0) + 1;
      const wait = Math.min(CHECK_RETRY_MS * 2 ** (failures - 1), CHECK_RETRY_MAX_MS);
      checkRetries.set(userId, { failures, until: now + wait });
      log.warn({ err: error, userId, retryInSeconds: wait / 1000 }, 'alert checks failed');
    }
    return { checked: result.checked.length, failed: result.failed.length, alerts: result.alerts };
  }

  async function webhooks(): Promise<TickResult['webhooks']> {
    const queued = await enqueueWebhookDeliveries(db, { batch });
    const jobs = await claimWebhookDeliveries(db, { batch });
    const counts = { queued, delivered: 0, failed: 0 };
    const origin = options.publicOrigin();
    await eachAtMost(jobs, WEBHOOKS_AT_ONCE, async (job) => {
      const outcome = await sendWebhook(job, {
        origin,
        fetchImpl,
        allowLoopback: options.allowLoopback ?? true,
        timeoutMs: options.webhookTimeoutMs,
      });
      await recordDeliveryOutcome(db, job.userId, job.deliveryId, outcome);
      if (outcome.delivered) counts.delivered += 1;
      else counts.failed += 1;
    });
    return counts;
  }

  async function digests(): Promise<TickResult['digests']> {
    const origin = options.publicOrigin();
    const result = await sendDueDigests(
      db,
      (digest) =>
        withTimeout(options.mailer.send(digestMail(digest, origin)), MAIL_TIMEOUT_MS, 'Sending the mail'),
      { batch, settleSeconds: options.digestSettleSeconds },
    );
    for (const { userId, error } of result.failed) log.warn({ err: error, userId }, 'digest mail not sent');
    return { sent: result.sent.length, failed: result.failed.length };
  }

  /** A step that fails is logged, and counts as having done nothing; the others still run. */
  async function step<Result>(name: string, work: () => Promise<Result>, nothing: Result): Promise<Result> {
    try {
      return await work();
    } catch (error) {
      log.error({ err: error, step: name }, 'alert worker step failed');
      return nothing;
    }
  }

  let lastPrune = 0;
  async function tick(): Promise<TickResult> {
    const result: TickResult = {
      checks: await step('checks', checks, { checked: 0, failed: 0, alerts: 0 }),
      webhooks: await step('webhooks', webhooks, { queued: 0, delivered: 0, failed: 0 }),
      digests: await step('digests', digests, { sent: 0, failed: 0 }),
    };
    if (Date.now() - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      const pruned = await step('prune', () => pruneIdempotencyKeys(db), 0);
      if (pruned > 0) log.info({ idempotencyKeys: pruned }, 'expired idempotency keys removed');
    }
    const { checks: c, webhooks: w, digests: d } = result;
    if (c.checked + c.failed + w.queued + w.delivered + w.failed + d.sent + d.failed > 0) {
      log.info(result, 'alert worker tick');
    }
    return result;
  }

  function schedule(delay: number) {
    timer = setTimeout(() => {
      timer = null;
      running = tick().finally(() => {
        running = null;
        if (!stopped) schedule(options.intervalMs);
      });
    }, delay);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(Math.min(options.intervalMs, 1000));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
    tick,
  };
}
