import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
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
});
