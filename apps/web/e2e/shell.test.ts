import { call, type RestUser, restUser } from '@finsight/api/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, screenshot, seriousA11yViolations, startBrowserSession } from './browser';

/**
 * The app's shell in a real browser: the navigation on a phone, dark mode, addresses that ask for things
 * that do not exist, coming back to the page asked for after logging in, messages people can act on, and
 * what the app does offline.
 */
let session: BrowserSession;
let page: Page;
let user: RestUser;
let accountId = 0;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const today = new Date().toISOString().slice(0, 10);
const thisMonthName = new Intl.DateTimeFormat('en-US', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
}).format(new Date(`${today}T00:00:00Z`));

async function signInWithTokens(tokens: { access: string; refresh: string }) {
  await page.goto('/robots.txt');
  await page.evaluate((value) => localStorage.setItem('finsight.tokens', value), JSON.stringify(tokens));
}

async function logIn(email = user.email, password = user.password) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

const mainNav = () => page.getByRole('navigation', { name: 'Main' });
const cssVariable = (name: string) =>
  page.evaluate(
    (variable) => getComputedStyle(document.documentElement).getPropertyValue(variable).trim(),
    name,
  );

beforeAll(async () => {
  session = await startBrowserSession({ viewport: DESKTOP });
  page = session.page;
  user = await restUser(session.server.url, 'shell');
  // A year of demo data: every page has something to show, as it does in use.
  const demo = await call(session.server.url, 'POST', '/trpc/demo.load', {}, user.access);
  expect(demo.status).toBe(200);
  const accounts = await call(session.server.url, 'GET', '/trpc/accounts.list', undefined, user.access);
  accountId = (accounts.body as { result: { data: { id: number }[] } }).result.data[0]?.id ?? 0;
  await signInWithTokens(user);
});
afterAll(() => session?.close());

describe('the app shell in a real browser', () => {
  it('on a phone, keeps the pages in a bar along the bottom and never scrolls sideways', async () => {
    await page.setViewportSize(PHONE);
    const pages = [
      '/',
      '/transactions',
      '/budgets',
      '/recurring',
      '/import',
      '/rules',
      '/categories',
      '/accounts',
      `/accounts/${accountId}`,
      '/settings',
    ];
    const tooWide: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
      if (width > PHONE.width) tooWide.push(`${path}: ${width}px`);
    }
    expect(tooWide).toEqual([]);

    await page.goto('/');
    await page.locator('main h1').first().waitFor();
    // The header is one short line, not the whole navigation wrapped over several.
    const header = await page.getByRole('banner').boundingBox();
    expect(header?.height).toBeLessThanOrEqual(64);
    const bar = await mainNav().boundingBox();
    expect(bar && Math.round(bar.y + bar.height)).toBe(PHONE.height);
    const targets = [
      ...['Dashboard', 'Transactions', 'Budgets', 'Recurring'].map((name) =>
        mainNav().getByRole('link', { name }),
      ),
      mainNav().getByRole('button', { name: 'More' }),
    ];
    for (const target of targets) {
      const box = await target.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      expect(box?.width).toBeGreaterThanOrEqual(44);
    }

    // "More" opens the rest, keyboard first: focus moves in, Escape closes and gives it back.
    const more = mainNav().getByRole('button', { name: 'More' });
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    for (const name of ['Import', 'Rules', 'Categories', 'Accounts', 'Settings']) {
      const box = await mainNav().getByRole('link', { name, exact: true }).boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Import');
    await screenshot(page, 'shell-phone-more');
    await page.keyboard.press('Escape');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('More');
    await more.click();
    await mainNav().getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('heading', { name: 'Rules', level: 1 }).waitFor();
    expect(await more.getAttribute('aria-expanded')).toBe('false');

    // Every control of the shell is big enough for a thumb.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('header a, header button, header select, nav button')]
        .filter((element) => element.offsetParent !== null)
        .map((element) => ({
          name: element.textContent?.trim() || element.ariaLabel,
          box: element.getBoundingClientRect(),
        }))
        .filter(({ box }) => box.height < 44)
        .map(({ name }) => name),
    );
    expect(small).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
  });

  it('follows the system into dark mode, and remembers a theme picked in the app', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await page.locator('main h1').first().waitFor();
    expect(await cssVariable('--bg')).toBe('#0e1319');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const theme = page.getByRole('banner').getByRole('combobox', { name: 'Theme' });
    await theme.selectOption({ label: 'Light theme' });
    expect(await cssVariable('--bg')).toBe('#f6f7f9');
    // Applied before the first paint: the attribute is there before the app's own script runs.
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive')
          (window as unknown as { themeAtParse: string | null }).themeAtParse =
            document.documentElement.getAttribute('data-theme');
      });
    });
    await page.reload();
    await page.locator('main h1').first().waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { themeAtParse: string | null }).themeAtParse),
    ).toBe('light');
    expect(await cssVariable('--bg')).toBe('#f6f7f9');

    await page.emulateMedia({ colorScheme: 'light' });
    await theme.selectOption({ label: 'Dark theme' });
    expect(await cssVariable('--bg')).toBe('#0e1319');
    await page.goto('/transactions');
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await theme.selectOption({ label: 'System theme' });
    expect(await cssVariable('--bg')).toBe('#f6f7f9');
  });

  it('shows this month, and says why, when the address asks for a month that does not exist', async () => {
    await page.goto('/?month=2026-13');
    await page
      .getByRole('status')
      .filter({ hasText: `That month doesn't exist, so you're seeing ${thisMonthName}.` })
      .waitFor();
    await page.getByRole('heading', { name: thisMonthName, level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });

  it('brings the user back to the page asked for after logging in, and only to this app', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    // Logging out asks for no return.
    expect(new URL(page.url()).search).toBe('');

    await page.goto('/transactions?from=2026-11-01&to=2026-11-30');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/transactions?from=2026-11-01&to=2026-11-30');
    await logIn();
    await page.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
    const back = new URL(page.url());
    expect(back.pathname + back.search).toBe('/transactions?from=2026-11-01&to=2026-11-30');

    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await page.goto('/login?next=https%3A%2F%2Fevil.example%2Fsteal');
    await logIn();
    await page.waitForURL((url) => url.pathname !== '/login');
    expect(new URL(page.url()).origin).toBe(session.server.url);
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('says so when the session has ended, and comes back afterwards', async () => {
    // The server refuses these tokens, and the refresh with them: the session is over.
    await page.evaluate(() =>
      localStorage.setItem('finsight.tokens', JSON.stringify({ access: 'expired', refresh: 'expired' })),
    );
    await page.goto('/budgets');
    await page
      .getByRole('status')
      .filter({ hasText: 'Your session has ended. Log in again to continue.' })
      .waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/budgets');
    await logIn();
    await page.getByRole('heading', { name: /^Budgets/, level: 1 }).waitFor();
  });

  it('says what to do when the email and password do not match', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await logIn(user.email, 'not-the-password-1');
    await page
      .getByRole('alert')
      .filter({ hasText: "That email and password don't match. Check them and try again." })
      .waitFor();
    await page.goto('/register');
    await page.getByRole('button', { name: 'Create account' }).click();
    // One sentence per field, saying what to do.
    await page.getByText('Enter a username.', { exact: true }).waitFor();
    expect(await page.locator('.field .error').first().textContent()).toBe('Enter a username.');
    await page.goto('/login');
    await logIn();
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('installs as an app, and shows itself offline with a banner saying changes cannot be saved', async () => {
    const get = (path: string) => fetch(session.server.url + path);
    const manifest = await get('/manifest.webmanifest');
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    const app = (await manifest.json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; purpose: string }[];
    };
    expect(app).toMatchObject({ name: 'finsight', start_url: '/', display: 'standalone' });
    for (const icon of app.icons.filter((each) => each.src.endsWith('.png'))) {
      const png = await get(icon.src);
      expect(png.headers.get('content-type')).toBe('image/png');
    }
    expect(app.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );
    const worker = await get('/sw.js');
    expect(worker.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(worker.headers.get('cache-control')).toBe('no-cache');

    await page.goto('/');
    await page.locator('main h1').first().waitFor();
    // The worker has kept the app shell once it is active.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await session.context.setOffline(true);
    try {
      await page.reload();
      await page
        .getByRole('status')
        .filter({ hasText: "You're offline — changes can't be saved until you're back online." })
        .waitFor();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    } finally {
      await session.context.setOffline(false);
    }
    await page.getByRole('status').filter({ hasText: "You're offline" }).waitFor({ state: 'detached' });
  });

  it('picks the currency and the language by name, and clears a success message once something fails', async () => {
    await page.goto('/settings');
    const profile = page.getByRole('region', { name: 'Profile' });
    const currency = profile.getByLabel('Show amounts in');
    const language = profile.getByLabel('Language and region');
    expect(await language.inputValue()).toBe('Browser default (en-US)');
    expect(await profile.locator(`#${await language.getAttribute('list')} option`).count()).toBeGreaterThan(
      40,
    );
    await currency.fill('euro');
    await language.fill('de-de');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    await page.reload();
    expect(await currency.inputValue()).toBe('Euro (EUR)');
    expect(await language.inputValue()).toBe('German (Germany) — de-DE');

    await currency.fill('Gold coins');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Choose a currency from the list, or type its code, e.g. EUR.').waitFor();
    await currency.fill('US Dollar (USD)');
    await language.fill('Browser default (en-US)');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();

    // Saving again fails (offline): the earlier "Profile saved." must not stand beside the problem.
    await session.context.setOffline(true);
    try {
      await profile.getByRole('button', { name: 'Save profile' }).click();
      await profile
        .getByRole('alert')
        .filter({ hasText: "You're offline — changes can't be saved until you're back online." })
        .waitFor();
      expect(await profile.getByRole('status').filter({ hasText: 'Profile saved.' }).count()).toBe(0);
    } finally {
      await session.context.setOffline(false);
    }

    // The theme, here as in the header.
    await page.getByRole('radio', { name: 'Dark' }).check();
    expect(await cssVariable('--bg')).toBe('#0e1319');
    await page.getByRole('radio', { name: 'Same as the system' }).check();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
