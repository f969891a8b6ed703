import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DeliveryOutcome, WebhookJob } from '@finsight/core';
import { hostKind, WEBHOOK_HEADERS, webhookUrlProblem } from '@finsight/core/schemas';

export const WEBHOOK_TIMEOUT_MS = 5000;
/** How much of a refusing receiver's answer the delivery log keeps. */
const ANSWER_TEXT_MAX = 200;

export interface WebhookSendOptions {
  /** Where users reach the web app: alert links are made absolute with it. */
  origin: string;
  fetchImpl: typeof fetch;
  /** Whether http://localhost and other loopback receivers are called (everywhere but production). */
  allowLoopback: boolean;
  timeoutMs?: number;
}

/** An alert's link (a path of the web app) made absolute; anything else leads to the app's start page. */
export function absoluteLink(origin: string, link: string): string {
  return link.startsWith('/') && !link.startsWith('//') ? `${origin}${link}` : `${origin}/`;
}

/** The JSON a receiver gets for one alert. */
export function webhookBody(job: WebhookJob, origin: string): string {
  const { alert } = job;
  return JSON.stringify({
    id: alert.id,
    kind: alert.kind,
    message: alert.message,
    link: absoluteLink(origin, alert.link),
    data: alert.data,
    created_at: alert.createdAt,
  });
}

/** `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`, keyed with the whole secret. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Why a receiver is not called, or null. The URL was checked when it was saved; what its host name resolves
 * to is checked now, so a name pointing into a private network is refused as its address would be.
 */
async function targetProblem(url: string, allowLoopback: boolean): Promise<string | null> {
  const problem = webhookUrlProblem(url);
  if (problem) return `Refused: ${problem}`;
  const { hostname } = new URL(url);
  if (hostKind(hostname) === 'loopback') {
    return allowLoopback ? null : 'Refused: localhost receives webhooks only outside production.';
  }
  if (isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) return null;
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  if (addresses.some(({ address }) => hostKind(address) !== 'public')) {
    return `Refused: ${hostname} resolves to a private or loopback address.`;
  }
  return null;
}

/** The start of a body, as one line, without holding more of it than that. */
async function answerText(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < ANSWER_TEXT_MAX) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text.replace(/\s+/g, ' ').trim().slice(0, ANSWER_TEXT_MAX);
}

function failureText(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `No answer within ${timeoutMs / 1000} s.`;
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * POSTs one alert to the user's webhook, signed, and says what became of it: a 2xx is delivered; any other
 * answer (a redirect too: they are not followed), a network error or no answer within 5 s is a failure to
 * retry. A delivery whose webhook was removed or changed since it was queued is given up at once.
 */
export async function sendWebhook(job: WebhookJob, options: WebhookSendOptions): Promise<DeliveryOutcome> {
  if (!job.url || !job.secret || job.url !== job.target) {
    return {
      delivered: false,
      responseStatus: null,
      error: 'Not sent: the webhook was removed or changed.',
      final: true,
    };
  }
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  try {
    const refusal = await targetProblem(job.url, options.allowLoopback);
    if (refusal) return { delivered: false, responseStatus: null, error: refusal };
    const body = webhookBody(job, options.origin);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await options.fetchImpl(job.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'finsight-webhooks',
        [WEBHOOK_HEADERS.delivery]: String(job.deliveryId),
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: webhookSignature(job.secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel().catch(() => {});
      return { delivered: true, responseStatus: response.status };
    }
    const redirect = response.status >= 300 && response.status < 400;
    const text = redirect ? 'redirects are not followed' : await answerText(response);
    if (redirect) await response.body?.cancel().catch(() => {});
    return {
      delivered: false,
      responseStatus: response.status,
      error: text ? `HTTP ${response.status}: ${text}` : `HTTP ${response.status}`,
    };
  } catch (error) {
    return { delivered: false, responseStatus: null, error: failureText(error, timeoutMs) };
  }
}
