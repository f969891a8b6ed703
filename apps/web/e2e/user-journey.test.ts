import { expiredAccess } from '@finsight/api/testing';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type BrowserSession, screenshot, startBrowserSession } from './browser';

let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession();
  page = session.page;
});
afterAll(() => session?.close());

const audit = (name: string) => session.audit(name);

const stat = (label: string) => page.locator('.stat', { hasText: label }).locator('.value');

async function addTransaction(values: {
  type: 'Income' | 'Expense';
  amount: string;
  category: string;
  date: string;
  note?: string;
}) {
  await page.getByRole('button', { name: 'New transaction' }).click();
  const form = page.getByRole('form', { name: 'New transaction' });
  await form.getByLabel(values.type, { exact: true }).check();
  await form.getByLabel('Amount').fill(values.amount);
  await form.getByLabel('Category').selectOption({ label: values.category });
  await form.getByLabel('Date').fill(values.date);
  if (values.note) await form.getByLabel('Note (optional)').fill(values.note);
  const rows = await page.locator('table.transactions tbody tr').count();
  await form.getByRole('button', { name: 'Add transaction' }).click();
  // Saved: the form closes, the notice shows and the new row is listed.
  await form.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Transaction added.' }).waitFor();
  await expect.poll(() => page.locator('table.transactions tbody tr').count()).toBe(rows + 1);
}

describe('a new user in a real browser', () => {
  it('registers and lands on the first-run dashboard', async () => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await audit('login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Username').fill('jane');
    await page.getByLabel('Email').fill('jane@example.com');
    // A weak password is refused inline, from the shared schema, before anything is sent.
    await page.getByLabel('Password').fill('12345678');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByText('Add letters or symbols to the password.').count()).toBe(1);
    await audit('register');
    await page.getByLabel('Password').fill('violet-harbour-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome to finsight' }).waitFor();
    await audit('first-run');
  });

  it('creates categories, using only the keyboard', async () => {
    await page.getByRole('link', { name: 'Categories', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Categories', exact: true }).waitFor();
    for (const name of ['Salary', 'Groceries', 'Rent']) {
      await page.getByLabel('New category').focus();
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: `Added “${name}”.` })
        .waitFor();
    }
    await expect
      .poll(() => page.locator('.category a').allTextContents())
      .toEqual(['Groceries', 'Rent', 'Salary']);
    await audit('categories');
  });

  it('adds income and expenses, with inline validation errors', async () => {
    await page.getByRole('link', { name: 'Transactions' }).click();
    await page.getByRole('button', { name: 'New transaction' }).click();
    const form = page.getByRole('form', { name: 'New transaction' });
    await form.getByLabel('Amount').fill('12.345');
    await form.getByRole('button', { name: 'Add transaction' }).click();
    await form
      .getByText('Enter the amount as a number with at most two decimals, such as 1234.50.', { exact: true })
      .waitFor();
    await form.getByText('Choose a category.', { exact: true }).waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();

    await addTransaction({
      type: 'Income',
      amount: '3000',
      category: 'Salary',
      date: '2026-10-01',
      note: 'October pay',
    });
    await addTransaction({ type: 'Expense', amount: '1000', category: 'Rent', date: '2026-10-02' });
    await addTransaction({
      type: 'Expense',
      amount: '120.50',
      category: 'Groceries',
      date: '2026-10-05',
      note: 'Weekly shop',
    });
    await expect.poll(() => page.locator('table.transactions tbody tr').count()).toBe(3);
    await audit('transactions');
  });

  it('shows the right totals on the dashboard', async () => {
    await page.goto('/?month=2026-10');
    await expect.poll(() => stat('Income').textContent()).toBe('$3,000.00');
    expect(await stat('Expenses').textContent()).toBe('$1,120.50');
    expect(await stat('Savings').first().textContent()).toBe('$1,879.50');
    expect(await stat('Savings rate').textContent()).toBe('62.7%');
    await page.locator('table.breakdown').getByRole('link', { name: 'Rent' }).waitFor();
    await page
      .getByText(
        'In October 2026 you earned $3,000.00 and spent $1,120.50, saving $1,879.50 (62.7% of income).',
      )
      .waitFor();
    await audit('dashboard');
  });

  it('moves a transaction into another month, and both months change', async () => {
    await page.goto('/transactions');
    await page.getByRole('button', { name: /^Edit Groceries 120\.50/ }).click();
    const form = page.getByRole('form', { name: 'Edit transaction' });
    await form.getByLabel('Date').fill('2026-09-28');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Transaction updated.' }).waitFor();

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.goto('/?month=2026-10');
    await expect.poll(() => stat('Expenses').textContent()).toBe('$1,000.00');
    await page.getByRole('button', { name: 'Previous month' }).click();
    await page.getByRole('heading', { name: 'September 2026' }).waitFor();
    await expect.poll(() => stat('Expenses').textContent()).toBe('$120.50');
    expect(await stat('Income').textContent()).toBe('$0.00');
  });

  it('puts a row back at once, and says why, when the server refuses to delete it', async () => {
    await page.goto('/transactions');
    const rows = page.locator('table.transactions tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    // The delete is held until the optimistic removal has been seen, then sent for an id that does not exist,
    // so the real server refuses it. List reads are held meanwhile: a row that comes back before they are
    // released was put back by the rollback, not by a refetch.
    let sendDelete = () => {};
    const deleteSent = new Promise<void>((resolve) => {
      sendDelete = resolve;
    });
    onTestFinished(() => page.unrouteAll({ behavior: 'ignoreErrors' }));
    await page.route('**/trpc/transactions.delete**', async (route) => {
      await deleteSent;
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, { id: number }>;
      for (const call of Object.values(body)) call.id = 2_147_483_647;
      await route.continue({ postData: JSON.stringify(body) });
    });
    const heldReads: Route[] = [];
    let holdReads = false;
    await page.route(/\/trpc\/[^?]*transactions\.list/, (route) =>
      holdReads ? void heldReads.push(route) : route.continue(),
    );

    await page.getByRole('button', { name: /^Delete Rent 1000\.00/ }).click();
    await page
      .getByRole('dialog', { name: 'Delete this transaction?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect.poll(() => rows.count()).toBe(2);

    holdReads = true;
    sendDelete();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.getByRole('button', { name: /^Delete Rent 1000\.00/ }).count()).toBe(1);

    // The notice follows once the lists and insights are fresh again.
    holdReads = false;
    for (const route of heldReads.splice(0)) await route.continue();
    await page
      .getByRole('status')
      .filter({
        hasText:
          'Could not delete: This transaction no longer exists — it may have been deleted in another tab.',
      })
      .waitFor();
    expect(await rows.count()).toBe(3);
  });

  it('deletes a transaction after confirmation', async () => {
    await page.goto('/transactions');
    await page.getByRole('button', { name: /^Delete Rent 1000\.00/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this transaction?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').filter({ hasText: 'Transaction deleted.' }).waitFor();
    await expect.poll(() => page.locator('table.transactions tbody tr').count()).toBe(2);
    await page.goto('/?month=2026-10');
    await expect.poll(() => stat('Expenses').textContent()).toBe('$0.00');
  });

  it('explains that a category in use needs its transactions moved first, and Cancel keeps it', async () => {
    // Moving them and deleting ("Move and delete") is covered in categories.test.ts.
    await page.goto('/categories');
    await page.getByRole('button', { name: 'Delete Salary' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Salary”?' });
    expect(await dialog.locator('p').first().textContent()).toBe(
      'Salary has 1 transaction. Choose a category to move them to, with its rules and recurring payments; then Salary is deleted.',
    );
    await dialog.getByRole('button', { name: 'Move and delete' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('.category a').allTextContents()).toEqual(['Groceries', 'Rent', 'Salary']);
    expect(
      await page.locator('li.category', { hasText: 'Salary' }).locator('.category-count').textContent(),
    ).toBe('1 transaction');
  });

  it('logs out and back in', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('Email').fill('jane@example.com');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: "That email and password don't match. Check them and try again." })
      .waitFor();
    await page.getByLabel('Password').fill('violet-harbour-42');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
  });

  it('refreshes an expired access token without the user noticing, and returns to login when that fails', async () => {
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('finsight.tokens'))) ?? '{}');
    const expired = await expiredAccess(stored.access);
    await page.evaluate(
      (tokens) => localStorage.setItem('finsight.tokens', tokens),
      JSON.stringify({ ...stored, access: expired }),
    );
    await page.goto('/categories');
    await expect.poll(() => page.locator('.category a').count()).toBe(3);
    const after = JSON.parse((await page.evaluate(() => localStorage.getItem('finsight.tokens'))) ?? '{}');
    expect(after.access).not.toBe(expired);

    await page.evaluate(
      (tokens) => localStorage.setItem('finsight.tokens', tokens),
      JSON.stringify({ access: expired, refresh: 'revoked' }),
    );
    await page.goto('/categories');
    // The login page, asked to bring the user back to the page they were on.
    await page.waitForURL(
      (url) => url.pathname === '/login' && url.searchParams.get('next') === '/categories',
    );
  });

  it('loads a year of demo data for a new account and fits a phone screen', async () => {
    await page.goto('/register');
    await page.getByLabel('Username').fill('demo');
    await page.getByLabel('Email').fill('demo@example.com');
    await page.getByLabel('Password').fill('violet-harbour-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.getByRole('heading', { name: 'Worth a look' }).waitFor();
    await page.locator('.anomaly').first().waitFor();
    await audit('dashboard-demo');
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, 'dashboard-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.goto('/transactions');
    await page.locator('table.transactions tbody tr').first().waitFor();
    await screenshot(page, 'transactions-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByText(/^Page 2 of \d+/).count()).toBe(1);
    await page.goto('/settings');
    await page.getByLabel('Show amounts in').fill('EUR');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    await audit('settings');
  });

  it('has no serious or critical session.accessibility violations on any page', () => {
    expect(Object.keys(session.accessibility)).toEqual(
      expect.arrayContaining([
        'login',
        'register',
        'first-run',
        'categories',
        'transactions',
        'dashboard',
        'dashboard-demo',
        'settings',
      ]),
    );
    for (const [name, violations] of Object.entries(session.accessibility))
      expect({ name, violations }).toEqual({ name, violations: [] });
  });
});
