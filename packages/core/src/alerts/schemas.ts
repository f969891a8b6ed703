import { z } from 'zod';
import { id } from '../validation/ids';

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
  limit: z
    .number({ error: 'A valid integer is required.' })
    .int({ error: 'A valid integer is required.' })
    .min(1, { error: 'Ensure this value is greater than or equal to 1.' })
    .max(ALERTS_MAX_LIMIT, { error: `Ensure this value is less than or equal to ${ALERTS_MAX_LIMIT}.` })
    .default(ALERTS_DEFAULT_LIMIT),
  offset: z
    .number({ error: 'A valid integer is required.' })
    .int({ error: 'A valid integer is required.' })
    .min(0, { error: 'Ensure this value is greater than or equal to 0.' })
    .max(1_000_000, { error: 'Ensure this value is less than or equal to 1000000.' })
    .default(0),
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
