import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, screenshot, startBrowserSession } from './browser';

/**
 * Budgets in a real browser: a budget added, an expense that takes it past 80 % turning its bar to
 * "Nearly spent" and the alerts bell to one unread alert, the alert opened from the bell (read, and on
 * the budgets page), the dashboard's budget and forecast cards, a new limit, rollover and delete.
 */
let session: BrowserSession;
let page: Page;
// The browser and the new account live in UTC: the server's "this month" is this one.
const today = new Date().toISOString().slice(0, 10);
const thisMonth = today.slice(0, 7);
const monthName = new Intl.DateTimeFormat('en-US', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
}).format(new Date(`${today}T00:00:00Z`));

beforeAll(async () => {
  session = await startBrowserSession();
  page = session.page;
});
afterAll(() => session?.close());

const audit = (name: string) => session.audit(name);

const bell = () => page.getByRole('banner').getByRole('button', { name: /unread alert/ });
const alertsPanel = () => page.getByRole('region', { name: 'Alerts' });
const budget = (category: string) => page.locator('li.budget', { hasText: category });
const bar = (category: string) => page.getByRole('progressbar', { name: `${category} budget used` });
const mainNav = () => page.getByRole('navigation', { name: 'Main' });

async function addExpense(amount: string, category: string) {
  await page.goto('/transactions?new=1');
  const form = page.getByRole('form', { name: 'New transaction' });
  await form.getByLabel('Expense', { exact: true }).check();
  await form.getByLabel('Amount').fill(amount);
  await form.getByLabel('Category').selectOption({ label: category });
  await form.getByLabel('Date').fill(today);
  await form.getByRole('button', { name: 'Add transaction' }).click();
  await form.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Transaction added.' }).waitFor();
}

describe('budgets and alerts in a real browser', () => {
  it('explains budgets before there are any, and adds one', async () => {
    await page.goto('/register');
    await page.getByLabel('Username').fill('bea');
    await page.getByLabel('Email').fill('bea@example.com');
    await page.getByLabel('Password').fill('violet-harbour-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome to finsight' }).waitFor();
    await page.goto('/categories');
    for (const name of ['Groceries', 'Rent']) {
      await page.getByLabel('New category').fill(name);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Added “${name}”.` })
        .waitFor();
    }
    expect(await bell().getAttribute('aria-label')).toBe('No unread alerts');

    await mainNav().getByRole('link', { name: 'Budgets' }).click();
    await page.getByRole('heading', { name: 'No budgets yet' }).waitFor();
    await audit('budgets-empty');

    await page.getByRole('button', { name: 'Add a budget' }).click();
    const form = page.getByRole('form', { name: 'Add a budget' });
    // The shared schema refuses a missing limit before anything is sent.
    await form.getByRole('button', { name: 'Add budget' }).click();
    await form.getByText('Enter an amount as a number, e.g. 12.50.', { exact: true }).waitFor();
    expect(await form.getByLabel('Category').locator('option').allTextContents()).toEqual([
      'Groceries',
      'Rent',
    ]);
    await form.getByLabel('Category').selectOption({ label: 'Groceries' });
    await form.getByLabel('Monthly limit').fill('100');
    expect(await form.getByLabel('Starts in').inputValue()).toBe(thisMonth);
    await audit('budget-form');
    await form.getByRole('button', { name: 'Add budget' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Budget for “Groceries” added: $100.00 a month from ${monthName}.` })
      .waitFor();
    await bar('Groceries').waitFor();
    expect(await bar('Groceries').getAttribute('aria-valuenow')).toBe('0');
    expect(await budget('Groceries').locator('.budget-usage').textContent()).toBe('0% of $100.00');
    expect(await budget('Groceries').locator('.budget-status').textContent()).toBe('✓On track');
  });

  it('turns the bar to “Nearly spent” past 80 %, and the bell counts the alert', async () => {
    await addExpense('85', 'Groceries');
    // The transaction's mutation refreshes the alerts: no waiting for the minute's poll.
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('1 unread alert');
    expect(await bell().locator('.bell-badge').textContent()).toBe('1');

    await mainNav().getByRole('link', { name: 'Budgets' }).click();
    await expect.poll(() => bar('Groceries').getAttribute('aria-valuenow')).toBe('85');
    expect(await bar('Groceries').getAttribute('aria-valuetext')).toBe('85% of $100.00: nearly spent');
    expect(await budget('Groceries').locator('.budget-status').textContent()).toBe('!Nearly spent');
    expect(await budget('Groceries').locator('.budget-figures').textContent()).toMatch(
      /^Spent\$85\.00Limit\$100\.00Left\$15\.00$/,
    );
    const totals = page.getByRole('region', { name: `All budgets in ${monthName}` });
    expect(
      await totals.getByRole('progressbar', { name: 'All budgets used' }).getAttribute('aria-valuenow'),
    ).toBe('85');
    await audit('budgets');
  });

  it('shows the fullest budgets and the forecast on the dashboard', async () => {
    await mainNav().getByRole('link', { name: 'Dashboard' }).click();
    const card = page.getByRole('region', { name: 'Budgets' });
    await card.getByRole('progressbar', { name: 'Groceries budget used' }).waitFor();
    expect(await card.locator('.budget-usage').textContent()).toBe('85% of $100.00');
    const forecast = page.getByRole('region', { name: 'Rest of the month' });
    await forecast
      .getByText(/^At this pace you will spend about \$[\d,.]+ by the \d+(st|nd|rd|th)/)
      .waitFor();
    await forecast.getByText('Safe to spend').waitFor();
    await audit('dashboard-budgets');
  });

  it('opens the alert from the bell: it is read, and the budgets page shows', async () => {
    await bell().click();
    const panel = alertsPanel();
    const item = panel.getByRole('link', { name: /Groceries has used 85% of its budget/ });
    await item.waitFor();
    expect(await item.textContent()).toContain('Unread: Budget nearly spent');
    await audit('alerts-panel');
    // Escape closes the panel and gives the focus back to the bell.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await bell().evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await bell().getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('Enter');
    await item.waitFor();
    await item.click();
    await page.waitForURL(`**/budgets?month=${thisMonth}`);
    await bar('Groceries').waitFor();
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('No unread alerts');
    expect(await bell().locator('.bell-badge').count()).toBe(0);

    // Read in the list too, and nothing left to mark.
    await bell().click();
    await expect.poll(() => alertsPanel().locator('.alert-item').getAttribute('class')).toBe('alert-item');
    expect(await alertsPanel().getByRole('button', { name: 'Mark all read' }).count()).toBe(0);
    // A click outside closes it.
    await page.getByRole('heading', { name: /^Budgets/ }).click();
    await alertsPanel().waitFor({ state: 'hidden' });
  });

  it('marks every alert read at once', async () => {
    // Over the limit: the second threshold's alert.
    await addExpense('20', 'Groceries');
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('1 unread alert');
    await bell().click();
    await alertsPanel()
      .getByRole('link', { name: /Groceries has used its whole budget/ })
      .waitFor();
    await alertsPanel().getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('No unread alerts');
    await expect.poll(() => alertsPanel().locator('.alert-item.unread').count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.goto('/budgets');
    await expect.poll(() => budget('Groceries').locator('.budget-status').textContent()).toBe('✕Over budget');
    expect(await bar('Groceries').getAttribute('aria-valuenow')).toBe('100');
    expect(await budget('Groceries').locator('.budget-figures').textContent()).toMatch(/Over by\$5\.00$/);
  });

  it('changes the limit from this month on, turns rollover on and deletes the budget', async () => {
    await page.getByRole('button', { name: 'Change limit for Groceries' }).click();
    const form = page.getByRole('form', { name: 'Change the Groceries limit' });
    expect(await form.getByLabel(/^From this month on/).isChecked()).toBe(true);
    await form.getByLabel('Monthly limit').fill('200');
    await form.getByRole('button', { name: 'Save limit' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `“Groceries”: $200.00 a month from ${monthName} on.` })
      .waitFor();
    await expect.poll(() => bar('Groceries').getAttribute('aria-valuenow')).toBe('53');
    expect(await budget('Groceries').locator('.budget-usage').textContent()).toBe('52.5% of $200.00');
    expect(
      await page
        .getByRole('button', { name: 'Change limit for Groceries' })
        .evaluate((b) => b === document.activeElement),
    ).toBe(true);

    await budget('Groceries').getByLabel('Roll over Groceries').check();
    await page.getByRole('status').filter({ hasText: 'now carries what is left' }).waitFor();
    await budget('Groceries').getByText('Rolls over: nothing carried in').waitFor();

    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, 'budgets-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await bell().click();
    await alertsPanel().locator('.alert-item').first().waitFor();
    await screenshot(page, 'alerts-phone');
    const panelBox = await alertsPanel().boundingBox();
    expect(panelBox?.x).toBeGreaterThanOrEqual(0);
    expect((panelBox?.x ?? 0) + (panelBox?.width ?? 0)).toBeLessThanOrEqual(375);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Delete the Groceries budget' }).click();
    await page
      .getByRole('dialog', { name: 'Delete the budget for “Groceries”?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Budget for “Groceries” deleted.' }).waitFor();
    await page.getByRole('heading', { name: 'No budgets yet' }).waitFor();
  });

  it('has no serious or critical session.accessibility violations', () => {
    expect(Object.keys(session.accessibility)).toEqual([
      'budgets-empty',
      'budget-form',
      'budgets',
      'dashboard-budgets',
      'alerts-panel',
    ]);
    for (const [name, violations] of Object.entries(session.accessibility))
      expect({ name, violations }).toEqual({ name, violations: [] });
  });
});
