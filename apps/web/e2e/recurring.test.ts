import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, screenshot, startBrowserSession } from './browser';

/**
 * Recurring payments in a real browser, on a year of demo data: the series finsight found, one confirmed,
 * one dismissed and brought back with Undo and with "Show dismissed", one renamed and reset; the empty
 * page of a new account explains when series appear.
 */
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession();
  page = session.page;
});
afterAll(() => session?.close());

const audit = (name: string) => session.audit(name);

/** The list is re-read after each decision, and detection behind it may take a few seconds. */
const SLOW = { timeout: 10_000 };
const series = () => page.locator('li.series');
const payees = () => series().locator('h3').allTextContents();
/** Payees that name one series only (a shop can be both a weekly and a monthly habit). */
const uniquePayees = async () => {
  const names = await payees();
  return names.filter((name) => names.indexOf(name) === names.lastIndexOf(name));
};
const item = (payee: string) =>
  series().filter({ has: page.getByRole('heading', { name: payee, exact: true }) });
const notice = (text: string) => page.getByRole('status').filter({ hasText: text });
const focused = (name: string) =>
  page.getByRole('button', { name, exact: true }).evaluate((element) => element === document.activeElement);

describe('recurring payments in a real browser', () => {
  it('explains when series appear, before there is any history', async () => {
    await page.goto('/register');
    await page.getByLabel('Username').fill('rio');
    await page.getByLabel('Email').fill('rio@example.com');
    await page.getByLabel('Password').fill('violet-harbour-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome to finsight' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recurring' }).click();
    await page.getByRole('heading', { name: 'No recurring payments found yet' }).waitFor();
    await audit('recurring-empty');
  });

  it('lists the series found in a year of demo data', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.getByRole('heading', { name: 'Worth a look' }).waitFor({ timeout: 60_000 });
    await page.getByRole('region', { name: 'Rest of the month' }).getByText('Coming up').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recurring' }).click();
    await series().first().waitFor({ timeout: 30_000 });
    expect(await series().count()).toBeGreaterThanOrEqual(3);
    const first = series().first();
    expect(await first.locator('.series-line').textContent()).toMatch(
      /^Every (week|two weeks|month|three months|year) · (Income|Expense) · /,
    );
    expect(await first.locator('.series-facts').textContent()).toMatch(
      /(High|Medium|Low) confidence \(\d+%\)/,
    );
    await audit('recurring');
  });

  it('confirms a series, and the confirmation can be undone', async () => {
    const [payee = ''] = await uniquePayees();
    await page.getByRole('button', { name: `Confirm ${payee}`, exact: true }).click();
    await notice(`“${payee}” confirmed as a recurring payment.`).waitFor();
    await item(payee).locator('.series-tag', { hasText: 'Confirmed' }).waitFor();
    // The Confirm button is gone: the focus is on the Undo beside the notice.
    expect(await focused('Undo')).toBe(true);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await notice(`“${payee}” is back in the list.`).waitFor();
    await expect
      .poll(() => item(payee).locator('.series-tag', { hasText: 'Confirmed' }).count(), SLOW)
      .toBe(0);
    await page.getByRole('button', { name: `Confirm ${payee}`, exact: true }).click();
    await item(payee).locator('.series-tag', { hasText: 'Confirmed' }).waitFor();
  });

  it('dismisses a series: it leaves the list, and Undo or “Show dismissed” bring it back', async () => {
    const before = await payees();
    const payee = (await uniquePayees())[1] ?? '';
    await page.getByRole('button', { name: `Dismiss ${payee}`, exact: true }).click();
    await notice(`“${payee}” dismissed`).waitFor();
    await expect.poll(() => payees(), SLOW).toEqual(before.filter((name) => name !== payee));
    expect(await focused('Undo')).toBe(true);
    await page.keyboard.press('Enter');
    await notice(`“${payee}” is back in the list.`).waitFor();
    await expect.poll(() => payees(), SLOW).toEqual(before);

    await page.getByRole('button', { name: `Dismiss ${payee}`, exact: true }).click();
    await expect.poll(() => payees(), SLOW).toEqual(before.filter((name) => name !== payee));
    await page.getByLabel('Show dismissed').check();
    await item(payee).locator('.series-tag', { hasText: 'Dismissed' }).waitFor();
    await audit('recurring-dismissed');
    await page.getByRole('button', { name: `Restore ${payee}`, exact: true }).click();
    await notice(`“${payee}” is back in the list.`).waitFor();
    await expect
      .poll(() => item(payee).locator('.series-tag', { hasText: 'Dismissed' }).count(), SLOW)
      .toBe(0);
    await page.getByLabel('Show dismissed').uncheck();
    await expect.poll(() => payees(), SLOW).toEqual(before);
  });

  it('renames a series and sets its amount, then goes back to what was found', async () => {
    const [payee = ''] = await uniquePayees();
    await page.getByRole('button', { name: `Edit ${payee}`, exact: true }).click();
    const form = page.getByRole('form', { name: `Edit ${payee}` });
    await form.getByLabel('Name').fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Enter a payee.', { exact: true }).waitFor();
    await form.getByLabel('Name').fill('Home sweet home');
    await form.getByLabel('How often').selectOption({ label: 'Every month' });
    await form.getByLabel('Typical amount').fill('999.50');
    await audit('recurring-edit');
    await form.getByRole('button', { name: 'Save' }).click();
    await notice('“Home sweet home” saved.').waitFor();
    const edited = item('Home sweet home');
    await edited.locator('.series-tag', { hasText: 'Edited' }).waitFor();
    expect(await edited.locator('.series-facts').textContent()).toContain('999.50');

    await page.getByRole('button', { name: 'Edit Home sweet home', exact: true }).click();
    await page
      .getByRole('form', { name: 'Edit Home sweet home' })
      .getByRole('button', { name: 'Use what finsight found' })
      .click();
    await notice(`“${payee}” is back to what finsight found.`).waitFor();
    await item(payee).waitFor();
    expect(await focused(`Edit ${payee}`)).toBe(true);
  });

  it('fits a phone', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await series().first().waitFor();
    await screenshot(page, 'recurring-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('has no serious or critical session.accessibility violations', () => {
    expect(Object.keys(session.accessibility)).toEqual([
      'recurring-empty',
      'recurring',
      'recurring-dismissed',
      'recurring-edit',
    ]);
    for (const [name, violations] of Object.entries(session.accessibility))
      expect({ name, violations }).toEqual({ name, violations: [] });
  });
});
