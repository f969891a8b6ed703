import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import { createDatabase, type DatabaseHandle } from '../db/client';
import { createAccount, getAccount, listAccounts } from '../finance-accounts/service';
import { createRule } from '../rules/service';
import {
  findAccountMonthDrift,
  findCategoryMonthDrift,
  findSummaryDrift,
  getMonthlySummary,
} from '../summaries/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { onPostgresServer } from '../testing/env';
import { createUser, tableCounts } from '../testing/fixtures';
import { CSV_HEADER, csvLines } from '../transactions/export-formats';
import { createTransaction, listTransactions, streamTransactions } from '../transactions/service';
import { listImports, previewImport, runImport, undoImport } from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const bytes = (text: string) => new TextEncoder().encode(text);

/** A German bank's export: preamble, semicolons, decimal comma, a category column. */
const GERMAN = `Kontonummer;DE12 3456 7890
Zeitraum;01.03.2026 - 31.03.2026

Buchungstag;Auftraggeber / Empfänger;Verwendungszweck;Kategorie;Betrag (EUR)
02.03.2026;ACME GmbH;Gehalt März;Gehalt;3.200,00
03.03.2026;REWE Markt 0815;Einkauf;Lebensmittel;-54,20
03.03.2026;Bäckerei Schmidt;;Lebensmittel;-3,10
03.03.2026;Bäckerei Schmidt;;Lebensmittel;-3,10
15.03.2026;Stadtwerke;Strom Abschlag 03;;-89,00
`;

async function setUp() {
  const user = await createUser(database.db, 'importer');
  const [main] = await listAccounts(database.db, user.id);
  if (!main) throw new Error('no default account');
  return { user, main };
}

describe('previewing an import', () => {
  it('detects the layout with zero configuration, shows every row, and writes nothing', async () => {
    const { user, main } = await setUp();
    const before = await tableCounts(database.db);
    const preview = await previewImport(database.db, user.id, { accountId: main.id, file: bytes(GERMAN) });
    expect(await tableCounts(database.db)).toEqual(before);
    expect(preview.format).toBe('csv');
    expect(preview.detected).toMatchObject({
      delimiter: ';',
      headerRow: 4,
      dateFormat: 'DD.MM.YYYY',
      decimal: ',',
    });
    expect(preview.rows.map((r) => [r.date, r.type, r.amount, r.category, r.categorySource])).toEqual([
      ['2026-03-02', 'INCOME', '3200.00', 'Gehalt', 'file'],
      ['2026-03-03', 'EXPENSE', '54.20', 'Lebensmittel', 'file'],
      ['2026-03-03', 'EXPENSE', '3.10', 'Lebensmittel', 'file'],
      ['2026-03-03', 'EXPENSE', '3.10', 'Lebensmittel', 'file'],
      ['2026-03-15', 'EXPENSE', '89.00', 'Uncategorized', 'default'],
    ]);
    expect(preview.summary).toEqual({
      rows: 5,
      valid: 5,
      errors: 0,
      duplicates: 0,
      income: '3200.00',
      expense: '149.40',
      firstDate: '2026-03-02',
      lastDate: '2026-03-15',
    });
  });

  it('takes every guess as an override', async () => {
    const { user } = await setUp();
    const preview = await previewImport(database.db, user.id, {
      file: bytes('when|what|value\n01/02/2026|Coffee|4.50\n'),
      dateFormat: 'MM/DD/YYYY',
      invert: true,
      noteColumn: 'what',
    });
    // +4.50 inverted is money out; the header of unknown names is still the header.
    expect(preview.detected.headerRow).toBe(1);
    expect(preview.rows[0]).toMatchObject({
      date: '2026-01-02',
      type: 'EXPENSE',
      amount: '4.50',
      note: 'Coffee',
    });
  });
});

describe('importing', () => {
  it('brings the rows in, creates the missing categories, and keeps summaries and balances exact', async () => {
    const { user, main } = await setUp();
    const result = await runImport(database.db, user.id, {
      accountId: main.id,
      file: bytes(GERMAN),
      fileName: 'märz.csv',
    });
    expect(result).toMatchObject({ imported: 5, duplicatesSkipped: 0, errors: 0, categoriesCreated: 3 });
    expect(await findSummaryDrift(database.db, user.id)).toEqual([]);
    expect(await findAccountMonthDrift(database.db, user.id)).toEqual([]);
    expect(await findCategoryMonthDrift(database.db, user.id)).toEqual([]);
    expect(await getMonthlySummary(database.db, user.id, { month: '2026-03' })).toMatchObject({
      totalIncome: '3200.00',
      totalExpense: '149.40',
      transactionCount: 5,
    });
    expect((await getAccount(database.db, user.id, { id: main.id })).balance).toBe('3050.60');
    const [record] = await listImports(database.db, user.id);
    expect(record).toMatchObject({
      id: result.id,
      fileName: 'märz.csv',
      imported: 5,
      firstDate: '2026-03-02',
    });
    const { items } = await listTransactions(database.db, user.id, { search: 'REWE' });
    expect(items[0]).toMatchObject({
      payee: 'REWE Markt 0815',
      note: 'Einkauf',
      categoryName: 'Lebensmittel',
    });
  });

  it('imports nothing the second time, and matches duplicates one to one', async () => {
    const { user, main } = await setUp();
    await runImport(database.db, user.id, { accountId: main.id, file: bytes(GERMAN) });
    const again = await runImport(database.db, user.id, { accountId: main.id, file: bytes(GERMAN) });
    expect(again).toMatchObject({ imported: 0, duplicatesSkipped: 5 });

    // One of the two identical pastries was already typed in by hand: the other is new.
    const { user: other, main: account } = await setUp();
    const food = (await createCategory(database.db, other.id, { name: 'Lebensmittel' })).id;
    await createTransaction(database.db, other.id, {
      categoryId: food,
      type: 'EXPENSE',
      amount: '3.10',
      date: '2026-03-03',
      payee: 'Bäckerei Schmidt',
    });
    const preview = await previewImport(database.db, other.id, {
      accountId: account.id,
      file: bytes(GERMAN),
    });
    expect(preview.rows.map((r) => r.duplicateOf !== null)).toEqual([false, false, true, false, false]);
    const result = await runImport(database.db, other.id, { accountId: account.id, file: bytes(GERMAN) });
    expect(result).toMatchObject({ imported: 4, duplicatesSkipped: 1 });
  });

  it('imports the same file once when two imports of it run at once', async () => {
    if (!onPostgresServer('two imports racing')) return;
    const { user, main } = await setUp();
    const pools: DatabaseHandle[] = [];
    try {
      for (let i = 0; i < 4; i++)
        pools.push(await createDatabase({ url: database.url, migrate: false, maxConnections: 2 }));
      const results = await Promise.all(
        pools.map((pool) => runImport(pool.db, user.id, { accountId: main.id, file: bytes(GERMAN) })),
      );
      expect(results.map((r) => r.imported).sort()).toEqual([0, 0, 0, 5]);
      expect((await listTransactions(database.db, user.id, { includeTotal: true })).total).toBe(5);
      expect(await findSummaryDrift(database.db, user.id)).toEqual([]);
    } finally {
      for (const pool of pools) await pool.close();
    }
  });

  it('is all or nothing: an unreadable row refuses the import with its line, unless told to skip it', async () => {
    const { user, main } = await setUp();
    const broken = `${GERMAN}31.02.2026;Nobody;;;-1,00\n16.03.2026;Kiosk;;;-2,00\n`;
    const before = await tableCounts(database.db);
    const refusal = await runImport(database.db, user.id, { accountId: main.id, file: bytes(broken) }).catch(
      (e) => e,
    );
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { file: expect.any(Array) } });
    expect(refusal.fieldErrors.file.join(' ')).toMatch(/Line 10\b/);
    expect(await tableCounts(database.db)).toEqual(before);
    const result = await runImport(database.db, user.id, {
      accountId: main.id,
      file: bytes(broken),
      skipErrors: true,
    });
    expect(result).toMatchObject({ imported: 6, errors: 1 });
  });

  it('refuses a file that cannot be read at all, and one over the row limit', async () => {
    const { user } = await setUp();
    await expect(
      previewImport(database.db, user.id, { file: bytes('hello\nworld\n') }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const huge = `Date,Amount,Payee\n${'2026-01-01,-1.00,x\n'.repeat(200_001)}`;
    await expect(previewImport(database.db, user.id, { file: bytes(huge) })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('decides categories from the file, then rules, then past choices, then "Uncategorized"', async () => {
    const { user, main } = await setUp();
    const shopping = (await createCategory(database.db, user.id, { name: 'Shopping' })).id;
    const coffee = (await createCategory(database.db, user.id, { name: 'Coffee' })).id;
    await createRule(database.db, user.id, {
      name: 'Amazon',
      conditions: [{ field: 'payee', operator: 'matches', value: 'AMZN MKTP*' }],
      actions: { categoryId: shopping, renamePayee: 'Amazon' },
    });
    // Chosen twice before for this payee, with changing reference numbers.
    for (const ref of ['4411', '9902']) {
      await createTransaction(database.db, user.id, {
        categoryId: coffee,
        type: 'EXPENSE',
        amount: '3.00',
        date: '2025-12-01',
        payee: `BLUE BOTTLE #${ref}`,
      });
    }
    const file = `Date,Description,Category,Amount
2026-01-02,AMZN Mktp US*2K3LL1,,-23.40
2026-01-03,BLUE BOTTLE #5521,,-4.50
2026-01-04,Blue Bottle #1,Treats,-4.50
2026-01-05,Unknown place,,-9.00
`;
    const preview = await previewImport(database.db, user.id, { accountId: main.id, file: bytes(file) });
    expect(preview.rows.map((r) => [r.payee, r.category, r.categorySource])).toEqual([
      ['Amazon', 'Shopping', 'rule'],
      ['BLUE BOTTLE #5521', 'Coffee', 'learned'],
      ['Blue Bottle #1', 'Treats', 'file'],
      ['Unknown place', 'Uncategorized', 'default'],
    ]);
    const withoutCreating = await previewImport(database.db, user.id, {
      accountId: main.id,
      file: bytes(file),
    });
    expect(withoutCreating.rows[2]?.categorySource).toBe('file');
    const result = await runImport(database.db, user.id, {
      accountId: main.id,
      file: bytes(file),
      createCategories: false,
    });
    expect(result.categoriesCreated).toBe(1); // "Uncategorized" only; "Treats" fell back to past choices
  });

  it('matches a blank transaction only when nothing better fits, and keeps every row whatever its text', async () => {
    const { user, main } = await setUp();
    const misc = (await createCategory(database.db, user.id, { name: 'Misc' })).id;
    const typed = { categoryId: misc, type: 'EXPENSE' as const, amount: '3.50', date: '2026-05-05' };
    const blank = await createTransaction(database.db, user.id, typed);
    const coffee = await createTransaction(database.db, user.id, { ...typed, payee: 'Coffee' });
    const file = 'Date,Payee,Category,Amount\n2026-05-05,Coffee,,-3.50\n2026-05-05,Tea,,-3.50\n';
    const preview = await previewImport(database.db, user.id, { accountId: main.id, file: bytes(file) });
    expect(preview.rows.map((r) => r.duplicateOf)).toEqual([coffee.id, blank.id]);

    // Category names PostgreSQL and JavaScript lower-case differently, a NUL byte, an emoji cut at 100.
    const odd = [
      'Date,Payee,Note,Category,Amount',
      `2026-05-06,Épicerie Nord,a\u0000b,ÉPICERIE,-1.00`,
      `2026-05-06,Bar,,${'x'.repeat(99)}👨‍👩‍👧,-2.00`,
      '2026-05-06,Taksi,,İSTANBUL ΦΌΡΟΣ,-3.00',
    ].join('\n');
    const result = await runImport(database.db, user.id, { accountId: main.id, file: bytes(odd) });
    expect(result).toMatchObject({ imported: 3, errors: 0 });
    const { items } = await listTransactions(database.db, user.id, { from: '2026-05-06', to: '2026-05-06' });
    expect(items.map((t) => t.categoryName).sort()).toEqual(
      ['ÉPICERIE', `${'x'.repeat(99)}👨`, 'İSTANBUL ΦΌΡΟΣ'].sort(),
    );
    expect(items.find((t) => t.payee === 'Épicerie Nord')?.note).toBe('ab');
  });

  it('can be undone, removing exactly its transactions', async () => {
    const { user, main } = await setUp();
    const food = (await createCategory(database.db, user.id, { name: 'Lebensmittel' })).id;
    const mine = await createTransaction(database.db, user.id, {
      categoryId: food,
      type: 'EXPENSE',
      amount: '7.00',
      date: '2026-03-03',
    });
    const result = await runImport(database.db, user.id, { accountId: main.id, file: bytes(GERMAN) });
    expect(await undoImport(database.db, user.id, { id: result.id })).toEqual({ removed: 5 });
    const left = await listTransactions(database.db, user.id);
    expect(left.items.map((t) => t.id)).toEqual([mine.id]);
    expect(await listImports(database.db, user.id)).toEqual([]);
    expect(await findSummaryDrift(database.db, user.id)).toEqual([]);
    expect(await findAccountMonthDrift(database.db, user.id)).toEqual([]);
    expect(await findCategoryMonthDrift(database.db, user.id)).toEqual([]);
    const stranger = await createUser(database.db, 'stranger');
    await expect(undoImport(database.db, stranger.id, { id: result.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('an exported CSV', () => {
  it('imported into a new account with zero configuration gives identical transactions', async () => {
    const { user } = await setUp();
    const food = (await createCategory(database.db, user.id, { name: 'Food, drinks & "fun"' })).id;
    const pay = (await createCategory(database.db, user.id, { name: 'Salary' })).id;
    const samples = [
      {
        categoryId: pay,
        type: 'INCOME' as const,
        amount: '4200.00',
        date: '2026-01-31',
        payee: 'ACME Inc.',
        note: '',
      },
      {
        categoryId: food,
        type: 'EXPENSE' as const,
        amount: '12.50',
        date: '2026-02-01',
        payee: 'Café "Zur Post"',
        note: 'Lunch, with Sam\nand Kim',
      },
      {
        categoryId: food,
        type: 'EXPENSE' as const,
        amount: '0.99',
        date: '2026-02-01',
        payee: '',
        note: '  spaces  ',
      },
      {
        categoryId: food,
        type: 'EXPENSE' as const,
        amount: '1234567.89',
        date: '2026-02-28',
        payee: 'Zürich €uro; tabs\there',
        note: 'über',
      },
      // Cells a spreadsheet would run as formulas go out guarded (`'=…`) and come back as they were.
      {
        categoryId: food,
        type: 'EXPENSE' as const,
        amount: '3.00',
        date: '2026-02-27',
        payee: '=HYPERLINK("http://x")',
        note: '-minus first',
      },
    ];
    for (const sample of samples) await createTransaction(database.db, user.id, sample);
    let csv = CSV_HEADER;
    for await (const batch of streamTransactions(database.db, user.id)) csv += csvLines(batch);
    expect(csv).toContain(`2026-02-27,"'=HYPERLINK(""http://x"")",'-minus first,`);

    const fresh = await createAccount(database.db, user.id, { name: 'Copy' });
    const result = await runImport(database.db, user.id, { accountId: fresh.id, file: bytes(csv) });
    expect(result).toMatchObject({ imported: samples.length, errors: 0, categoriesCreated: 0 });
    const shape = (t: {
      date: string;
      type: string;
      amount: string;
      payee: string;
      note: string;
      categoryName: string | null;
    }) => [t.date, t.type, t.amount, t.payee, t.note, t.categoryName].join('|');
    const original = (
      await listTransactions(database.db, user.id, {
        accountId: (await listAccounts(database.db, user.id)).find((a) => a.isDefault)?.id,
      })
    ).items;
    const copied = (await listTransactions(database.db, user.id, { accountId: fresh.id })).items;
    // The same transactions (within one day the new ids run in file order, so compare them sorted).
    expect(copied.map(shape).sort()).toEqual(original.map(shape).sort());
  });
});
