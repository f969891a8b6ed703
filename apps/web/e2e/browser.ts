import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '@finsight/api/testing';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// WEB_DIST lets several builds of the app be tested side by side.
export const WEB_DIST = process.env.WEB_DIST ?? fileURLToPath(new URL('../dist', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../test-artifacts', import.meta.url));

/** Debian's Chromium, headless, as root, with no network chatter of its own. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  if (!existsSync(`${WEB_DIST}/index.html`))
    throw new Error('apps/web/dist is missing: run `pnpm --filter @finsight/web build`');
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
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
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Runs axe-core in the page; returns every violation, whatever its impact (minor and moderate too). `rules`
 * runs only those (e.g. the colour rules again after switching the theme).
 */
export async function allA11yViolations(page: Page, rules?: string[]): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async (only) => {
    const axe = (
      window as unknown as {
        axe: { run(context?: unknown, options?: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const options = only ? { runOnly: { type: 'rule', values: only } } : {};
    return (await axe.run(document, options)).violations;
  }, rules);
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * Saves the page as a test artifact. `fullPage: false` keeps to the viewport: a full-page capture of a very
 * tall page (500 preview rows at phone width) can take Chromium longer than the screenshot timeout on a
 * busy CI machine.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage, timeout: 30_000 });
}

/**
 * One browser test file's world: a server on a fresh database serving the built app, Chromium with one
 * context (en-US, UTC; CSP bypassed so axe-core can be injected, the app otherwise runs under the server's
 * real policy) and one page, and `audit`, which screenshots the page and records its serious accessibility
 * violations under a name.
 */
export interface BrowserSession {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  accessibility: Record<string, string[]>;
  audit(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserSession(options: BrowserContextOptions = {}): Promise<BrowserSession> {
  const server = await startTestServer({ webDist: WEB_DIST });
  const browser = await launchChromium();
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'en-US',
    timezoneId: 'UTC',
    bypassCSP: true,
    ...options,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const accessibility: Record<string, string[]> = {};
  return {
    server,
    browser,
    context,
    page,
    accessibility,
    async audit(name) {
      await screenshot(page, name);
      accessibility[name] = await seriousA11yViolations(page);
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
