import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { call } from '@finsight/api/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, allA11yViolations, type BrowserSession, startBrowserSession } from './browser';

/**
 * Every screen of the app, with a year of demo data, at desktop and phone size, light and dark: no
 * accessibility violation of any impact, nothing wider than the screen. The main pages are photographed
 * for the README: `UPDATE_SCREENSHOTS=1` writes them to docs/screenshots (otherwise to test-artifacts, so a
 * test run changes no committed file).
 */
let session: BrowserSession;
/** One tab per size, side by side: each page is loaded once per size and audited in both themes. */
let tabs: { size: keyof typeof SIZES; page: Page }[] = [];
let accountId = 0;

const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
const THEMES = ['light', 'dark'] as const;
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
const PHOTOGRAPHED = new Set(['dashboard', 'transactions', 'budgets', 'import']);
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../../docs/screenshots', import.meta.url))
  : `${ARTIFACTS}/screenshots`;

/** The page has its data: no request under way, no spinner left. */
async function settled(page: Page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.spinner').count()).toBe(0);
}

/** Loads `path` in every tab and audits it in both themes; photographs it if it is a main page. */
async function auditEverywhere(name: string, path: string): Promise<string[]> {
  const found = await Promise.all(
    tabs.map(async ({ size, page }) => {
      const problems: string[] = [];
      await page.goto(path);
      await settled(page);
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme });
        const where = `${name} ${size} ${theme}`;
        const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
        if (width > SIZES[size].width) problems.push(`${where}: ${width}px wide`);
        // Only the colours change with the theme: every rule in light, the colour rules again in dark.
        const rules = theme === 'light' ? undefined : COLOUR_RULES;
        for (const violation of await allA11yViolations(page, rules)) problems.push(`${where}: ${violation}`);
        if (PHOTOGRAPHED.has(name))
          await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size}-${theme}.png` });
      }
      await page.emulateMedia({ colorScheme: 'light' });
      return problems;
    }),
  );
  return found.flat();
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  session = await startBrowserSession({ viewport: SIZES.desktop });
  const phone = await session.context.newPage();
  await phone.setViewportSize(SIZES.phone);
  tabs = [
    { size: 'desktop', page: session.page },
    { size: 'phone', page: phone },
  ];
});
afterAll(() => session?.close());

describe('every screen, at every size, in both themes', () => {
  it('has no accessibility violation before signing in', async () => {
    const problems: string[] = [];
    for (const [name, path] of [
      ['login', '/login'],
      ['register', '/register'],
    ] as const) {
      problems.push(...(await auditEverywhere(name, path)));
    }
    expect(problems).toEqual([]);
  });

  it('has none on any page of an account with a year of demo data', async () => {
    const page = session.page;
    await page.goto('/register');
    await page.getByLabel('Username').fill('screens');
    await page.getByLabel('Email').fill('screens@example.com');
    await page.getByLabel('Password').fill('violet-harbour-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome to finsight' }).waitFor();
    const tokens = await page.evaluate(
      () => JSON.parse(localStorage.getItem('finsight.tokens') ?? '{}') as { access: string },
    );
    expect((await call(session.server.url, 'POST', '/trpc/demo.load', {}, tokens.access)).status).toBe(200);
    const accounts = await call(session.server.url, 'GET', '/trpc/accounts.list', undefined, tokens.access);
    accountId = (accounts.body as { result: { data: { id: number }[] } }).result.data[0]?.id ?? 0;
    // A few budgets, one nearly spent and one over, so the budgets page shows what it is for.
    const categories = await call(
      session.server.url,
      'GET',
      '/trpc/categories.list',
      undefined,
      tokens.access,
    );
    const byName = new Map(
      (categories.body as { result: { data: { id: number; name: string }[] } }).result.data.map(
        (category) => [category.name, category.id],
      ),
    );
    for (const [name, amount] of [
      ['Rent', '1500.00'],
      ['Shopping', '1200.00'],
      ['Dining out', '120.00'],
      ['Groceries', '400.00'],
    ] as const) {
      const categoryId = byName.get(name);
      if (categoryId)
        await call(session.server.url, 'POST', '/trpc/budgets.create', { categoryId, amount }, tokens.access);
    }

    const pages = [
      ['dashboard', '/'],
      ['transactions', '/transactions'],
      ['budgets', '/budgets'],
      ['recurring', '/recurring'],
      ['import', '/import'],
      ['rules', '/rules'],
      ['categories', '/categories'],
      ['accounts', '/accounts'],
      ['account', `/accounts/${accountId}`],
      ['settings', '/settings'],
    ] as const;
    const problems: string[] = [];
    for (const [name, path] of pages) {
      problems.push(...(await auditEverywhere(name, path)));
    }
    expect(problems).toEqual([]);
  });
});
