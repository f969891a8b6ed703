import { z } from 'zod';
import { id } from '../validation/ids';
import { pageLimit, pageOffset } from '../validation/page-input';

export const ALERT_KINDS = [
  'BUDGET_WARNING',
  'BUDGET_OVER',
  'ANOMALY',
  'RECURRING_PRICE',
  'RECURRING_MISSED',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERTS_DEFAULT_LIMIT = 50;
export const ALERTS_MAX_LIMIT = 200;

export const listAlertsInput = z.strictObject({
  /** Only the unread ones. */
  unread: z.boolean({ error: 'Must be true or false.' }).optional(),
  limit: pageLimit(ALERTS_MAX_LIMIT, ALERTS_DEFAULT_LIMIT),
  offset: pageOffset(),
});
export type ListAlertsInput = z.input<typeof listAlertsInput>;

export const markAlertInput = z.strictObject({
  id,
  read: z.boolean({ error: 'Must be true or false.' }),
});
export type MarkAlertInput = z.input<typeof markAlertInput>;

export interface Alert {
  id: number;
  kind: AlertKind;
  message: string;
  /** Where in the web app the alert leads ("/budgets?month=2026-12"). */
  link: string;
  /** The figures behind the message (amounts as decimal strings), for clients that word it themselves. */
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface AlertPage {
  count: number;
  unread: number;
  results: Alert[];
}
