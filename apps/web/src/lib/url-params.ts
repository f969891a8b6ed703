/**
 * Query parameters a page reads from its URL, checked: an address someone typed, bookmarked or shared with a
 * month that does not exist falls back to a sane value, and the page says so in a sentence instead of showing
 * an error. The pure readers, tested without a browser; url-state.ts has the hook pages use.
 */
import { MAX_YEAR, MIN_YEAR } from './schemas';

/** What a page shows for one query parameter, and the sentence to show when the URL's value was refused. */
export interface UrlParam<Value> {
  value: Value;
  /** Null when the URL's value was used (or there was none); else a sentence saying what is shown instead. */
  notice: string | null;
}

/** A reader of one query parameter: the value, or null when the text is not one. */
export type ParamReader<Value> = (raw: string) => Value | null;

/** "YYYY-MM" of a month that exists, in the years the server accepts. */
export const readMonth: ParamReader<string> = (raw) => {
  const match = /^(\d{4})-(\d{2})$/.exec(raw);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 ? raw : null;
};

/** "YYYY-MM-DD" of a day that exists (no 2026-02-31), in the years the server accepts. */
export const readDate: ParamReader<string> = (raw) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists && year >= MIN_YEAR && year <= MAX_YEAR ? raw : null;
};

/** A whole number from 1 (a page number, a count), written plainly: "2", not "2.0" or "abc". */
export const readPositiveInteger: ParamReader<number> = (raw) => {
  if (!/^\d{1,9}$/.test(raw)) return null;
  const value = Number(raw);
  return value >= 1 ? value : null;
};

/** One of a fixed set of words (an ordering, a tab). */
export function readOneOf<Value extends string>(values: readonly Value[]): ParamReader<Value> {
  return (raw) => (values.includes(raw as Value) ? (raw as Value) : null);
}

/**
 * The value of `name` in `query`: what `read` makes of it, or `fallback` when it is missing or refused. A
 * refused value comes with `notice(fallback)`, the sentence the page shows.
 */
export function readParam<Value>(
  query: URLSearchParams,
  name: string,
  read: ParamReader<Value>,
  fallback: Value,
  notice: (fallback: Value) => string,
): UrlParam<Value> {
  const raw = query.get(name);
  if (raw === null || raw === '') return { value: fallback, notice: null };
  const value = read(raw);
  return value === null ? { value: fallback, notice: notice(fallback) } : { value, notice: null };
}

/**
 * Where to go after logging in: `next` when it is a path of this app ("/transactions?month=2026-11"), else
 * "/". Other origins ("https://evil.example", "//evil.example", "/\\evil.example") are refused.
 */
export function nextPath(next: string | null | undefined, origin: string): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const url = new URL(next, origin);
    return url.origin === origin ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}
