import { startTestServer, type TestServer } from '@finsight/api/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, WEB_DIST } from './browser';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ webDist: WEB_DIST });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A page opened under the server's real Content-Security-Policy (no bypass), with everything the browser
 * complains about collected: console errors, failed requests and CSP violations (reported through the
 * DevTools issues channel, as Lighthouse reads them).
 */
async function openWatched(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ baseURL: server.url });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Audits.enable');
  devtools.on('Audits.issueAdded', ({ issue }) =>
    problems.push(`issue: ${JSON.stringify(issue).slice(0, 300)}`),
  );
  await page.goto(path);
  return { page, problems };
}

describe('the interactive API documentation', () => {
  it.each(['/api/docs', '/api/docs/'])(
    'renders every operation at %s, with no console or CSP errors',
    async (path) => {
      const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = Object.values(document.paths).flatMap((methods) => Object.keys(methods)).length;
      const { page, problems } = await openWatched(path);
      await expect.poll(() => page.locator('.opblock').count(), { timeout: 15_000 }).toBe(operations);
      expect(operations).toBeGreaterThanOrEqual(20);
      await page.waitForTimeout(300);
      expect(problems).toEqual([]);
      await page.close();
    },
  );
});

describe('the web app under its own Content-Security-Policy', () => {
  it('loads the login page with no console errors, failed requests or CSP issues', async () => {
    const { page, problems } = await openWatched('/login');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
    await page.close();
  });
});
