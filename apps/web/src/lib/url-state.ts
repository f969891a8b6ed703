/**
 * Query parameters a page reads from its URL, checked, with a notice when the URL's value was refused: see
 * url-params.ts for the readers.
 */
import { useLocation } from './router';
import { type ParamReader, readParam, type UrlParam } from './url-params';

/**
 * `readParam` on the current URL. Render the notice with `<UrlNotice>`; it goes away by itself once the page
 * writes a valid value into the URL (e.g. with `navigate(withQuery(location, { month }))`).
 *
 *   const month = useQueryParam('month', readMonth, thisMonth,
 *     (shown) => `That month doesn't exist, so you're seeing ${formatMonth(shown, locale)}.`);
 *   ... month.value ... <UrlNotice notice={month.notice} />
 */
export function useQueryParam<Value>(
  name: string,
  read: ParamReader<Value>,
  fallback: Value,
  notice: (fallback: Value) => string,
): UrlParam<Value> {
  const { query } = useLocation();
  return readParam(query, name, read, fallback, notice);
}
