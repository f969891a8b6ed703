import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatMonth } from '../../lib/format';
import type { AlertKind } from '../../lib/schemas';
import { formatsFor } from '../dashboard/narrative-text';
import { type AlertFormats, alertHref, alertMessage, badgeText, timeAgo, unreadLabel } from './alert-text';

describe('the alerts bell', () => {
  it('names the count for screen readers and caps the badge', () => {
    expect(unreadLabel(0)).toBe('No unread alerts');
    expect(unreadLabel(1)).toBe('1 unread alert');
    expect(unreadLabel(3)).toBe('3 unread alerts');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });

  it('follows links inside the app only, with a month as the transactions page takes it', () => {
    expect(alertHref('/budgets?month=2026-12')).toBe('/budgets?month=2026-12');
    expect(alertHref('/?month=2026-12')).toBe('/?month=2026-12');
    expect(alertHref('/recurring')).toBe('/recurring');
    expect(alertHref('/transactions?month=2026-02&category=4')).toBe(
      '/transactions?category=4&from=2026-02-01&to=2026-02-28',
    );
    expect(alertHref('https://evil.example/')).toBe('/');
    expect(alertHref('//evil.example/')).toBe('/');
    expect(alertHref('javascript:alert(1)')).toBe('/');
  });

  it('says how long ago an alert came', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    expect(timeAgo('2026-12-02T11:59:30Z', now, 'en-US')).toBe('just now');
    expect(timeAgo('2026-12-02T11:55:00Z', now, 'en-US')).toBe('5 minutes ago');
    expect(timeAgo('2026-12-02T09:00:00Z', now, 'en-US')).toBe('3 hours ago');
    expect(timeAgo('2026-12-01T10:00:00Z', now, 'en-US')).toBe('yesterday');
    expect(timeAgo('2026-11-20T10:00:00Z', now, 'en-US')).toBe('Nov 20, 2026');
  });
});

describe('alerts in the user’s locale', () => {
  const formats: AlertFormats = {
    ...formatsFor(
      'de-DE',
      (amount) => formatMoney(amount, 'EUR', 'de-DE'),
      (month) => formatMonth(month, 'de-DE'),
    ),
    date: (date) => formatDate(date, 'de-DE'),
  };
  const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
  const alert = (kind: AlertKind, data: Record<string, unknown>) => ({ kind, message: 'server text', data });

  it('words each kind from its figures', () => {
    expect(
      nbsp(
        alertMessage(
          alert('BUDGET_WARNING', {
            category_name: 'Groceries',
            month: '2026-12',
            threshold: 80,
            spent: '1650.00',
            available: '2000.00',
          }),
          formats,
        ),
      ),
    ).toBe('Groceries has used 82% of its budget for Dezember 2026: 1.650,00 € spent of 2.000,00 €.');
    expect(
      nbsp(
        alertMessage(
          alert('RECURRING_MISSED', {
            payee: 'Stadtwerke',
            amount: '61.00',
            expected: '2026-11-02',
            cadence: 'monthly',
          }),
          formats,
        ),
      ),
    ).toBe('Stadtwerke (usually 61,00 €, monthly) was expected on 02.11.2026 and has not arrived.');
    expect(
      nbsp(
        alertMessage(
          alert('ANOMALY', {
            kind: 'large_transaction',
            category: 4,
            category_name: 'Electronics',
            transaction: 9,
            observed: '1299.00',
            baseline: '100.00',
          }),
          formats,
        ),
      ),
    ).toBe('A single expense of 1.299,00 € in Electronics, 13,0× its usual 100,00 € per transaction.');
  });

  it('falls back to the server’s sentence when the figures are missing', () => {
    expect(alertMessage(alert('RECURRING_PRICE', { payee: 'Netflix' }), formats)).toBe('server text');
  });
});
