import { timestamp } from 'drizzle-orm/pg-core';

/**
 * Every timestamp column: `timestamp with time zone`, read as PostgreSQL's own text instead of a `Date`.
 * Parsing that text into a Date and printing it again cost about a tenth of a transaction-list request
 * (profiled in docs/benchmarks.md); `isoTimestamp` rewrites it as ISO 8601 with two character swaps.
 */
export const utcTimestamp = () => timestamp({ withTimezone: true, mode: 'string' });

// Connections run with TimeZone=UTC and DateStyle=ISO (see client.ts), so values look like this.
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)\+00$/;

/**
 * "2026-11-24 06:56:04.123456+00" → "2026-11-24T06:56:04.123456Z": microseconds kept, as the documented
 * framework (Django REST framework) writes them. Text in any other zone or style is converted through a
 * Date, so a differently configured session is slower, never wrong.
 */
export function isoTimestamp(text: string): string {
  const match = UTC_TEXT.exec(text);
  return match ? `${match[1]}T${match[2]}Z` : new Date(text).toISOString();
}
