import { tableCounts } from '@finsight/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestUser, restAs, restUser, startTestServer, type TestServer } from '../testing/server';

let server: TestServer;
let jane: RestUser;
let mallory: RestUser;

beforeAll(async () => {
  server = await startTestServer();
  jane = await restUser(server.url, 'jane');
  mallory = await restUser(server.url, 'mallory');
});
afterAll(() => server.close());

const as = (user: RestUser) => ({
  ...restAs(server.url, user),
  /** A bank file as the raw request body. */
  upload: async (path: string, file: string | Uint8Array, contentType = 'text/csv') => {
    const response = await fetch(server.url + path, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${user.access}` },
      body: file,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  },
});

const STATEMENT = `Date,Description,Amount
2026-02-02,ACME Payroll,2500.00
2026-02-03,Corner Café,-4.50
2026-02-03,Corner Café,-4.50
2026-02-10,City Power,-61.20
`;

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

describe('accounts', () => {
  it('list the default account, open others, and give balances now and at a date', async () => {
    const list = await as(jane).get('/api/finance/accounts/');
    expect(list).toMatchObject({
      status: 200,
      body: [{ name: 'Main account', is_default: true, balance: '0.00' }],
    });
    const card = await as(jane).post('/api/finance/accounts/', {
      name: 'Visa',
      kind: 'CREDIT_CARD',
      opening_balance: '-120.00',
      opening_date: '2026-01-01',
    });
    expect(card).toMatchObject({
      status: 201,
      body: {
        name: 'Visa',
        kind: 'CREDIT_CARD',
        opening_balance: '-120.00',
        balance: '-120.00',
        is_default: false,
      },
    });
    const id = (card.body as { id: number }).id;
    const category = (await as(jane).post('/api/finance/categories/', { name: 'Shopping' })).body as {
      id: number;
    };
    const spent = await as(jane).post('/api/finance/transactions/', {
      category: category.id,
      account: id,
      payee: 'Bookshop',
      type: 'EXPENSE',
      amount: '30.00',
      date: '2026-02-01',
    });
    expect(spent).toMatchObject({ status: 201, body: { account: id, payee: 'Bookshop', transfer: null } });
    expect((await as(jane).get(`/api/finance/accounts/${id}/`)).body).toMatchObject({ balance: '-150.00' });
    expect((await as(jane).get('/api/finance/accounts/?date=2026-01-31')).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, balance: '-120.00' })]),
    );
    expect(await as(jane).get('/api/finance/accounts/balances/')).toMatchObject({
      status: 200,
      body: { date: null, total: '-150.00' },
    });
    const page = await as(jane).get(`/api/finance/transactions/?account=${id}&limit=10`);
    expect(page.body).toMatchObject({
      count: 1,
      results: [{ payee: 'Bookshop', running_balance: '-150.00' }],
    });
    expect(await as(jane).patch(`/api/finance/accounts/${id}/`, { archived: true })).toMatchObject({
      status: 200,
      body: { archived: true },
    });
    expect(await as(jane).delete(`/api/finance/accounts/${id}/`)).toMatchObject({ status: 409 });
    // What a GET gives can be PUT back as it is.
    const current = (await as(jane).get(`/api/finance/accounts/${id}/`)).body as Record<string, unknown>;
    expect(
      await as(jane).put(`/api/finance/accounts/${id}/`, { ...current, name: 'Visa Gold' }),
    ).toMatchObject({
      status: 200,
      body: { name: 'Visa Gold', archived: true },
    });
    const [main] = (await as(jane).get('/api/finance/accounts/')).body as {
      id: number;
      is_default: boolean;
    }[];
    expect(await as(jane).patch(`/api/finance/accounts/${main?.id}/`, { is_default: false })).toMatchObject({
      status: 400,
      body: { is_default: [expect.stringContaining('make another account the default')] },
    });
  });

  it("are one user's own: another's account is 404 and cannot be named in a transaction", async () => {
    const [account] = (await as(jane).get('/api/finance/accounts/')).body as { id: number }[];
    expect((await as(mallory).get(`/api/finance/accounts/${account?.id}/`)).status).toBe(404);
    const category = (await as(mallory).post('/api/finance/categories/', { name: 'Mine' })).body as {
      id: number;
    };
    const refused = await as(mallory).post('/api/finance/transactions/', {
      category: category.id,
      account: account?.id,
      type: 'EXPENSE',
      amount: '1.00',
      date: '2026-01-01',
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { account: [expect.stringContaining('does not exist')] },
    });
  });
});

describe('transfers', () => {
  it('create both sides in one call, and deleting one deletes both', async () => {
    const user = await restUser(server.url, 'saver');
    const [main] = (await as(user).get('/api/finance/accounts/')).body as { id: number }[];
    const savings = (await as(user).post('/api/finance/accounts/', { name: 'Savings', kind: 'SAVINGS' }))
      .body as {
      id: number;
    };
    const transfer = await as(user).post('/api/finance/transfers/', {
      from_account: main?.id,
      to_account: savings.id,
      amount: '250.00',
      date: '2026-03-01',
      note: 'Rainy day',
    });
    expect(transfer).toMatchObject({
      status: 201,
      body: {
        from: { account: main?.id, type: 'EXPENSE', category: null, amount: '250.00' },
        to: { account: savings.id, type: 'INCOME', category: null, note: 'Rainy day' },
      },
    });
    const { from, to } = transfer.body as { from: { id: number }; to: { id: number; transfer: number } };
    expect(to.transfer).toBe(from.id);
    expect((await as(user).get('/api/finance/summary/?month=2026-03')).body).toMatchObject({
      total_income: '0.00',
      total_expense: '0.00',
    });
    expect((await as(user).delete(`/api/finance/transactions/${from.id}/`)).status).toBe(204);
    expect((await as(user).get(`/api/finance/transactions/${to.id}/`)).status).toBe(404);
    const same = await as(user).post('/api/finance/transfers/', {
      from_account: main?.id,
      to_account: main?.id,
      amount: '1.00',
      date: '2026-03-01',
    });
    expect(same).toMatchObject({ status: 400, body: { to_account: ['Choose two different accounts.'] } });
  });
});

describe('imports', () => {
  it('preview a raw CSV body with zero configuration and write nothing', async () => {
    const user = await restUser(server.url, 'preview');
    const before = await tableCounts(server.database.db);
    const preview = await as(user).upload('/api/finance/imports/preview/', STATEMENT);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      format: 'csv',
      detected: {
        delimiter: ',',
        header_row: 1,
        date_format: 'YYYY-MM-DD',
        decimal: '.',
        columns: { date: 'Date' },
      },
      summary: { rows: 4, valid: 4, errors: 0, duplicates: 0, income: '2500.00', expense: '70.20' },
    });
    expect((preview.body.rows as unknown[])[1]).toEqual({
      line: 3,
      date: '2026-02-03',
      type: 'EXPENSE',
      amount: '4.50',
      payee: 'Corner Café',
      note: '',
      category: 'Uncategorized',
      category_source: 'default',
      duplicate_of: null,
      error: null,
    });
    expect(await tableCounts(server.database.db)).toEqual(before);
  });

  it('import, refuse to import the same rows twice, list the history, and undo exactly', async () => {
    const user = await restUser(server.url, 'importer');
    const first = await as(user).upload('/api/finance/imports/?file_name=feb.csv', STATEMENT);
    expect(first).toMatchObject({
      status: 201,
      body: { imported: 4, duplicates_skipped: 0, errors: 0, categories_created: 1 },
    });
    const again = await as(user).upload(
      '/api/finance/imports/',
      new TextEncoder().encode(STATEMENT),
      'application/octet-stream',
    );
    expect(again).toMatchObject({ status: 201, body: { imported: 0, duplicates_skipped: 4 } });
    const history = await as(user).get('/api/finance/imports/');
    expect(history.body).toMatchObject([
      { imported: 0, file_name: '' },
      { imported: 4, file_name: 'feb.csv', first_date: '2026-02-02', last_date: '2026-02-10' },
    ]);
    expect((await as(user).get('/api/finance/summary/?month=2026-02')).body).toMatchObject({
      total_income: '2500.00',
      total_expense: '70.20',
      transaction_count: 4,
    });
    expect(await as(mallory).delete(`/api/finance/imports/${first.body.id}/`)).toMatchObject({ status: 404 });
    expect(await as(user).delete(`/api/finance/imports/${first.body.id}/`)).toMatchObject({
      status: 200,
      body: { removed: 4 },
    });
    expect((await as(user).get('/api/finance/summary/?month=2026-02')).body).toMatchObject({
      transaction_count: 0,
    });
  });

  it('read a UTF-16 file and take overrides from the query', async () => {
    const user = await restUser(server.url, 'utf16');
    const file = utf16le('\ufeffDatum\tOmschrijving\tBedrag\n03-02-2026\tBakker\t-2,10\n');
    const preview = await as(user).upload(
      '/api/finance/imports/preview/?invert=true&note_column=Omschrijving',
      file,
      'text/plain',
    );
    expect(preview).toMatchObject({
      status: 200,
      body: {
        detected: { encoding: 'utf-16le', delimiter: '\t' },
        rows: [{ date: '2026-02-03', type: 'INCOME', amount: '2.10', note: 'Bakker' }],
      },
    });
    const [theirs] = (await as(jane).get('/api/finance/accounts/')).body as { id: number }[];
    expect(await as(user).upload(`/api/finance/imports/preview/?account=${theirs?.id}`, file)).toMatchObject({
      status: 400,
      body: { account: [expect.stringContaining('does not exist')] },
    });
    const bad = await as(user).upload('/api/finance/imports/preview/?date_format=YYYY&skip_rows=x', file);
    expect(bad).toMatchObject({
      status: 400,
      body: { date_format: expect.any(Array), skip_rows: expect.any(Array) },
    });
  });

  it('refuse a malformed file with the lines, writing nothing, and a file over 20 MB with 413', async () => {
    const user = await restUser(server.url, 'malformed');
    const before = await tableCounts(server.database.db);
    const broken = await as(user).upload('/api/finance/imports/', `${STATEMENT}2026-02-30,Nowhere,-1.00\n`);
    expect(broken.status).toBe(400);
    expect(JSON.stringify(broken.body.file)).toMatch(/Line 6/);
    expect(await tableCounts(server.database.db)).toEqual(before);
    const garbage = await as(user).upload(
      '/api/finance/imports/preview/',
      new Uint8Array([0, 1, 2, 3, 255, 254, 0, 9]),
    );
    expect(garbage).toMatchObject({ status: 400, body: { file: [expect.any(String)] } });
    const huge = await as(user).upload(
      '/api/finance/imports/preview/',
      new Uint8Array(21 * 1024 * 1024).fill(65),
    );
    expect(huge).toMatchObject({ status: 413, body: { detail: expect.stringContaining('20 MB') } });
  });
});

describe('rules', () => {
  it('are created, changed and run over past transactions with a dry run first', async () => {
    const user = await restUser(server.url, 'rules');
    const category = (await as(user).post('/api/finance/categories/', { name: 'Shopping' })).body as {
      id: number;
    };
    await as(user).upload(
      '/api/finance/imports/',
      'Date,Payee,Amount\n2026-01-05,AMZN Mktp US*2K3,-23.40\n2026-01-06,Baker,-3.00\n',
    );
    const rule = await as(user).post('/api/finance/rules/', {
      name: 'Amazon',
      conditions: [{ field: 'payee', operator: 'matches', value: 'amzn mktp*' }],
      actions: { category: category.id, rename_payee: 'Amazon' },
    });
    expect(rule).toMatchObject({
      status: 201,
      body: { name: 'Amazon', actions: { category: category.id, rename_payee: 'Amazon' } },
    });
    const id = (rule.body as { id: number }).id;
    expect(await as(user).post(`/api/finance/rules/${id}/apply/`, { dry_run: true })).toMatchObject({
      status: 200,
      body: { matched: 1, changed: 1, dry_run: true },
    });
    expect(await as(user).post(`/api/finance/rules/${id}/apply/`, {})).toMatchObject({
      body: { changed: 1, dry_run: false },
    });
    const found = await as(user).get('/api/finance/transactions/?search=amazon');
    expect(found.body).toMatchObject([{ payee: 'Amazon', category: category.id }]);
    const invalid = await as(user).post('/api/finance/rules/', { name: 'x', actions: { rename_payee: 'y' } });
    expect(invalid).toMatchObject({ status: 400, body: { conditions: expect.any(Array) } });
    expect((await as(mallory).get(`/api/finance/rules/${id}/`)).status).toBe(404);
  });
});

describe('the export', () => {
  it('streams CSV that imports back with zero configuration, and OFX', async () => {
    const user = await restUser(server.url, 'exporter');
    await as(user).upload('/api/finance/imports/', STATEMENT);
    const csv = await fetch(`${server.url}/api/finance/transactions/export/?format=csv&start=2026-02-03`, {
      headers: { authorization: `Bearer ${user.access}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename="finsight-transactions-.*\.csv"/,
    );
    const text = await csv.text();
    expect(text).toBe(
      'Date,Payee,Note,Category,Amount\r\n2026-02-10,City Power,,Uncategorized,-61.20\r\n' +
        '2026-02-03,Corner Café,,Uncategorized,-4.50\r\n2026-02-03,Corner Café,,Uncategorized,-4.50\r\n',
    );
    const ofx = await fetch(`${server.url}/api/finance/transactions/export/?format=ofx`, {
      headers: { authorization: `Bearer ${user.access}` },
    });
    const document = await ofx.text();
    expect(document).toMatch(/^<\?xml/);
    expect(document.match(/<STMTTRN>/g)).toHaveLength(4);
    expect(document).toContain('<TRNAMT>-61.20</TRNAMT>');
    // The OFX reads back too.
    const other = await restUser(server.url, 'ofx');
    const preview = await as(other).upload('/api/finance/imports/preview/', document, 'application/x-ofx');
    expect(preview.body).toMatchObject({
      format: 'ofx',
      summary: { rows: 4, income: '2500.00', expense: '70.20' },
    });
  });
});
