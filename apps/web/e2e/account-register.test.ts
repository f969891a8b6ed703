import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, screenshot, startBrowserSession } from './browser';

/**
 * Accounts in a real browser: a second account added, income, an expense and a transfer recorded in an
 * account's register with the balance after each row, the balances in the navigation following along; then
 * the account's details, the export of the list and a rule made from a transaction.
 */
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession({ acceptDownloads: true });
  page = session.page;
});
afterAll(() => session?.close());

const audit = (name: string) => session.audit(name);

const accountsNav = () => page.getByRole('navigation', { name: 'Accounts' });
/** "Savings$300.00": an account's link in the navigation, name and balance. */
const navAccount = (name: string) =>
  accountsNav()
    .locator('.account-links')
    .first()
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .textContent();
const navTotal = () => accountsNav().locator('.accounts-total').textContent();
const rows = () => page.locator('table.transactions tbody tr');
/** What a column shows (innerText: the payee repeated for phones in the category cell is hidden here). */
const column = (index: number) => rows().locator(`td:nth-child(${index})`).allInnerTexts();
/** Register columns: date, payee, category, note, amount, balance, actions. */
const CATEGORY = 3;
const AMOUNT = 5;
const BALANCE = 6;

async function addEntry(values: {
  type: 'Income' | 'Expense';
  amount: string;
  category: string;
  payee: string;
  date: string;
}) {
  const before = await rows().count();
  await page.getByRole('button', { name: 'New transaction' }).click();
  const form = page.getByRole('form', { name: 'New transaction' });
  await form.getByLabel(values.type, { exact: true }).check();
  await form.getByLabel('Amount').fill(values.amount);
  await form.getByLabel('Category').selectOption({ label: values.category });
  await form.getByLabel('Payee (optional)').fill(values.payee);
  await form.getByLabel('Date').fill(values.date);
  await form.getByRole('button', { name: 'Add transaction' }).click();
  await form.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Transaction added.' }).waitFor();
  await expect.poll(() => rows().count()).toBe(before + 1);
}

describe('accounts and the register in a real browser', () => {
  it('shows the default account and the total in the navigation', async () => {
    await page.goto('/register');
    await page.getByLabel('Username').fill('lena');
    await page.getByLabel('Email').fill('lena@example.com');
    await page.getByLabel('Password').fill('violet-harbour-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome to finsight' }).waitFor();
    await expect.poll(() => navAccount('Main account')).toBe('Main account$0.00');
    expect(await navTotal()).toBe('Total$0.00');
  });

  it('adds a savings account with an opening balance', async () => {
    await accountsNav().getByRole('link', { name: 'Add or manage accounts' }).click();
    await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
    const form = page.getByRole('form', { name: 'Add an account' });
    // The shared schema refuses a blank name before anything is sent.
    await form.getByRole('button', { name: 'Add account' }).click();
    await form.getByText('Enter a name.', { exact: true }).waitFor();
    await form.getByLabel('Name').fill('Savings');
    await form.getByLabel('Kind').selectOption('SAVINGS');
    await form.getByLabel('Opening balance').fill('100');
    await form.getByRole('button', { name: 'Add account' }).click();
    await page.waitForURL(/\/accounts\/\d+$/);
    await page.getByRole('heading', { name: 'Savings' }).waitFor();
    await page.getByRole('heading', { name: 'No transactions in this account yet' }).waitFor();
    await expect.poll(() => navAccount('Savings')).toBe('Savings$100.00');
    expect(await navTotal()).toBe('Total$100.00');
    await audit('account-empty');
  });

  it('records income and an expense in the register, with the balance after each', async () => {
    await page.goto('/categories');
    for (const name of ['Salary', 'Groceries']) {
      await page.getByLabel('New category').fill(name);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Added “${name}”.` })
        .waitFor();
    }
    await accountsNav()
      .getByRole('link', { name: /^Main account/ })
      .click();
    await page.getByRole('heading', { name: 'Main account' }).waitFor();
    await addEntry({
      type: 'Income',
      amount: '1000',
      category: 'Salary',
      payee: 'ACME Corp',
      date: '2026-10-01',
    });
    await addEntry({
      type: 'Expense',
      amount: '50',
      category: 'Groceries',
      payee: 'REWE',
      date: '2026-10-02',
    });
    expect(await column(BALANCE)).toEqual(['$950.00', '$1,000.00']);
    expect(await column(2)).toEqual(['REWE', 'ACME Corp']);
    await expect.poll(() => navAccount('Main account')).toBe('Main account$950.00');
    expect(await navTotal()).toBe('Total$1,050.00');
  });

  it('records a transfer: it reads as one, and both balances and the total follow', async () => {
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = page.getByRole('form', { name: 'New transaction' });
    expect(await form.getByLabel('Transfer', { exact: true }).isChecked()).toBe(true);
    expect(await form.getByLabel('From account').locator('option:checked').textContent()).toBe(
      'Main account',
    );
    await form.getByRole('button', { name: 'Record transfer' }).click();
    await form.getByText('Choose the account the money goes to.', { exact: true }).waitFor();
    await form.getByLabel('To account').selectOption({ label: 'Savings' });
    await form.getByLabel('Amount').fill('200');
    await form.getByLabel('Date').fill('2026-10-03');
    await form.getByLabel('Note (optional)').fill('Rainy day');
    await audit('transfer-form');
    await form.getByRole('button', { name: 'Record transfer' }).click();
    await page.getByRole('status').filter({ hasText: 'Transfer recorded.' }).waitFor();
    await expect.poll(() => rows().count()).toBe(3);
    // The other side's account is looked up after the row shows (TransferLabel): wait for it.
    await expect.poll(() => column(CATEGORY)).toEqual(['Transfer → Savings', 'Groceries', 'Salary']);
    await expect.poll(() => column(BALANCE)).toEqual(['$750.00', '$950.00', '$1,000.00']);
    await expect.poll(() => navAccount('Main account')).toBe('Main account$750.00');
    expect(await navAccount('Savings')).toBe('Savings$300.00');
    expect(await navTotal()).toBe('Total$1,050.00');
    await audit('account-register');

    await accountsNav()
      .getByRole('link', { name: /^Savings/ })
      .click();
    await page.getByRole('heading', { name: 'Savings' }).waitFor();
    await expect.poll(() => column(CATEGORY)).toEqual(['Transfer ← Main account']);
    expect(await rows().locator(`td:nth-child(${AMOUNT})`).allTextContents()).toEqual([
      'Transfer in +$200.00',
    ]);
    expect(await column(BALANCE)).toEqual(['$300.00']);
  });

  it('edits one side of the transfer, and the other side follows', async () => {
    await page.getByRole('button', { name: /^Edit Transfer 200\.00/ }).click();
    const form = page.getByRole('form', { name: 'Edit transfer' });
    await form.getByLabel('Amount').fill('250');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Transfer updated.' }).waitFor();
    await expect.poll(() => column(BALANCE)).toEqual(['$350.00']);
    await expect.poll(() => navAccount('Main account')).toBe('Main account$700.00');
    expect(await navAccount('Savings')).toBe('Savings$350.00');
  });

  it('refuses to delete an account with transactions, with the server’s reason; archives it instead', async () => {
    await page.getByRole('button', { name: 'Delete account' }).click();
    await page
      .getByRole('dialog', { name: 'Delete “Savings”?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByRole('alert').filter({ hasText: '"Savings" still has transactions.' }).waitFor();

    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('status').filter({ hasText: '“Savings” is archived' }).waitFor();
    await page.locator('h1 .badge', { hasText: 'archived' }).waitFor();
    // Archived: out of the open accounts and the total, folded away under its own heading.
    await expect.poll(() => navTotal()).toBe('Total$700.00');
    expect(await accountsNav().locator('.account-links').first().textContent()).toBe('Main account$700.00');
    await accountsNav().getByText('Archived (1)').click();
    await accountsNav()
      .locator('.archived-accounts')
      .getByRole('link', { name: /^Savings/ })
      .waitFor();
  });

  it('fits a phone: the accounts fold into one line that opens', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    const toggle = accountsNav().getByRole('button', { name: /^Accounts/ });
    const mainLink = accountsNav().getByRole('link', { name: /^Main account/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.textContent()).toBe('Accounts$700.00');
    expect(await mainLink.isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await mainLink.click();
    await page.getByRole('heading', { name: 'Main account' }).waitFor();
    // Following a link folds the list away again.
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await rows().first().waitFor();
    await screenshot(page, 'account-register-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('exports the filtered list as CSV with the access token', async () => {
    await page.goto('/transactions?search=REWE');
    await expect.poll(() => rows().count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^finsight-transactions-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('REWE');
    expect(lines[1]).toContain('-50.00');
  });

  it('makes a rule from a transaction, previews it and applies it', async () => {
    await page.getByRole('link', { name: /^Create a rule from Groceries 50\.00/ }).click();
    await page.waitForURL(/\/rules\?new=1/);
    const form = page.getByRole('form', { name: 'New rule' });
    expect(await form.getByLabel('Condition 1: field').inputValue()).toBe('payee');
    expect(await form.getByLabel('Condition 1: test').inputValue()).toBe('equals');
    expect(await form.getByLabel('Condition 1: text').inputValue()).toBe('REWE');
    expect(await form.getByLabel('Set the category').locator('option:checked').textContent()).toBe(
      'Groceries',
    );
    await form.getByLabel('Rename the payee to (optional)').fill('REWE Supermarket');
    await audit('rule-form');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await page.getByRole('status').filter({ hasText: 'Rule “REWE” created.' }).waitFor();
    await audit('rules');

    await page.getByRole('button', { name: 'Preview REWE' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '“REWE” matches 1 transaction; applying it would change 1.' })
      .waitFor();
    await page.getByRole('button', { name: 'Apply to existing transactions: REWE' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '“REWE” changed 1 transaction of the 1 it matches.' })
      .waitFor();

    // A limit added in an edit can be taken away again (the whole rule is replaced).
    const rule = page.locator('.rule', { hasText: 'REWE' });
    for (const [limit, described] of [
      ['100', 'payee is “REWE”, amount at most $100.00 then'],
      ['', 'payee is “REWE” then'],
    ]) {
      await page.getByRole('button', { name: 'Edit REWE' }).click();
      const form = page.getByRole('form', { name: 'Edit rule' });
      await form.getByLabel('Amount at most (optional)').fill(limit ?? '');
      await form.getByRole('button', { name: 'Save rule' }).click();
      await page.getByRole('status').filter({ hasText: 'Rule “REWE” saved.' }).waitFor();
      await expect.poll(() => rule.locator('p').textContent()).toContain(`If ${described}`);
    }

    await page.goto('/transactions');
    await expect
      .poll(() => page.locator('table.transactions td.col-payee').allTextContents())
      .toContain('REWE Supermarket');
  });

  it('has no serious or critical session.accessibility violations', () => {
    expect(Object.keys(session.accessibility)).toEqual([
      'account-empty',
      'transfer-form',
      'account-register',
      'rule-form',
      'rules',
    ]);
    for (const [name, violations] of Object.entries(session.accessibility))
      expect({ name, violations }).toEqual({ name, violations: [] });
  });
});
