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
    const url = new URL(requestUrl, 'http://finsight.invalid');
    for (const [key, value] of Object.entries(changes)) {
      if (value === 0) url.searchParams.delete(key);
      else url.searchParams.set(key, String(value));
    }
    const relative = `${url.pathname}${url.search}`;
    return base ? `${base}${relative}` : relative;
  };
}
