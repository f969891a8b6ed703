import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROUTE_PAGES } from '../vite-route-pages';

const dist = process.env.WEB_DIST
  ? `${process.env.WEB_DIST}/`
  : fileURLToPath(new URL('../dist/', import.meta.url));
const BUDGET_BYTES = 200 * 1024;
const assets = () => readdirSync(`${dist}assets`);

/** Entry scripts and the chunks the browser is told to preload: everything before first render. */
function initialScripts(): string[] {
  const html = readFileSync(`${dist}index.html`, 'utf8');
  return [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map(
    (match) => match[1] as string,
  );
}

describe('the production build', () => {
  it(`loads at most ${BUDGET_BYTES / 1024} KB of gzipped JavaScript up front`, () => {
    const initial = initialScripts();
    expect(initial.length).toBeGreaterThan(0);
    const gzipped = initial.reduce(
      (total, file) => total + gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length,
      0,
    );
    console.info(
      `initial JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped in ${initial.length} file(s)`,
    );
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('splits the signed-in pages into chunks of their own, none of them loaded by the login page', () => {
    const initial = initialScripts().join(' ');
    const pages = [
      'dashboard-page',
      'transactions-page',
      'categories-page',
      'settings-page',
      'accounts-page',
      'account-register-page',
      'import-page',
      'rules-page',
      'budgets-page',
      'recurring-page',
    ];
    for (const page of pages) {
      const chunk = assets().find((name) => name.startsWith(`${page}-`) && name.endsWith('.js'));
      expect(chunk, page).toBeDefined();
      expect(initial).not.toContain(page);
    }
  });

  it('ships a brotli and a gzip copy of every script and stylesheet worth compressing', () => {
    const files = assets().filter((name) => /\.(js|css)$/.test(name));
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      if (readFileSync(`${dist}assets/${file}`).length < 1024) continue;
      expect(existsSync(`${dist}assets/${file}.br`), `${file}.br`).toBe(true);
      expect(existsSync(`${dist}assets/${file}.gz`), `${file}.gz`).toBe(true);
    }
  });

  it('writes a page of its own for each signed-in page, preloading that page’s code with the app’s', () => {
    // Every lazy page chunk must be named in ROUTE_PAGES, or a first visit to it pays an extra round trip.
    const pageChunks = assets().filter((name) => /-page-[\w-]+\.js$/.test(name));
    const named = Object.values(ROUTE_PAGES).map((module) => module.split('/').pop()?.replace('.tsx', ''));
    for (const chunk of pageChunks) {
      const page = chunk.replace(/-[\w-]{8}\.js$/, '');
      if (page === 'account-register-page') continue; // /accounts/<id>: reached from the accounts page
      expect(named, chunk).toContain(page);
    }
    for (const [segment, module] of Object.entries(ROUTE_PAGES)) {
      const html = readFileSync(`${dist}routes/${segment || 'dashboard'}.html`, 'utf8');
      const page = module.split('/').pop()?.replace('.tsx', '');
      expect(html, segment).toMatch(
        new RegExp(`<link rel="modulepreload" crossorigin href="/assets/${page}-[\\w-]{8}\\.js">`),
      );
      // Still the app's own page: the same entry script as index.html.
      expect(html).toContain(initialScripts()[0]);
    }
  });

  it('links one stylesheet from every page, so no page waits on a second render-blocking request', () => {
    const sheets = assets().filter((name) => name.endsWith('.css'));
    expect(sheets).toHaveLength(1);
    const pages = [
      'index.html',
      ...Object.keys(ROUTE_PAGES).map((segment) => `routes/${segment || 'dashboard'}.html`),
    ];
    for (const page of pages) {
      const links = [
        ...readFileSync(`${dist}${page}`, 'utf8').matchAll(/rel="stylesheet"[^>]+href="\/assets\/([^"]+)"/g),
      ];
      expect(
        links.map((match) => match[1]),
        page,
      ).toEqual(sheets);
    }
  });
});
