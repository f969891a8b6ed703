import { startTestServer, type TestServer } from '@finsight/api/testing';
import { totpCodeAt } from '@finsight/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, seriousA11yViolations, WEB_DIST } from './browser';

/**
 * The account in a real browser: security settings, 2FA at login, sessions, API tokens, the password reset
 * by mail, and the account's data. The browser says it is in Auckland, which the new account takes as its
 * time zone.
 */
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const accessibility: Record<string, string[]> = {};
const account = { username: 'mia', email: 'mia@example.com', password: 'violet-harbour-42' };

async function newContext(): Promise<BrowserContext> {
  const created = await browser.newContext({
    baseURL: server.url,
    locale: 'en-NZ',
    timezoneId: 'Pacific/Auckland',
    bypassCSP: true,
  });
  created.setDefaultTimeout(10_000);
  return created;
}

beforeAll(async () => {
  server = await startTestServer({ webDist: WEB_DIST });
  browser = await launchChromium();
  context = await newContext();
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function audit(name: string) {
  await screenshot(page, name);
  accessibility[name] = await seriousA11yViolations(page);
}

async function logIn(target: Page, password: string) {
  await target.goto('/login');
  await target.getByLabel('Email').fill(account.email);
  await target.getByLabel('Password').fill(password);
  await target.getByRole('button', { name: 'Log in' }).click();
}

/** The login page, asked to come back to `path` afterwards: where a session the server ended lands. */
const loginFor = (path: string) => (url: URL) =>
  url.pathname === '/login' && url.searchParams.get('next') === path;

const tokensIn = async (target: Page) =>
  JSON.parse((await target.evaluate(() => localStorage.getItem('finsight.tokens'))) ?? 'null') as {
    access: string;
    refresh: string;
  } | null;

describe('the account in a real browser', () => {
  it('signs up with the browser’s time zone', async () => {
    await page.goto('/register');
    await page.getByLabel('Username').fill(account.username);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome to finsight' }).waitFor();
    await page.goto('/settings');
    await expect.poll(() => page.getByLabel('Time zone').inputValue()).toBe('Pacific/Auckland');
    await audit('settings-security');
  });

  it('changes the password: this device stays in, the others are signed out', async () => {
    const other = await context.browser()?.newContext({ baseURL: server.url });
    const phone = await other?.newPage();
    if (!phone) throw new Error('no second browser');
    await logIn(phone, account.password);
    await phone.getByRole('link', { name: 'Dashboard' }).waitFor();

    await page.getByLabel('Current password').fill(account.password);
    await page.getByLabel('New password').fill('password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Choose a less common password.', { exact: true }).waitFor();
    await page.getByLabel('New password').fill('amber-lantern-77');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Every other device has been signed out.' }).waitFor();
    account.password = 'amber-lantern-77';
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();

    // Signed out by the server: the login page, which brings them back to the page they asked for.
    await phone.goto('/categories');
    await phone.waitForURL(loginFor('/categories'));
    await other?.close();
  });

  it('turns on two-factor authentication with a QR code, then asks for a code at login', async () => {
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    const secret = (await page.locator('code.secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await audit('two-factor-setup');
    await page.getByLabel('Code from the app').fill(totpCodeAt(secret, Date.now() - 30_000));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('Save these recovery codes now.').waitFor();
    const codes = await page.locator('.codes code').allTextContents();
    expect(codes).toHaveLength(10);
    await page.getByText('10 of 10 recovery codes left.').waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, account.password);
    await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    await audit('login-code');
    await page.getByLabel('Code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page
      .getByText(/not valid/)
      .first()
      .waitFor();
    await page.getByLabel('Code').fill(totpCodeAt(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();

    // A recovery code works too, once.
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, account.password);
    await page.getByLabel('Code').fill(codes[0] ?? '');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    await page.goto('/settings');
    await page.getByText('9 of 10 recovery codes left.').waitFor();

    await page.getByText('Turn off two-factor authentication').click();
    const off = page.getByRole('form', { name: 'Turn off two-factor authentication' });
    await off.getByLabel('Password').fill(account.password);
    await off.getByLabel('Code from the app, or a recovery code').fill(codes[1] ?? '');
    await off.getByRole('button', { name: 'Turn off' }).click();
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).waitFor();
  });

  it('lists the sessions, ends another one, and logging out ends this one on the server', async () => {
    const other = await newContext();
    const laptop = await other.newPage();
    await logIn(laptop, account.password);
    await laptop.getByRole('link', { name: 'Dashboard' }).waitFor();
    await page.reload();
    await page.getByText('This device').waitFor();
    const signOuts = page.getByRole('button', { name: /^Sign out Chrome on Linux/ });
    await expect.poll(() => signOuts.count()).toBeGreaterThanOrEqual(1);
    await signOuts.first().click();
    await expect.poll(() => page.locator('.session').count()).toBe(1);
    await laptop.goto('/transactions');
    await laptop.waitForURL(loginFor('/transactions'));
    await other.close();

    const held = await tokensIn(page);
    // Logging out does not wait for the server (the app leaves at once); the test waits for its answer.
    const loggedOut = page.waitForResponse((response) => response.url().includes('auth.logout'));
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await loggedOut;
    const refused = await fetch(`${server.url}/api/auth/refresh/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh: held?.refresh }),
    });
    expect(refused.status).toBe(401);
  });

  it('creates an API token, shows it once, and revokes it', async () => {
    await logIn(page, account.password);
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    await page.goto('/settings');
    const form = page.getByRole('form', { name: 'New API token' });
    await form.getByLabel('Name').fill('Claude Desktop');
    await form.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Copy your new token now').waitFor();
    const token = (await page.locator('.created-token code').textContent()) ?? '';
    expect(token).toMatch(/^fs_/);
    const works = await fetch(`${server.url}/api/finance/categories/`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(works.status).toBe(200);
    await page.getByRole('button', { name: 'Revoke the token Claude Desktop' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No tokens yet.').waitFor();
    const revoked = await fetch(`${server.url}/api/finance/categories/`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(401);
  });

  it('resets a forgotten password through the mailed link', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await audit('forgot-password');
    await page.getByLabel('Email').fill(account.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'a link to choose a new password is on its way' })
      .waitFor();
    await server.app.finsight.background.drain();
    const mail = server.mails.findLast((sent) => sent.to === account.email);
    const link = /http:\/\/\S+\/reset-password\?token=\S+/.exec(mail?.text ?? '')?.[0] ?? '';
    expect(link.startsWith(server.url)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await audit('reset-password');
    await page.getByLabel('New password').fill('cobalt-meadow-19');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password has been changed. Log in with the new one.').waitFor();
    account.password = 'cobalt-meadow-19';
    await logIn(page, account.password);
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
  });

  it('removes demo data, exports, and deletes the account', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.getByRole('heading', { name: 'Worth a look' }).waitFor();
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Remove demo data' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Removed \d+ demo transactions/ })
      .waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export my data' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^finsight-export-\d{4}-\d{2}-\d{2}\.json$/);
    await audit('settings-data');

    await page.getByText('Delete my account').first().click();
    const form = page.getByRole('form', { name: 'Delete my account' });
    await form.getByLabel('Your password').fill(account.password);
    await form.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL('**/login');
    await logIn(page, account.password);
    await page
      .getByRole('alert')
      .filter({ hasText: "That email and password don't match. Check them and try again." })
      .waitFor();
  });

  it('has no serious or critical accessibility violations on these pages', () => {
    expect(Object.keys(accessibility)).toHaveLength(6);
    for (const [name, violations] of Object.entries(accessibility))
      expect({ name, violations }).toEqual({ name, violations: [] });
  });
});
