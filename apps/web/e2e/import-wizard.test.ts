import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type BrowserSession, screenshot, startBrowserSession } from './browser';

/**
 * The import wizard in a real browser: a German bank export (a preamble before the header, `;` between
 * columns, DD.MM.YYYY dates, decimal commas, one unreadable amount) dropped on the page, its detected
 * mapping and row error shown, the mapping changed, imported with errors skipped, and undone.
 */
let session: BrowserSession;
let page: Page;

const GERMAN_CSV = [
  'Umsätze Girokonto;;;;',
  'Kontonummer: DE12 3456 7890;;;;',
  'Zeitraum: 01.10.2026 - 31.10.2026;;;;',
  '',
  'Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag',
  '01.10.2026;01.10.2026;Arbeitgeber GmbH;Gehalt Oktober;2.500,00',
  '03.10.2026;03.10.2026;REWE Markt;Einkauf;-45,90',
  '05.10.2026;05.10.2026;Stadtwerke;Strom;kaputt',
  '07.10.2026;07.10.2026;Hausverwaltung;Miete Oktober;-800,00',
  '',
].join('\r\n');

beforeAll(async () => {
  session = await startBrowserSession();
  page = session.page;
});
afterAll(() => session?.close());

const audit = (name: string) => session.audit(name);

const accountsNav = () => page.getByRole('navigation', { name: 'Accounts' });
const mainAccount = () => accountsNav().getByRole('link', { name: /^Main account/ });
/** The value beside a label in the "detected" facts. */
const fact = (label: string) =>
  page
    .locator('dl.detected dt')
    .getByText(label, { exact: true })
    .locator('xpath=following-sibling::dd[1]')
    .textContent();
const previewRows = () => page.locator('table.preview tbody tr');
const summaryText = () => page.locator('.preview-summary').textContent();

/** Drops a file on the drop zone the way a browser does: a DataTransfer holding a File. */
async function dropFile(name: string, text: string) {
  const transfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([content as string], fileName as string, { type: 'text/csv' }));
      return data;
    },
    [name, text],
  );
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
}

describe('the import wizard in a real browser', () => {
  it('signs up and finds the wizard in the navigation', async () => {
    await page.goto('/register');
    await page.getByLabel('Username').fill('ivo');
    await page.getByLabel('Email').fill('ivo@example.com');
    await page.getByLabel('Password').fill('violet-harbour-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome to finsight' }).waitFor();
    await expect.poll(() => mainAccount().textContent()).toBe('Main account$0.00');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import a bank file' }).waitFor();
    await page.getByRole('heading', { name: 'No imports yet' }).waitFor();
    expect(await page.getByLabel('Import into').inputValue()).not.toBe('');
    await audit('import-start');
  });

  it('shows what it detected in a dropped German file, and the row it cannot read', async () => {
    await dropFile('umsaetze.csv', GERMAN_CSV);
    await page.getByRole('heading', { name: '2. Check what was detected' }).waitFor();
    expect(await fact('Format')).toBe('CSV');
    expect(await fact('Delimiter')).toBe('Semicolon ;');
    expect(await fact('Header row')).toBe('Line 5');
    expect(await fact('Date format')).toBe('DD.MM.YYYY');
    expect(await fact('Decimal separator')).toBe('Comma');
    expect(await fact('Encoding')).toBe('utf-8');
    // The dropdowns offer the file's own header names, with the detected columns chosen.
    await expect.poll(() => page.getByLabel('Date column').inputValue()).toBe('Buchungstag');
    expect(await page.getByLabel('Amount column (signed)').inputValue()).toBe('Betrag');
    expect(await page.getByLabel('Payee column').inputValue()).toBe('Auftraggeber/Empfänger');
    expect(await page.getByLabel('Note column').inputValue()).toBe('Verwendungszweck');
    expect(await page.getByLabel('Payee column').locator('option').allTextContents()).toContain(
      'Valuta (e.g. 01.10.2026)',
    );

    expect(await previewRows().count()).toBe(4);
    expect(await summaryText()).toContain('4 rows: 3 new, 1 cannot be read.');
    const broken = previewRows().filter({ hasText: 'Stadtwerke' });
    expect(await broken.getAttribute('class')).toBe('row-error');
    expect(await broken.locator('td').first().textContent()).toBe('8');
    expect(await broken.locator('td.status').textContent()).toBe('Line 8: "kaputt" is not a valid amount.');
    const pay = previewRows().first();
    expect(await pay.locator('td').nth(2).textContent()).toBe('Arbeitgeber GmbH');
    expect(await pay.locator('td').nth(5).textContent()).toBe('+$2,500.00');
    expect(await pay.locator('td').nth(4).textContent()).toBe('Uncategorizeddefault');
    await audit('import-preview');
  });

  it('re-runs the preview when the mapping changes, and goes back to what was detected', async () => {
    await page.getByLabel('Payee column').selectOption('Verwendungszweck');
    await expect.poll(() => previewRows().first().locator('td').nth(2).textContent()).toBe('Gehalt Oktober');
    await page.getByLabel('Decimal separator').selectOption('.');
    await expect.poll(summaryText).toContain('4 rows: 0 new, 4 cannot be read.');
    expect(await previewRows().first().locator('td.status').textContent()).toBe(
      'Line 6: "2.500,00" is not a valid amount.',
    );
    await page.getByRole('button', { name: 'Reset to what was detected' }).click();
    await expect.poll(summaryText).toContain('4 rows: 3 new, 1 cannot be read.');
    expect(await previewRows().first().locator('td').nth(2).textContent()).toBe('Arbeitgeber GmbH');
  });

  it('refuses all-or-nothing while a row is unreadable, then imports with errors skipped', async () => {
    await page.getByRole('button', { name: 'Import 3 transactions' }).click();
    const refused = page.getByRole('alert').filter({ hasText: '1 row cannot be imported, so nothing was.' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Line 8: "kaputt" is not a valid amount.');

    await page.getByLabel('Skip rows that cannot be read').check();
    // The import is held until the busy state has been seen; a second click must not send a second one.
    const posts: Route[] = [];
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    onTestFinished(() => page.unrouteAll({ behavior: 'ignoreErrors' }));
    await page.route('**/api/finance/imports/?*', async (route) => {
      posts.push(route);
      await released;
      await route.continue();
    });
    const button = page.getByRole('button', { name: 'Import 3 transactions' });
    await button.click();
    await page.getByRole('progressbar', { name: 'Importing umsaetze.csv' }).waitFor();
    const busy = page.getByRole('button', { name: 'Importing…' });
    expect(await busy.isDisabled()).toBe(true);
    await busy.click({ force: true });
    expect(await page.getByLabel('Skip rows that cannot be read').isDisabled()).toBe(true);
    release();

    const summary = page.getByRole('heading', { name: 'Import complete' });
    await summary.waitFor();
    expect(posts).toHaveLength(1);
    // Focus moves to the outcome, for keyboard and screen reader users.
    expect(await summary.evaluate((heading) => heading === document.activeElement)).toBe(true);
    const facts = await page.locator('.import-summary dl').textContent();
    expect(facts).toBe('Imported3Duplicates skipped0Rows with errors skipped1Categories created1');
    await expect.poll(() => mainAccount().textContent()).toBe('Main account$1,654.10');
    await page.getByRole('row', { name: /umsaetze\.csv/ }).waitFor();
    await audit('import-summary');
  });

  it('undoes the import: the transactions and the balance go back', async () => {
    await page.getByRole('button', { name: 'Undo this import' }).click();
    await page.getByRole('status').filter({ hasText: 'Import undone: removed 3 transactions.' }).waitFor();
    await page.getByRole('heading', { name: 'Import undone' }).waitFor();
    await expect.poll(() => mainAccount().textContent()).toBe('Main account$0.00');
    await page.getByRole('heading', { name: 'No imports yet' }).waitFor();
    await page.goto('/transactions');
    await page.getByRole('heading', { name: 'No transactions yet' }).waitFor();
  });

  it('previews the first 500 rows of a big file chosen with the file input, and fits a phone', async () => {
    await page.goto('/import');
    const lines = ['Date,Payee,Amount'];
    for (let day = 0; day < 600; day++) {
      const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
      lines.push(`${date},Bakery ${day},-${(day % 50) + 1}.25`);
    }
    await page.getByLabel('Choose a bank file').setInputFiles({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    await page.getByText('Showing the first 500 of 600 rows.').waitFor();
    expect(await previewRows().count()).toBe(500);
    expect(await summaryText()).toContain('600 rows: 600 new.');
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, 'import-phone', { fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('has no serious or critical session.accessibility violations in the wizard', () => {
    expect(Object.keys(session.accessibility)).toEqual(['import-start', 'import-preview', 'import-summary']);
    for (const [name, violations] of Object.entries(session.accessibility))
      expect({ name, violations }).toEqual({ name, violations: [] });
  });
});
