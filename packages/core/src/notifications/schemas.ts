import { z } from 'zod';
import type { Alert } from '../alerts/schemas';
import { pageLimit, pageOffset } from '../validation/page-input';

export const DELIVERY_CHANNELS = ['WEBHOOK', 'EMAIL'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const WEBHOOK_URL_MAX_LENGTH = 2000;
/** Every webhook secret starts with this, so it is recognisable (and findable by secret scanners). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/**
 * The headers of a webhook request. The signature is `sha256=` and the hex HMAC-SHA256, keyed with the whole
 * secret (`whsec_…`), of `<timestamp>.<body>`; a receiver recomputes it and refuses old timestamps.
 */
export const WEBHOOK_HEADERS = {
  delivery: 'x-finsight-delivery',
  timestamp: 'x-finsight-timestamp',
  signature: 'x-finsight-signature',
} as const;

/**
 * Seconds to wait after the first, second… failed attempt of a delivery; the attempt after the last wait is
 * the last one (6 attempts over about 7 hours).
 */
export const DELIVERY_RETRY_SECONDS = [30, 120, 600, 3600, 21_600] as const;
export const DELIVERY_MAX_ATTEMPTS = DELIVERY_RETRY_SECONDS.length + 1;

export const DELIVERIES_DEFAULT_LIMIT = 20;
export const DELIVERIES_MAX_LIMIT = 100;

/** What a webhook host is: a loopback name or address, an address no public server has, or anything else. */
export type HostKind = 'loopback' | 'private' | 'public';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function ipv4Kind(address: string): HostKind | null {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255))
    return null;
  const [a = 0, b = 0, c = 0] = parts.map(Number);
  if (a === 127) return 'loopback';
  const reserved =
    a === 0 || // "this network"
    a === 10 ||
    (a === 100 && b >= 64 && b <= 127) || // shared address space (carrier-grade NAT)
    (a === 169 && b === 254) || // link-local, cloud metadata services
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224; // multicast, reserved, broadcast
  return reserved ? 'private' : 'public';
}

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it (compressed, lower case). */
function ipv6Groups(address: string): number[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parse = (text: string) =>
    text === '' ? [] : text.split(':').map((group) => Number.parseInt(group, 16));
  const head = parse(halves[0] ?? '');
  const tail = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

function ipv6Kind(address: string): HostKind | null {
  const groups = ipv6Groups(address);
  if (!groups) return null;
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embedded = () => `${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`;
  const prefixZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (prefixZero && g5 === 0 && g6 === 0) return g7 === 1 ? 'loopback' : 'private'; // ::1, ::
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d) is that address.
  if (prefixZero && (g5 === 0xffff || g5 === 0)) return ipv4Kind(embedded());
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return ipv4Kind(embedded());
  }
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'private'; // link-local
  if ((g0 & 0xff00) === 0xff00) return 'private'; // multicast
  return 'public';
}

/**
 * What kind of host a URL's hostname (as `new URL()` writes it: IPv4 in dotted decimal, IPv6 in brackets)
 * or a resolved address is. Names other than `localhost` are public here; what they resolve to is checked
 * when a delivery is sent.
 */
export function hostKind(hostname: string): HostKind {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (LOOPBACK_NAMES.has(host)) return 'loopback';
  if (host.startsWith('[') && host.endsWith(']')) return ipv6Kind(host.slice(1, -1)) ?? 'private';
  if (host.includes(':')) return ipv6Kind(host) ?? 'private';
  return ipv4Kind(host) ?? 'public';
}

/** Why a webhook URL is refused, in a sentence; null when it is fine. */
export function webhookUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a valid URL.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Enter a valid URL.';
  const kind = hostKind(url.hostname);
  if (url.protocol === 'http:' && kind !== 'loopback') {
    return 'Use an https:// URL (plain http:// only works for localhost).';
  }
  if (url.username || url.password) return 'Do not put a user name or password in the URL.';
  if (kind === 'private') return 'Private and link-local addresses cannot receive webhooks.';
  return null;
}

/** A webhook URL as the receiver will be called: checked, and written the one way `new URL()` writes it. */
export const webhookUrl = z
  .string({ error: 'Enter a valid URL.' })
  .trim()
  .min(1, { error: 'Enter a valid URL.' })
  .max(WEBHOOK_URL_MAX_LENGTH, {
    error: `Ensure this field has no more than ${WEBHOOK_URL_MAX_LENGTH} characters.`,
  })
  .superRefine((text, ctx) => {
    const problem = webhookUrlProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((text) => new URL(text).href)
  .meta({
    description:
      'Where each new alert is POSTed as JSON: https:// (http:// only for localhost); null turns the webhook off',
    examples: ['https://hooks.example.com/finsight'],
  });

export const updateNotificationSettingsInput = z.strictObject({
  emailDigest: z
    .boolean({ error: 'Must be true or false.' })
    .optional()
    .meta({ description: 'A daily email with the alerts of the day, when there were any' }),
  webhookUrl: webhookUrl.nullable().optional(),
});
export type UpdateNotificationSettingsInput = z.input<typeof updateNotificationSettingsInput>;

export const listDeliveriesInput = z.strictObject({
  limit: pageLimit(DELIVERIES_MAX_LIMIT, DELIVERIES_DEFAULT_LIMIT),
  offset: pageOffset(),
});
export type ListDeliveriesInput = z.input<typeof listDeliveriesInput>;

export interface NotificationSettings {
  emailDigest: boolean;
  webhookUrl: string | null;
  /** Whether the webhook has a secret; the secret itself is shown once, when it is made. */
  webhookSecretSet: boolean;
  /** Alerts from this moment on go to the webhook (when it was set up). */
  webhookSince: string | null;
  /** The end of what the last digest covered (or when the digest was turned on). */
  lastDigestAt: string | null;
}

/** Settings as changed: `webhookSecret` only when a new one was made, the one time it is shown. */
export interface ChangedNotificationSettings extends NotificationSettings {
  webhookSecret?: string;
}

export interface AlertDelivery {
  id: number;
  /** The alert sent; null for a digest mail, which carries several. */
  alertId: number | null;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  /** The webhook URL or the email address. */
  target: string;
  attempts: number;
  /** The receiver's HTTP status on the last attempt (webhooks). */
  responseStatus: number | null;
  /** Why the last attempt failed. */
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  /** When the next attempt is due; null once delivered or given up. */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface DeliveryPage {
  count: number;
  results: AlertDelivery[];
}

/** A daily digest ready to send: the alerts since the last one, the first 50 of them in full. */
export interface AlertDigest {
  userId: number;
  email: string;
  username: string;
  alerts: Alert[];
  /** How many alerts the digest covers; `alerts` holds at most 50 of them. */
  total: number;
  /** The alerts it covers are those created after `since` (null: the last day) up to `until`. */
  since: string | null;
  until: string;
}
