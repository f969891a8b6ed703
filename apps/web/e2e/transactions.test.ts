import { restUser } from '@finsight/api/testing';
import { createFinsightClient, type FinsightClient } from '@finsight/client';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, screenshot, startBrowserSession } from './browser';

/**
 * The transactions page in a real browser: one save per submission (double click, Enter twice, a retry after
 * a lost answer), the form opening where the user is, every bit of list state in the address, the note's
 * limit, a reversed date range, counts in words, amounts in the user's locale, fast entry from the keyboard,
 * sorting, totals, bulk changes with undo, and the phone layout.
 */
let session: BrowserSession;
let page: Page;
let api: FinsightClient['api'];
const ids: Record<string, number> = {};

/** Every tRPC call the page makes to `procedure`, with its input (batched or alone). */
function callsTo(procedure: string) {
  const seen: Request[] = [];
  const listener = (request: Request) => {
    if (new URL(request.url()).pathname.split('/').pop()?.split(',').includes(procedure)) seen.push(request);
  };
  page.on('request', listener);
  return {
    get count() {
      return seen.length;
    },
    requests: seen,
    stop: () => page.off('request', listener),
  };
}

const rows = () => page.locator('table.transactions tbody tr');
const dialog = () => page.getByRole('dialog');
const newForm = () => page.getByRole('form', { name: 'New transaction' });
const status = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
const focusedLabel = () =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement
      ? (active.labels?.[0]?.textContent ?? active.getAttribute('aria-label'))
      : (active?.getAttribute('aria-label') ?? active?.textContent ?? null);
  });
const countWithPayee = async (payee: string) =>
  (await api.transactions.list.query({ search: payee, includeTotal: true })).total;

beforeAll(async () => {
  session = await startBrowserSession();
  page = session.page;
  const user = await restUser(session.server.url, 'tx');
  const client = createFinsightClient({ url: session.server.url, tokens: user });
  api = client.api;
  for (const [name, kind] of [
    ['Groceries', 'EXPENSE'],
    ['Salary', 'INCOME'],
    ['Gifts', null],
  ] as const) {
    ids[name] = (await api.categories.create.mutate({ name, ...(kind ? { kind } : {}) })).id;
  }
  ids.Savings = (await api.accounts.create.mutate({ name: 'Savings', kind: 'SAVINGS' })).id;
  // 30 expenses in March 2026, one of them large, and one salary: two pages of 25.
  // Two batches: the server takes at most 20 calls in one.
  for (const half of [0, 15])
    await Promise.all(
      Array.from({ length: 15 }, (_, index) => {
        const day = half + index + 1;
        return api.transactions.create.mutate({
          type: 'EXPENSE',
          categoryId: ids.Groceries as number,
          payee: day === 7 ? 'Bakery Lutz' : `Shop ${String(day).padStart(2, '0')}`,
          amount: day === 15 ? '1234567.89' : `${day}.50`,
          date: `2026-03-${String(day).padStart(2, '0')}`,
          note: day === 3 ? 'Weekly shop with a note' : '',
        });
      }),
    );
  await api.transactions.create.mutate({
    type: 'INCOME',
    categoryId: ids.Salary as number,
    payee: 'Employer',
    amount: '3000.00',
    date: '2026-03-31',
  });
  // The page's clock runs as usual, and a test can fast-forward it (the undo countdown).
  await page.clock.install();
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}, 60_000);
afterAll(() => session?.close());

async function fillNew(values: { amount: string; payee: string; category?: string; date?: string }) {
  const form = newForm();
  await form.getByLabel('Amount').fill(values.amount);
  await form.getByLabel('Payee (optional)').fill(values.payee);
  await form.getByLabel('Category').selectOption({ label: values.category ?? 'Groceries' });
  await form.getByLabel('Date').fill(values.date ?? '2026-03-20');
}

describe('saving a transaction once', () => {
  // A slow phone runs both clicks (or both Enters) before React has re-rendered the button as disabled:
  // here both arrive in one task, which is that case at its sharpest.
  it('saves once when “Add transaction” is clicked twice before the page can react', async () => {
    await page.goto('/transactions?new=1');
    await fillNew({ amount: '4.20', payee: 'Double click cafe' });
    const creates = callsTo('transactions.create');
    await newForm()
      .getByRole('button', { name: 'Add transaction' })
      .evaluate((button: HTMLButtonElement) => {
        button.click();
        button.click();
      });
    await status('Transaction added.').waitFor();
    creates.stop();
    expect(creates.count).toBe(1);
    expect(await countWithPayee('Double click cafe')).toBe(1);
  });

  it('saves once when Enter is pressed twice', async () => {
    await page.getByRole('button', { name: 'New transaction' }).click();
    await fillNew({ amount: '4.30', payee: 'Enter twice bar' });
    const creates = callsTo('transactions.create');
    // Enter in a field submits the form as requestSubmit() does.
    await newForm().evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await status('Transaction added.').waitFor();
    creates.stop();
    expect(creates.count).toBe(1);
    expect(await countWithPayee('Enter twice bar')).toBe(1);
  });

  it('sends the same idempotency key when a submission whose answer was lost is retried', async () => {
    await page.getByRole('button', { name: 'New transaction' }).click();
    await fillNew({ amount: '4.40', payee: 'Lost answer deli' });
    let lost = false;
    // The server saves the first attempt, but its answer never reaches the browser.
    await page.route('**/trpc/transactions.create**', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const creates = callsTo('transactions.create');
    await newForm().getByRole('button', { name: 'Add transaction' }).click();
    await newForm().getByText('Cannot reach finsight. Check your connection and try again.').waitFor();
    await newForm().getByRole('button', { name: 'Add transaction' }).click();
    await status('Transaction added.').waitFor();
    creates.stop();
    await page.unroute('**/trpc/transactions.create**');
    const keys = await Promise.all(creates.requests.map((request) => request.headerValue('idempotency-key')));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await countWithPayee('Lost answer deli')).toBe(1);

    // The next entry is a new draft, with a key of its own.
    await page.getByRole('button', { name: 'New transaction' }).click();
    await fillNew({ amount: '4.50', payee: 'Second deli' });
    const next = callsTo('transactions.create');
    await newForm().getByRole('button', { name: 'Add transaction' }).click();
    await status('Transaction added.').waitFor();
    next.stop();
    expect(await next.requests[0]?.headerValue('idempotency-key')).not.toBe(keys[0]);
  });
});

describe('the form opens where the user is', () => {
  it('edits a row far down the page in a dialog, focus in its first field, and returns focus', async () => {
    await page.goto('/transactions?page=1');
    await rows().nth(20).waitFor();
    const edit = rows()
      .nth(20)
      .getByRole('button', { name: /^Edit / });
    const editName = await edit.getAttribute('aria-label');
    await edit.click();
    const form = page.getByRole('form', { name: 'Edit transaction' });
    await form.waitFor();
    // The dialog is on screen, wherever the row was.
    const box = await dialog().boundingBox();
    const viewport = page.viewportSize();
    expect(box && viewport && box.y >= 0 && box.y + 40 < viewport.height).toBe(true);
    expect(await focusedLabel()).toBe('Amount');
    await session.audit('transactions-edit-dialog');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(editName);
  });

  it('opens a new transaction the same way', async () => {
    await page.getByRole('button', { name: 'New transaction' }).click();
    await newForm().waitFor();
    expect(await focusedLabel()).toBe('Amount');
    await newForm().getByRole('button', { name: 'Cancel' }).click();
    await newForm().waitFor({ state: 'detached' });
    expect(await focusedLabel()).toBe('New transaction');
  });
});

describe('the list state lives in the address', () => {
  it('keeps page, ordering and density across reloads, and Back walks back through them', async () => {
    await page.goto('/transactions');
    await page.getByText(/^Page 1 of 2/).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL('**/transactions?page=2');
    await page.getByText(/^Page 2 of 2/).waitFor();
    await page.reload();
    await page.getByText(/^Page 2 of 2/).waitFor();

    await page.getByRole('button', { name: 'Amount', exact: true }).click();
    await page.waitForURL('**/transactions?ordering=-amount');
    const amountHeader = page.getByRole('columnheader', { name: 'Amount' });
    await expect.poll(() => amountHeader.getAttribute('aria-sort')).toBe('descending');
    // Largest first.
    await expect.poll(() => rows().first().locator('.cell-amount').textContent()).toContain('1,234,567.89');
    await page.getByRole('button', { name: 'Compact rows' }).click();
    await page.waitForURL('**/transactions?ordering=-amount&view=compact');
    expect(await page.locator('table.transactions').getAttribute('class')).toContain('compact');
    await page.getByLabel('Search').fill('Shop 1');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/search=Shop\+1/);
    await page.reload();
    expect(await page.getByLabel('Search').inputValue()).toBe('Shop 1');
    expect(await page.getByRole('button', { name: 'Compact rows' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    await page.goBack();
    await page.waitForURL('**/transactions?ordering=-amount&view=compact');
    expect(await page.getByLabel('Search').inputValue()).toBe('');
    await page.goBack();
    await page.waitForURL('**/transactions?ordering=-amount');
    await page.goBack();
    await page.waitForURL('**/transactions?page=2');
    await page.getByText(/^Page 2 of 2/).waitFor();
  });
});

describe('limits and ranges are explained, in words', () => {
  it('counts the note’s characters and refuses one over the limit without cutting it', async () => {
    await page.goto('/transactions?new=1');
    await fillNew({ amount: '1.00', payee: 'Long note' });
    const note = newForm().getByLabel('Note (optional)');
    await note.fill('x'.repeat(812));
    await newForm().getByText('812 / 1,000').waitFor();
    await note.fill('x'.repeat(1001));
    await newForm().getByText('1,001 / 1,000').waitFor();
    await newForm()
      .getByText('This note is 1 character too long. Shorten it to 1,000 characters or fewer to save.')
      .waitFor();
    expect((await note.inputValue()).length).toBe(1001);
    const creates = callsTo('transactions.create');
    await newForm().getByRole('button', { name: 'Add transaction' }).click();
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    creates.stop();
    expect(creates.count).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('explains a reversed date range and asks nothing of the server', async () => {
    await page.goto('/transactions');
    await rows().first().waitFor();
    const lists = callsTo('transactions.list');
    await page.getByLabel('From', { exact: true }).fill('2026-03-03');
    await page.waitForURL('**/transactions?from=2026-03-03');
    await page.getByLabel('To', { exact: true }).fill('2026-03-01');
    const problem = page.getByRole('alert').filter({ hasText: 'The end date is before the start date.' });
    await problem.waitFor();
    expect(await problem.textContent()).toBe(
      'The end date is before the start date. Pick an end date on or after March 3, 2026.',
    );
    expect(new URL(page.url()).search).toBe('?from=2026-03-03');
    expect(await page.getByText('Must be on or after').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    lists.stop();
    for (const request of lists.requests) expect(request.url()).not.toContain('2026-03-01');
  });
});

describe('counts and notices', () => {
  it('says “1 transaction”, and drops a success message once an error shows', async () => {
    await page.goto('/transactions?search=Employer');
    await page.getByText(/^1 transaction · income \+\$3,000\.00 · expenses −\$0\.00$/).waitFor();
    await page.getByText('Page 1 of 1 · 1 transaction', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'New transaction' }).click();
    await fillNew({ amount: '2.00', payee: 'Notice test' });
    await newForm().getByRole('button', { name: 'Add transaction' }).click();
    await status('Transaction added.').waitFor();
    // Then a save fails: the earlier "added" must not stay next to the error.
    await page.route('**/trpc/transactions.create**', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { message: 'x', code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } },
        }),
      }),
    );
    await page.getByRole('button', { name: 'New transaction' }).click();
    await fillNew({ amount: '2.10', payee: 'Notice test 2' });
    await newForm().getByRole('button', { name: 'Add transaction' }).click();
    await newForm().getByRole('alert').waitFor();
    await page.unroute('**/trpc/transactions.create**');
    expect(await status('Transaction added.').count()).toBe(0);
    await page.keyboard.press('Escape');
  });
});

describe('fast entry', () => {
  it('has n, / and ? as shortcuts, not while typing', async () => {
    await page.goto('/transactions');
    await rows().first().waitFor();
    await page.keyboard.press('n');
    await newForm().waitFor();
    expect(await focusedLabel()).toBe('Amount');
    await page.keyboard.press('Escape');
    await newForm().waitFor({ state: 'detached' });
    await page.keyboard.press('/');
    expect(await focusedLabel()).toContain('Search');
    await page.keyboard.type('n?');
    expect(await page.getByLabel('Search').inputValue()).toBe('n?');
    expect(await dialog().count()).toBe(0);
    await page.getByLabel('Search').fill('');
    await page.locator('h1').click();
    await page.keyboard.press('?');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await shortcuts.waitFor();
    await session.audit('transactions-shortcuts');
    await page.keyboard.press('Escape');
    await shortcuts.waitFor({ state: 'detached' });
  });

  it('dates a new entry in the month being viewed and offers the categories of its type', async () => {
    await page.goto('/transactions?from=2026-03-01&to=2026-03-31');
    await rows().first().waitFor();
    await page.getByRole('button', { name: 'New transaction' }).click();
    expect(await newForm().getByLabel('Date').inputValue()).toBe('2026-03-31');
    const options = () => newForm().getByLabel('Category').locator('option').allTextContents();
    expect(await options()).toEqual(['Choose a category…', 'Gifts', 'Groceries']);
    await newForm().getByLabel('Income', { exact: true }).check();
    expect(await options()).toEqual(['Choose a category…', 'Gifts', 'Salary']);
    await newForm().getByLabel('Expense', { exact: true }).check();
  });

  it('suggests the category from earlier payments to the payee, and saves and adds another', async () => {
    const form = newForm();
    await form.getByLabel('Amount').fill('3,50');
    await form.getByLabel('Payee (optional)').fill('Bakery Lutz');
    await expect.poll(() => form.getByLabel('Category').inputValue()).toBe(String(ids.Groceries));
    await form.getByText('Suggested from earlier payments').waitFor();
    await form.getByLabel('Account').selectOption({ label: 'Savings' });
    await form.getByLabel('Amount').fill('3.50');
    await form.getByRole('button', { name: 'Save and add another' }).click();
    await form.getByText('Transaction added. Add the next one.').waitFor();
    expect(await form.getByLabel('Amount').inputValue()).toBe('');
    expect(await focusedLabel()).toBe('Amount');
    expect(await form.getByLabel('Payee (optional)').inputValue()).toBe('');
    expect(await form.getByLabel('Category').inputValue()).toBe(String(ids.Groceries));
    expect(await form.getByLabel('Account').inputValue()).toBe(String(ids.Savings));
    expect(await form.getByLabel('Date').inputValue()).toBe('2026-03-31');
    expect(await form.getByLabel('Expense', { exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    const saved = await api.transactions.list.query({ search: 'Bakery Lutz', accountId: ids.Savings });
    expect(saved.items.map((item) => [item.amount, item.date])).toEqual([['3.50', '2026-03-31']]);
  });
});

describe('the list', () => {
  it('sorts by a column’s header and sums every matching row, not just the page', async () => {
    await page.goto('/transactions?from=2026-03-01&to=2026-03-31&type=EXPENSE');
    await page.getByText(/^\d+ transactions · income/).waitFor();
    const all = await api.transactions.list.query({
      from: '2026-03-01',
      to: '2026-03-31',
      type: 'EXPENSE',
      includeTotal: true,
      includeSums: true,
    });
    const summary = await page.locator('.list-summary').textContent();
    const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    // More rows than a page holds: the sums are of them all.
    expect(all.total).toBeGreaterThan(25);
    expect(summary).toBe(
      `${all.total} transactions · income +$0.00 · expenses −${dollars.format(all.sums?.expense as unknown as number)}`,
    );
    const payee = page.getByRole('columnheader', { name: 'Payee' });
    expect(await payee.getAttribute('aria-sort')).toBe('none');
    await payee.getByRole('button').click();
    await expect.poll(() => payee.getAttribute('aria-sort')).toBe('ascending');
    expect(new URL(page.url()).searchParams.get('ordering')).toBe('payee');
    await payee.getByRole('button').click();
    await expect.poll(() => payee.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => rows().first().locator('.col-payee').textContent()).toBe('Shop 30');
    await session.audit('transactions-sorted');
  });
});

describe('bulk changes', () => {
  it('deletes the selected rows with an undo, and sends nothing when undone', async () => {
    await page.goto('/transactions?search=Shop+2&ordering=payee');
    await rows().nth(2).waitFor();
    const names = await rows().locator('.col-payee').allTextContents();
    const bulks = callsTo('transactions.bulk');
    for (const index of [0, 1, 2]) await rows().nth(index).getByRole('checkbox').check();
    const toolbar = page.getByRole('region', { name: 'Selected transactions' });
    await toolbar.getByText('3 transactions selected').waitFor();
    await session.audit('transactions-bulk');
    await toolbar.getByRole('button', { name: 'Delete 3 transactions' }).click();
    await expect.poll(() => rows().count()).toBe(names.length - 3);
    const toast = page.locator('.toast');
    await toast.getByText('3 transactions deleted.').waitFor();
    expect(await toast.locator('.toast-seconds').textContent()).toMatch(/^[1-8] s$/);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows().count()).toBe(names.length);
    expect(bulks.count).toBe(0);
    bulks.stop();
  });

  it('sends the delete when the countdown runs out', async () => {
    await rows().first().getByRole('checkbox').check();
    const payee = (await rows().first().locator('.col-payee').textContent()) ?? '';
    const bulks = callsTo('transactions.bulk');
    await page.getByRole('button', { name: 'Delete 1 transaction' }).click();
    await page.locator('.toast').getByText('1 transaction deleted.').waitFor();
    await page.clock.runFor(7_000);
    expect(bulks.count).toBe(0);
    await page.clock.runFor(1_500);
    await page.locator('.toast').waitFor({ state: 'detached' });
    await expect.poll(() => countWithPayee(payee)).toBe(0);
    expect(bulks.count).toBe(1);
    bulks.stop();
  });

  it('changes category or account in one go, and sends a waiting delete when the user leaves the page', async () => {
    for (const index of [0, 1]) await rows().nth(index).getByRole('checkbox').check();
    const toolbar = page.getByRole('region', { name: 'Selected transactions' });
    await toolbar.getByLabel('New category').selectOption({ label: 'Gifts' });
    await toolbar.getByRole('button', { name: 'Change category' }).click();
    await status('2 transactions moved to “Gifts”.').waitFor();
    await expect
      .poll(async () => (await api.transactions.list.query({ categoryId: ids.Gifts })).items.length)
      .toBe(2);
    await rows().first().getByRole('checkbox').check();
    await toolbar.getByLabel('Account').selectOption({ label: 'Savings' });
    await toolbar.getByRole('button', { name: 'Move to account' }).click();
    await status('1 transaction moved to Savings.').waitFor();
    expect(
      (await api.transactions.list.query({ accountId: ids.Savings, search: 'Shop 2' })).items,
    ).toHaveLength(1);

    const before = await countWithPayee('Shop 2');
    await page.getByRole('checkbox', { name: 'Select all transactions on this page' }).check();
    await toolbar.getByRole('button', { name: /^Delete \d+ transactions$/ }).click();
    await page
      .locator('.toast')
      .getByText(/deleted\./)
      .waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => countWithPayee('Shop 2')).toBe(0);
    expect(before).toBeGreaterThan(0);
  });
});

describe('amounts in the user’s locale', () => {
  it('reads “12,50” in de-DE and shows amounts that way when editing', async () => {
    await api.auth.updateProfile.mutate({ locale: 'de-DE' });
    await page.goto('/transactions?new=1');
    await page.reload();
    const form = newForm();
    await form.getByText('For example 12,50').waitFor();
    await fillNew({ amount: '1.234,50', payee: 'Lokal' });
    await form.getByRole('button', { name: 'Add transaction' }).click();
    await status('Transaction added.').waitFor();
    const [saved] = (await api.transactions.list.query({ search: 'Lokal' })).items;
    expect(saved?.amount).toBe('1234.50');
    await page.getByRole('button', { name: /^Edit Groceries 1234\.50/ }).click();
    expect(await page.getByRole('form', { name: 'Edit transaction' }).getByLabel('Amount').inputValue()).toBe(
      '1234,50',
    );
    await page.keyboard.press('Escape');
    await api.auth.updateProfile.mutate({ locale: null });
  });
});

describe('on a phone', () => {
  it('shows cards that fit, with filters in a drawer and targets of 44 px', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/transactions?ordering=-amount');
    await rows().first().waitFor();
    await screenshot(page, 'transactions-phone-cards');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    // The largest amount stays inside its card.
    const amount = rows().first().locator('.cell-amount');
    expect(await amount.textContent()).toContain('1,234,567.89');
    const fits = await amount.evaluate((cell) => {
      const row = cell.closest('tr')?.getBoundingClientRect();
      const box = cell.getBoundingClientRect();
      return cell.scrollWidth <= cell.clientWidth && row !== undefined && box.right <= row.right;
    });
    expect(fits).toBe(true);
    // Every control of a card is reachable and big enough to touch.
    const small = await rows()
      .first()
      .evaluate((row) =>
        [...row.querySelectorAll('button, a, label.check-target')]
          .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.height < 44 || box.width < 44;
          })
          .map((element) => element.outerHTML.slice(0, 80)),
      );
    expect(small).toEqual([]);
    const filters = page.getByRole('form', { name: 'Filter transactions' });
    expect(await filters.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Filters' }).click();
    await filters.getByLabel('Sort by').waitFor();
    await page.getByRole('button', { name: 'Filters' }).click();
    expect(await filters.isVisible()).toBe(false);
    // "/" opens the drawer to reach the search.
    await page.locator('h1').click();
    await page.keyboard.press('/');
    expect(await focusedLabel()).toContain('Search');
    await session.audit('transactions-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('has no serious or critical accessibility violations', () => {
    for (const [name, violations] of Object.entries(session.accessibility))
      expect({ name, violations }).toEqual({ name, violations: [] });
  });
});
