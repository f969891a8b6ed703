import { describe, expect, it } from 'vitest';
import { alertHref, badgeText, timeAgo, unreadLabel } from './alert-text';

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
