import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './browser';

/**
 * The categories page in a real browser: what each category is used for and how many transactions it has,
 * one editor at a time that Escape closes (bug 10), deleting an unused category after a plain confirm and a
 * used one by moving its transactions first, merging, and the whole page at phone size.
 */
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession();
  page = session.page;
});
afterAll(() => session?.close());

const row = (name: string) =>
  page.locator('li.category').filter({ has: page.getByRole('link', { name, exact: true }) });
const status = (text: string) => page.getByRole('status').filter({ hasText: text });
const notice = () => page.locator('p.notice');
const editors = () => page.getByRole('form', { name: /^Edit / });

/** The REST API as the signed-in user, for what the test needs but does not test (transactions). */
async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const tokens = JSON.parse((await page.evaluate(() => localStorage.getItem('finsight.tokens'))) ?? '{}');
  const response = await fetch(`${session.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens.access}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

async function categoryIds(): Promise<Record<string, number>> {
  const list = (await api('GET', '/api/finance/categories/')) as { id: number; name: string }[];
  return Object.fromEntries(list.map((category) => [category.name, category.id]));
}

async function addCategory(name: string, usedFor: string) {
  const form = page.getByRole('form', { name: 'Add a category' });
  await form.getByLabel('New category').fill(name);
  await form.getByLabel('Used for').selectOption({ label: usedFor });
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await status(`Added “${name}”.`).waitFor();
}

describe('categories in a real browser', () => {
  it('adds categories for income, expenses or both, and shows how many transactions each has', async () => {
    await page.goto('/register');
    await page.getByLabel('Username').fill('cara');
    await page.getByLabel('Email').fill('cara@example.com');
    await page.getByLabel('Password').fill('violet-harbour-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome to finsight' }).waitFor();
    await page.goto('/categories');
    await page.getByRole('heading', { name: 'No categories yet' }).waitFor();

    await addCategory('Groceries', 'Expenses only');
    await addCategory('Salary', 'Income only');
    await addCategory('Food', 'Income and expenses');
    await addCategory('Dining', 'Expenses only');
    await addCategory('Rent', 'Expenses only');
    // A blank name is refused at its field, and "Added “Rent”." goes: it is old news next to an error.
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('form', { name: 'Add a category' }).locator('.field-invalid').waitFor();
    await expect.poll(() => notice().textContent()).toBe('');

    const ids = await categoryIds();
    for (const [category, amount] of [
      ['Groceries', '12.50'],
      ['Groceries', '30.00'],
      ['Food', '8.00'],
    ] as const) {
      await api('POST', '/api/finance/transactions/', {
        category: ids[category],
        payee: 'Market',
        type: 'EXPENSE',
        amount,
        date: '2026-11-02',
      });
    }
    await page.reload();
    const facts = (name: string) => row(name).locator('.category-facts > span').allTextContents();
    await expect.poll(() => facts('Groceries')).toEqual(['Expenses', '2 transactions']);
    expect(await facts('Salary')).toEqual(['Income', '0 transactions']);
    expect(await facts('Food')).toEqual(['Income and expenses', '1 transaction']);
    await session.audit('categories');
  });

  it('opens one editor at a time; Escape closes it and puts focus back on its Edit button (bug 10)', async () => {
    await page.getByRole('button', { name: 'Edit Groceries' }).click();
    const groceries = page.getByRole('form', { name: 'Edit Groceries' });
    await expect
      .poll(() => groceries.getByLabel('Name').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await session.audit('category-editor');

    await page.getByRole('button', { name: 'Edit Food' }).click();
    await page.getByRole('form', { name: 'Edit Food' }).waitFor();
    expect(await editors().count()).toBe(1);

    await page.keyboard.press('Escape');
    await editors().first().waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Edit Food');
  });

  it('takes an old success message away when an error shows (bug 10), and saves a new kind', async () => {
    await addCategory('Travel', 'Income and expenses');
    await page.getByRole('button', { name: 'Edit Travel' }).click();
    const travel = page.getByRole('form', { name: 'Edit Travel' });
    await travel.getByLabel('Name').fill('Groceries');
    await travel.getByRole('button', { name: 'Save' }).click();
    await travel.locator('.field-invalid').waitFor();
    await expect.poll(() => notice().textContent()).toBe('');
    await travel.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Edit Food' }).click();
    const food = page.getByRole('form', { name: 'Edit Food' });
    await food.getByLabel('Used for').selectOption({ label: 'Expenses only' });
    await food.getByRole('button', { name: 'Save' }).click();
    await status('Saved “Food”.').waitFor();
    expect(await row('Food').locator('.category-kind').textContent()).toBe('Expenses');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Edit Food');
  });

  it('deletes a category no transaction uses after a plain confirm', async () => {
    await page.getByRole('button', { name: 'Delete Rent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Rent”?' });
    expect(await dialog.locator('p').first().textContent()).toBe(
      'No transaction uses Rent. It will be deleted; this cannot be undone.',
    );
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await status('Deleted “Rent”.').waitFor();
    await row('Rent').waitFor({ state: 'detached' });
    // Its Delete button is gone with it: focus starts again at the top of the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });

  it('moves the transactions of a category in use to another one, then deletes it', async () => {
    await page.getByRole('button', { name: 'Delete Groceries' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Groceries”?' });
    expect(await dialog.locator('p').first().textContent()).toBe(
      'Groceries has 2 transactions. Choose a category to move them to, with its rules and recurring payments; then Groceries is deleted.',
    );
    await session.audit('delete-dialog');
    await dialog.getByLabel('Move them to').selectOption({ label: 'Dining' });
    await dialog.getByRole('button', { name: 'Move and delete' }).click();
    await status('Moved 2 transactions to “Dining” and deleted “Groceries”.').waitFor();
    await row('Groceries').waitFor({ state: 'detached' });
    await expect.poll(() => row('Dining').locator('.category-count').textContent()).toBe('2 transactions');

    const ids = await categoryIds();
    const moved = (await api('GET', `/api/finance/transactions/?category=${ids.Dining}&limit=10`)) as {
      count: number;
    };
    expect(moved.count).toBe(2);
  });

  it('merges one category into another, saying first what will happen', async () => {
    await page.getByRole('button', { name: 'Merge Food' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge “Food” into another category?' });
    await dialog.getByLabel('Merge into').selectOption({ label: 'Dining' });
    expect(await dialog.locator('p').first().textContent()).toBe(
      'The 1 transaction of Food, its rules and recurring payments, and its budget if Dining has none, will move to Dining. Then Food is deleted; this cannot be undone.',
    );
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await status('Merged “Food” into “Dining”: 1 transaction moved.').waitFor();
    await row('Food').waitFor({ state: 'detached' });
    await expect.poll(() => row('Dining').locator('.category-count').textContent()).toBe('3 transactions');
  });

  it('fits a phone: no sideways scrolling, and every control is at least 44 px', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/categories');
    await row('Dining').waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    const small = await page.locator('.categories-page').evaluate((root) =>
      [...root.querySelectorAll('a, button, input, select')]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
        .map(
          ({ el, box }) => `${el.textContent || el.getAttribute('aria-label')}: ${box.width}x${box.height}`,
        ),
    );
    expect(small).toEqual([]);
    await session.audit('categories-phone');
    await page.getByRole('button', { name: 'Delete Dining' }).click();
    await session.audit('delete-dialog-phone');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Delete Dining');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('reads and shows amounts the way the user’s locale writes them: accounts and rules', async () => {
    await api('PATCH', '/api/auth/me/', { locale: 'de-DE', currency: 'EUR' });
    await page.goto('/accounts');
    const add = page.getByRole('form', { name: 'Add an account' });
    await add.getByLabel('Name').fill('Tagesgeld');
    await add.getByLabel('Opening balance').fill('1.234,5');
    await add.getByRole('button', { name: 'Add account' }).click();
    const edit = page.getByRole('form', { name: 'Edit account' });
    await expect.poll(() => edit.getByLabel('Opening balance').inputValue()).toBe('1234,50');

    // What cannot be read is explained at the field, with an example written the German way.
    await edit.getByLabel('Opening balance').fill('12,345');
    await edit.getByRole('button', { name: 'Save account' }).click();
    await edit
      .getByText('Enter the amount as a number with at most two decimals, such as 1234,50.', { exact: true })
      .waitFor();
    await page.goto('/accounts');
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /Tagesgeld/ })
          .locator('.money')
          .textContent(),
      )
      .toBe('1.234,50\u00a0€');

    await page.goto('/rules?new=1');
    const rule = page.getByRole('form', { name: 'New rule' });
    await rule.getByLabel('Name', { exact: true }).fill('Big orders');
    await rule.getByLabel('Condition 1: text').fill('Amazon');
    await rule.getByLabel('Amount at least (optional)').fill('10,5');
    await rule.getByLabel('Amount at most (optional)').fill('2.000');
    await rule.getByLabel('Set the category').selectOption({ label: 'Dining' });
    await rule.getByRole('button', { name: 'Create rule' }).click();
    await status('Rule “Big orders” created.').waitFor();
    expect(await page.locator('li.rule p').first().textContent()).toBe(
      'If payee contains “Amazon”, amount 10,50\u00a0€–2.000,00\u00a0€ then category → Dining',
    );
  });

  it('has no serious or critical accessibility violations', () => {
    expect(Object.keys(session.accessibility)).toEqual([
      'categories',
      'category-editor',
      'delete-dialog',
      'categories-phone',
      'delete-dialog-phone',
    ]);
    for (const [name, violations] of Object.entries(session.accessibility))
      expect({ name, violations }).toEqual({ name, violations: [] });
  });
});
