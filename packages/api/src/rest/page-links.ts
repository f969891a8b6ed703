/** Builds DRF's `next`/`previous` links: the request's path and query with some parameters changed. */
export type PageLinks = (requestUrl: string, changes: Record<string, number>) => string;

/**
 * Links are absolute under the configured public address (PUBLIC_URL), or relative to this server. They are
 * never built from the request's Host or X-Forwarded-Proto headers, which a client controls: a link
 * pointing at `evil.example` must not be something a client can make the API hand out.
 */
export function pageLinks(publicUrl: string | undefined): PageLinks {
  const base = publicUrl?.replace(/\/+$/, '');
  return (requestUrl, changes) => {
    // Only the path and query of what was asked: an absolute-form request target's host is ignored too.
    const mark = requestUrl.indexOf('?');
    const target = mark < 0 ? requestUrl : requestUrl.slice(0, mark);
    const queryText = mark < 0 ? '' : requestUrl.slice(mark + 1);
    const path = target.startsWith('/') ? target : new URL(target).pathname;
    const query = new URLSearchParams(queryText);
    for (const [key, value] of Object.entries(changes)) {
      if (value === 0) query.delete(key);
      else query.set(key, String(value));
    }
    const search = query.toString();
    const relative = search ? `${path}?${search}` : path;
    return base ? `${base}${relative}` : relative;
  };
}
