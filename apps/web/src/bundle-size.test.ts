import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const BUDGET_BYTES = 200 * 1024;

describe('the production build', () => {
  it(`loads at most ${BUDGET_BYTES / 1024} KB of gzipped JavaScript up front`, () => {
    const html = readFileSync(`${dist}index.html`, 'utf8');
    // Entry scripts and the chunks the browser is told to preload: everything before first render.
    const initial = [
      ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g),
    ].map((match) => match[1] as string);
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
});
