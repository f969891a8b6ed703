import { timestamp } from 'drizzle-orm/pg-core';

/**
 * Every timestamp column: `timestamp with time zone`, read as PostgreSQL's own text instead of a `Date`.
 * Parsing that text into a Date and printing it again cost about a tenth of a transaction-list request
 * (profiled in docs/benchmarks.md); `isoTimestamp` rewrites it as ISO 8601 with a few string operations.
 */
export const utcTimestamp = () => timestamp({ withTimezone: true, mode: 'string' });

// Connections run with TimeZone=UTC and DateStyle=ISO (see client.ts), so values look like this.
// PostgreSQL drops trailing zeros of the fraction, and the whole fraction when it is zero.
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * "2026-11-24 06:56:04.5+00" → "2026-11-24T06:56:04.500000Z": always six fractional digits (PostgreSQL keeps
 * microseconds), so every timestamp has the same width and timestamps sort correctly as strings. Text in
 * another zone or style goes through a Date (millisecond precision), so a differently configured session is
 * slower, never wrong; what no Date can hold (`infinity`, BC) is passed on as PostgreSQL wrote it.
 */
export function isoTimestamp(text: string): string {
  const match = UTC_TEXT.exec(text);
  if (match) return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}Z`;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString().replace(/Z$/, '000Z');
}
