import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './browser';

/**
 * The dashboard and its neighbours for a German user with a year of demo data, in a de-DE browser: every
 * amount, date and month written the German way (no "€4,200.00", no raw "1299.00" or "2026-11-02"), charts
 * with axes, a tooltip on hover and keyboard focus and bars that open the month's transactions, a category
 * over time, a month that does not exist, and the pages at phone size with a seven-figure expense.
 */
let session: BrowserSession;
let page: Page;
const today = new Date().toISOString().slice(0, 10);
const thisMonth = today.slice(0, 7);
const german = (options: Intl.DateTimeFormatOptions, iso: string) =>
  new Intl.DateTimeFormat('de-DE', { ...options, timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
const thisMonthName = german({ month: 'long', year: 'numeric' }, `${thisMonth}-01`);

/** What a US-formatted amount or a raw server value looks like: none may show to a de-DE user. */
const FOREIGN = [
  /[$€£]\s?\d{1,3}(,\d{3})*\.\d{2}\b/, // €4,200.00
  /\b\d{1,3}(,\d{3})+\.\d{2}\b/, // 1,234,567.89
  /(?<![\d,.])\d+\.\d{2}(?![\d,.])/, // 1299.00, not 03.12.2026
  /\b\d{4}-\d{2}(-\d{2})?\b/, // 2026-11-02, 2026-11
];
const foreignIn = (text: string | null) => FOREIGN.filter((pattern) => pattern.test(text ?? '')).map(String);

async function call(path: string, body: unknown, access?: string) {
  const response = await fetch(`${session.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(access ? { authorization: `Bearer ${access}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const mainText = async () => (await page.getByRole('main').textContent()) ?? '';
/**
 * Buttons, links and fields in the page smaller than 44 × 44 px. A checkbox counts by its label (the target a
 * finger hits); the month picker's arrows belong to the shared month picker (components/month-picker.tsx).
 */
const smallTargets = () =>
  page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'main a, main button, main select, main summary, main input:not([type=checkbox]):not([type=radio]):not(.file-input), main label.check',
      ),
    ]
      .filter((element) => !element.closest('.month-picker, .visually-hidden'))
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
      .map(
        ({ element, box }) => `${element.textContent?.trim() || element.tagName} ${box.width}×${box.height}`,
      ),
  );
/** Elements in the page whose content is wider than they are (text cut off or spilling out of a card). */
const overflowing = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('main .card *, main .state *')]
      .filter((element) => {
        const style = getComputedStyle(element);
        return (
          !['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName) &&
          style.display !== 'inline' &&
          style.overflowX !== 'auto' &&
          style.overflowX !== 'scroll' &&
          !element.closest('.table-wrap, .visually-hidden, svg, .bar-chart') &&
          element.scrollWidth > element.clientWidth + 1
        );
      })
      .map((element) => `${element.tagName}.${element.className}: ${element.textContent?.slice(0, 40)}`),
  );
// Polled: right after a viewport change the chart may still be laid out for the old width for a frame.
// On failure the message names what sticks out.
const noHorizontalScroll = async () => {
  let wide: string[] = [];
  try {
    await expect
      .poll(async () => {
        wide = await page.evaluate(() =>
          (document.scrollingElement?.scrollWidth ?? 0) <= window.innerWidth
            ? []
            : [
                `scrollWidth ${document.scrollingElement?.scrollWidth}`,
                ...[...document.querySelectorAll('body *')]
                  .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
                  .slice(-5)
                  .map((element) => `${element.tagName}.${element.className}`),
              ],
        );
        return wide.length;
      })
      .toBe(0);
    return true;
  } catch {
    console.error('wider than the viewport:', wide);
    return false;
  }
};

beforeAll(async () => {
  session = await startBrowserSession({ locale: 'de-DE' });
  page = session.page;
  // A user with a year of demo data in euros, and one very large expense this month.
  const user = { username: 'greta', email: 'greta@example.com', password: 'violet-harbour-42' };
  await call('/api/auth/register/', user);
  const tokens = (await call('/api/auth/login/', { email: user.email, password: user.password })) as {
    access: string;
    refresh: string;
  };
  await call('/trpc/auth.updateProfile', { preferredCurrency: 'EUR' }, tokens.access);
  await call('/trpc/demo.load', {}, tokens.access);
  const categories = await fetch(`${session.server.url}/trpc/categories.list`, {
    headers: { authorization: `Bearer ${tokens.access}` },
  }).then((response) => response.json() as Promise<{ result: { data: { id: number; name: string }[] } }>);
  const shopping = categories.result.data.find((category) => category.name === 'Shopping');
  await call(
    '/trpc/transactions.create',
    { type: 'EXPENSE', amount: '1234567.89', date: today, categoryId: shopping?.id, payee: 'Ferienhaus' },
    tokens.access,
  );
  await page.goto('/login');
  await page.evaluate((stored) => localStorage.setItem('finsight.tokens', stored), JSON.stringify(tokens));
}, 60_000);
afterAll(() => session?.close());

describe('the dashboard in German', () => {
  it('writes every amount, month and date the German way, the narrative and the anomalies too', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: thisMonthName }).waitFor();
    const narrative = page.getByRole('region', { name: 'In short' });
    await narrative.locator('p').getByText(/^In /).waitFor();
    const worth = page.getByRole('region', { name: 'Worth a look' });
    await worth.locator('li').first().waitFor();
    // A German amount: "1.234.567,89 €".
    expect(await page.locator('.stat.expense .value').textContent()).toMatch(/^[\d.]+,\d{2}\s€$/);
    expect(await narrative.textContent()).toMatch(/\d,\d{2}\s€/);
    expect(await worth.textContent()).toMatch(/1\.234\.567,89\s€/);
    expect(foreignIn(await mainText())).toEqual([]);
    await session.audit('dashboard-de');
    expect(session.accessibility['dashboard-de']).toEqual([]);
  });

  it('draws the trend with an amount axis, months with their year, and exact amounts on hover and focus', async () => {
    const trend = page.getByRole('region', { name: 'Month by month' });
    const months = trend.getByRole('group', { name: 'Income and expenses by month' }).getByRole('link');
    expect(await months.count()).toBe(12);
    const axis = await trend.locator('svg text.axis').allTextContents();
    expect(axis).toContain(german({ year: 'numeric' }, `${thisMonth}-01`));
    expect(axis.some((label) => /€/.test(label))).toBe(true);

    // Hovering the current month shows its exact amounts, the same as the table's.
    await months.last().hover();
    const tooltip = trend.locator('.chart-tooltip');
    await expect.poll(() => tooltip.textContent()).toContain(thisMonthName);
    const row = trend.locator('.chart-table tbody tr').last();
    const expenses = await row.locator('td').nth(1).textContent();
    expect(expenses).toMatch(/^1\.2\d\d\.\d{3},\d{2}\s€$/);
    expect(await tooltip.textContent()).toContain(expenses ?? '');

    // The keyboard: one tab stop, the arrows move month by month and Escape hides the tooltip.
    await months.last().focus();
    await page.keyboard.press('ArrowLeft');
    const previous = german({ month: 'long', year: 'numeric' }, `${shift(thisMonth, -1)}-01`);
    await expect.poll(() => tooltip.textContent()).toContain(previous);
    expect(await months.nth(10).evaluate((link) => link === document.activeElement)).toBe(true);
    expect(await months.nth(10).textContent()).toContain(previous);
    await page.keyboard.press('Escape');
    await tooltip.waitFor({ state: 'detached' });

    // Enter (or a click) opens that month's transactions.
    await page.keyboard.press('Enter');
    await page.waitForURL(
      (url) =>
        url.pathname === '/transactions' && url.searchParams.get('from') === `${shift(thisMonth, -1)}-01`,
    );
    expect(new URL(page.url()).searchParams.get('to')).toMatch(
      new RegExp(`^${shift(thisMonth, -1)}-\\d{2}$`),
    );
  });

  it('follows one category month by month, and opens its transactions in a month', async () => {
    await page.goto('/');
    const card = page.getByRole('region', { name: 'A category over time' });
    const select = card.getByLabel('Category');
    const value = await select.locator('option', { hasText: 'Rent' }).getAttribute('value');
    await select.selectOption(value ?? '');
    // This month's bar is Rent's own spending: what "Where the money went" says Rent cost.
    const rent = page
      .getByRole('region', { name: 'Where the money went' })
      .getByRole('row', { name: /^Rent/ })
      .locator('td')
      .first();
    const thisMonthRow = card.locator('.chart-table tbody tr').last();
    await expect.poll(() => thisMonthRow.locator('td').last().textContent()).toBe(await rent.textContent());
    await card.getByRole('group', { name: 'Rent by month' }).getByRole('link').last().click();
    await page.waitForURL(
      (url) => url.pathname === '/transactions' && url.searchParams.get('category') === value,
    );
    expect(new URL(page.url()).searchParams.get('from')).toBe(`${thisMonth}-01`);
  });

  it('shows this month, with a sentence, for a month that does not exist', async () => {
    await page.goto('/?month=2026-13');
    await page.getByRole('heading', { level: 1, name: thisMonthName }).waitFor();
    await page.getByText(`That month doesn't exist, so you're seeing ${thisMonthName}.`).waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await page.goto('/budgets?month=2026-00');
    await page.getByText(`That month doesn't exist, so you're seeing ${thisMonthName}.`).waitFor();
  });

  it('shows a faint chart and what to do for months without data', async () => {
    await page.goto('/?month=2001-06');
    const trend = page.getByRole('region', { name: 'Month by month' });
    await trend.getByText('No income or expenses in these 12 months.', { exact: false }).waitFor();
    expect(await trend.locator('.empty-chart-bars span').count()).toBeGreaterThan(0);
  });
});

describe('forms and alerts in German', () => {
  it('takes a budget limit typed the German way, and words its alert in German figures', async () => {
    await page.goto('/categories');
    await page.getByLabel('New category').fill('Bücher');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Bücher' }).waitFor();

    await page.goto('/budgets?new=1');
    const form = page.getByRole('form', { name: 'Add a budget' });
    await form.getByLabel('Category').selectOption({ label: 'Bücher' });
    await form.getByLabel('Monthly limit').fill('1.234,50');
    await form.getByRole('button', { name: 'Add budget' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Budget for “Bücher” added: 1\.234,50\s€ a month from Dezember 2026\./ })
      .waitFor();
    const budget = page.locator('li.budget', { hasText: 'Bücher' });
    expect(await budget.getByRole('progressbar').getAttribute('aria-valuetext')).toMatch(/1\.234,50\s€/);

    // The limit shows as the user types it; a new one in German figures.
    await budget.getByRole('button', { name: 'Change limit for Bücher' }).click();
    const limit = budget.getByLabel('Monthly limit');
    expect(await limit.inputValue()).toBe('1234,50');
    await limit.fill('100');
    await budget.getByRole('button', { name: 'Save limit' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /“Bücher”: 100,00\s€ a month/ })
      .waitFor();

    // 85 € of 100 € in Bücher: an alert, worded with German figures.
    await page.goto('/transactions?new=1');
    const expense = page.getByRole('form', { name: 'New transaction' });
    await expense.getByLabel('Expense', { exact: true }).check();
    await expense.getByLabel('Amount').fill('85,00');
    await expense.getByLabel('Category').selectOption({ label: 'Bücher' });
    await expense.getByLabel('Date').fill(today);
    await expense.getByRole('button', { name: 'Add transaction' }).click();
    await expense.waitFor({ state: 'detached' });
    await page.goto('/budgets');
    await page
      .getByRole('banner')
      .getByRole('button', { name: /unread alert/ })
      .click();
    const alert = page.getByRole('region', { name: 'Alerts' }).locator('li', { hasText: 'Bücher' });
    expect(await alert.locator('.alert-message').textContent()).toMatch(
      new RegExp(
        `^Bücher has used 85\\s?% of its budget for ${thisMonthName}: 85,00\\s€ spent of 100,00\\s€\\.$`,
      ),
    );
    await page.keyboard.press('Escape');
  });

  it('takes a recurring payment’s amount typed the German way', async () => {
    await page.goto('/recurring');
    const first = page.locator('li.series').first();
    const payee = (await first.getByRole('heading').textContent()) ?? '';
    await first.getByRole('button', { name: `Edit ${payee}`, exact: true }).click();
    const form = page.getByRole('form', { name: `Edit ${payee}` });
    expect(await form.getByLabel('Typical amount').inputValue()).toMatch(/^\d+,\d{2}$/);
    await form.getByLabel('Typical amount').fill('1.234,50');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `“${payee}” saved.` })
      .waitFor();
    await expect.poll(() => first.locator('.series-facts').textContent()).toMatch(/1\.234,50\s€/);
  });

  it('previews a German bank file in German figures at phone size', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/import');
    await page.getByLabel('Choose a bank file').setInputFiles({
      name: 'konto.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Datum;Empfänger;Betrag\n02.11.2026;Bäckerei Schmidt;-1.234,50\n03.11.2026;Gehalt;3.000,00\n',
      ),
    });
    const preview = page.getByRole('region', { name: '3. Preview' });
    await preview.getByText('Bäckerei Schmidt').waitFor();
    const text = (await preview.textContent()) ?? '';
    expect(text).toMatch(/1\.234,50\s€/);
    expect(text).toContain('02.11.2026');
    // The preview's figures (the mapping form's "Point (1,234.56)" describes the file, not the user's locale).
    expect(foreignIn(text)).toEqual([]);
    expect(await noHorizontalScroll()).toBe(true);
    await session.audit('import-phone-de');
    expect(session.accessibility['import-phone-de']).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('takes back an undo’s success message when a new problem shows', async () => {
    await page.getByRole('button', { name: 'Import 2 transactions' }).click();
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByRole('button', { name: /^Undo the import of konto\.csv/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
    const undone = page
      .getByRole('status')
      .filter({ hasText: 'Undid the import of konto.csv: removed 2 transactions.' });
    await undone.waitFor();
    // A file that is no bank statement: the problem shows, and the earlier success is no longer news.
    await page.getByLabel('Choose a bank file').setInputFiles({
      name: 'notes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('hello\n'),
    });
    await page.getByRole('alert').first().waitFor();
    await undone.waitFor({ state: 'detached' });
  });
});

describe('at phone size', () => {
  it('keeps the dashboard, budgets, recurring payments and import inside 390 px', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const value = page.locator('.stat.expense .value');
    await expect.poll(() => value.textContent()).toMatch(/1\.2\d\d\.\d{3},\d{2}\s€/);
    const fits = await page.locator('.cards .stat').evaluateAll((cards) =>
      cards.map((card) => {
        const box = card.getBoundingClientRect();
        const figure = card.querySelector('.value')?.getBoundingClientRect();
        return figure !== undefined && figure.right <= box.right && figure.left >= box.left;
      }),
    );
    expect(fits).toEqual([true, true, true, true]);
    expect(await noHorizontalScroll()).toBe(true);
    // Six months at this width, each a touch target of at least 44 px.
    const months = page.getByRole('group', { name: 'Income and expenses by month' }).getByRole('link');
    await expect.poll(() => months.count()).toBe(6);
    for (const box of await months.evaluateAll((links) => links.map((link) => link.getBoundingClientRect())))
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    // The tooltip stays on screen at the edge, in light and dark.
    await months.last().hover();
    const tooltip = page.locator('.chart-tooltip').first();
    await tooltip.waitFor();
    const box = await tooltip.boundingBox();
    const chart = await page.locator('.bar-chart').first().boundingBox();
    expect(box && chart && box.x >= chart.x && box.x + box.width <= chart.x + chart.width).toBe(true);
    await session.audit('dashboard-phone');
    expect(session.accessibility['dashboard-phone']).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await session.audit('dashboard-phone-dark');
    expect(session.accessibility['dashboard-phone-dark']).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });

    for (const path of ['/', '/budgets', '/recurring', '/import']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await smallTargets(), path).toEqual([]);
      // Nothing sticks out of its card: every figure ends inside the box it is in.
      expect(await overflowing(), path).toEqual([]);
      if (path !== '/') {
        await session.audit(`phone${path.replace('/', '-')}`);
        expect(session.accessibility[`phone${path.replace('/', '-')}`], path).toEqual([]);
      }
      const text = await mainText();
      expect(foreignIn(text), `${path}: ${text.match(/.{0,40}\d+\.\d{2}.{0,40}/)?.[0]}`).toEqual([]);
      expect(await noHorizontalScroll(), path).toBe(true);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

function shift(isoMonth: string, by: number): string {
  const [year, month] = isoMonth.split('-').map(Number) as [number, number];
  const index = year * 12 + month - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
