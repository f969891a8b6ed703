import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which HTML file answers a request for a page of the web app. The build writes routes/<segment>.html for
 * each signed-in page: index.html plus preload links for that page's code (apps/web/vite-route-pages.ts),
 * so a first visit fetches it with the app's own code. Any other path, or a build without them, gets
 * index.html; the app routes on the client either way.
 */
export function webPages(webDist: string | undefined): (path: string) => string {
  const folder = webDist ? join(webDist, 'routes') : undefined;
  const pages = new Set(
    folder && existsSync(folder)
      ? readdirSync(folder)
          .filter((file) => file.endsWith('.html'))
          .map((file) => file.slice(0, -'.html'.length))
      : [],
  );
  return (path) => {
    // Only the page itself: /accounts/7 is another page than /accounts, with other code to preload.
    const page = path === '/' ? 'dashboard' : path.slice(1);
    return pages.has(page) ? `routes/${page}.html` : 'index.html';
  };
}
