import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import puppeteer, { type Browser } from 'puppeteer-core';

/**
 * `pnpm lighthouse`: Lighthouse (mobile, default simulated throttling) on the login page and, logged in as a
 * user with a year of demo data, on the dashboard and the transactions page, against the production build
 * served as `pnpm start` serves it. Prints the scores and core metrics; exits 1 when a target is missed.
 * Full reports (HTML, and the JSON for scripts) go to packages/bench/lighthouse-reports/ (not committed).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = 3102;
/** Another running finsight to audit instead of starting the build here (to compare two versions). */
const ORIGIN = process.env.BENCH_LIGHTHOUSE_ORIGIN ?? `http://127.0.0.1:${PORT}`;
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 90 } as const;
const REPORTS = fileURLToPath(new URL('../lighthouse-reports/', import.meta.url));

async function startServer(): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [fileURLToPath(new URL('../../api/dist/server.js', import.meta.url))],
    {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: String(PORT),
        DATA_DIR: join(mkdtempSync(join(tmpdir(), 'finsight-lighthouse-')), 'pglite'),
        JWT_SECRET: 'lighthouse-secret-that-is-long-enough-0123456789',
        AUTH_RATE_LIMIT: 'off',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let attempt = 0; attempt < 150; attempt++) {
    if (
      await fetch(`${ORIGIN}/readyz`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error('the API did not start: run `pnpm build` first (pnpm lighthouse does)');
}

async function post(path: string, body: unknown, access?: string) {
  const response = await fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(access ? { authorization: `Bearer ${access}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A user with a year of demo data: what the dashboard and the transactions page look like in use. */
async function demoUser() {
  const stamp = Date.now();
  const user = {
    username: `lighthouse${stamp}`,
    email: `lighthouse${stamp}@example.com`,
    password: 'violet-harbour-42',
  };
  await post('/api/auth/register/', user);
  const tokens = (await post('/api/auth/login/', { email: user.email, password: user.password })) as {
    access: string;
    refresh: string;
  };
  await post('/trpc/demo.load', {}, tokens.access);
  return tokens;
}

interface PageResult {
  page: string;
  scores: Record<string, number>;
  metrics: Record<string, string>;
}

async function audit(
  browser: Browser,
  name: string,
  path: string,
  tokens?: object,
): Promise<PageResult & { save(): void }> {
  // A fresh context per page: its own cache and storage, so no page rides on another's downloads.
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  if (tokens) {
    // Signed in the way the web app keeps a session; robots.txt puts us on the origin without loading
    // anything the audited page would then find in its cache.
    await page.goto(`${ORIGIN}/robots.txt`);
    await page.evaluate((value) => {
      const storage = (globalThis as { localStorage?: { setItem(key: string, value: string): void } })
        .localStorage;
      storage?.setItem('finsight.tokens', value);
    }, JSON.stringify(tokens));
  }
  const result = await lighthouse(
    `${ORIGIN}${path}`,
    { disableStorageReset: Boolean(tokens), logLevel: 'error' },
    undefined,
    page,
  );
  await context.close();
  if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
  const { lhr, report } = result;
  if (lhr.runtimeError) throw new Error(`${path}: ${lhr.runtimeError.message}`);
  const save = () => {
    mkdirSync(REPORTS, { recursive: true });
    writeFileSync(join(REPORTS, `${name}.html`), Array.isArray(report) ? (report[0] ?? '') : report);
    writeFileSync(join(REPORTS, `${name}.json`), JSON.stringify(lhr));
    for (const category of Object.values(lhr.categories)) {
      for (const reference of category.auditRefs) {
        const found = lhr.audits[reference.id];
        if (reference.weight > 0 && found?.score !== null && found?.score !== undefined && found.score < 1) {
          console.log(
            `  ${name}: ${category.id} / ${reference.id}: ${found.score} ${found.displayValue ?? ''}`,
          );
        }
      }
    }
  };
  const scores = Object.fromEntries(
    Object.keys(TARGETS).map((category) => [
      category,
      Math.round((lhr.categories[category]?.score ?? 0) * 100),
    ]),
  );
  const metrics = Object.fromEntries(
    [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
    ].map((id) => [id, lhr.audits[id]?.displayValue ?? '?']),
  );
  const transferred = (lhr.audits['total-byte-weight']?.numericValue ?? 0) / 1024;
  metrics['bytes transferred'] = `${transferred.toFixed(0)} KB`;
  return { page: name, scores, metrics, save };
}

/**
 * Lighthouse's own advice for its variance: run several times and take the median. One run's score moves by
 * up to ±5 here (a 2-core machine shared with the server and Chromium's own work). The median run's report is
 * the one written to lighthouse-reports/.
 */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
/** The pages audited: name, path, and whether signed in. LIGHTHOUSE_PAGES=dashboard,import audits a few. */
const PAGES: Array<[string, string, boolean]> = [
  ['login', '/login', false],
  ['dashboard', '/', true],
  ['transactions', '/transactions', true],
  ['import', '/import', true],
  ['budgets', '/budgets', true],
];
const ONLY = process.env.LIGHTHOUSE_PAGES?.split(',');

async function median(run: () => Promise<PageResult & { save(): void }>): Promise<PageResult> {
  const runs: Array<PageResult & { save(): void }> = [];
  for (let index = 0; index < RUNS; index++) runs.push(await run());
  runs.sort((a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0));
  const middle = runs[Math.floor(runs.length / 2)];
  if (!middle) throw new Error('LIGHTHOUSE_RUNS must be at least 1');
  middle.save();
  console.log(
    `  ${middle.page}: performance in ${RUNS} runs: ${runs.map((r) => r.scores.performance).join(', ')}`,
  );
  return middle;
}

export async function lighthouseRun(): Promise<void> {
  const server = process.env.BENCH_LIGHTHOUSE_ORIGIN ? undefined : await startServer();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const tokens = await demoUser();
    const results: PageResult[] = [];
    for (const [name, path, signedIn] of PAGES) {
      if (ONLY && !ONLY.includes(name)) continue;
      results.push(await median(() => audit(browser, name, path, signedIn ? tokens : undefined)));
    }
    const categories = Object.keys(TARGETS);
    const metrics = Object.keys(results[0]?.metrics ?? {});
    console.log(`\n| page | ${[...categories, ...metrics].join(' | ')} |`);
    console.log(`|---|${[...categories, ...metrics].map(() => '---').join('|')}|`);
    for (const result of results) {
      const cells = [...categories.map((c) => result.scores[c]), ...metrics.map((m) => result.metrics[m])];
      console.log(`| ${result.page} | ${cells.join(' | ')} |`);
    }
    const missed = results.flatMap((result) =>
      Object.entries(TARGETS)
        .filter(([category, target]) => (result.scores[category] ?? 0) < target)
        .map(([category, target]) => `${result.page} ${category} ${result.scores[category]} < ${target}`),
    );
    console.log(missed.length === 0 ? '\nEvery target met.' : `\nMissed: ${missed.join('; ')}`);
    process.exitCode = missed.length === 0 ? 0 : 1;
  } finally {
    await browser.close();
    server?.kill('SIGTERM');
  }
}
