import { describe, expect, it } from 'vitest';
import { parseBankFile } from './index';
import { dated, fixture } from './test-fixtures';

// Each fixture follows the bank's published export layout: header names, preamble, quoting, encoding.
describe('CSV exports of real banks parse with no configuration', () => {
  it('US checking (Chase): signed amounts, a DEBIT/CREDIT details column, trailing commas', () => {
    const { rows, detected } = parseBankFile(fixture('us-chase-checking.csv'));
    expect(detected).toMatchObject({ delimiter: ',', headerRow: 1, dateFormat: 'MM/DD/YYYY', decimal: '.' });
    expect(detected.columns).toMatchObject({ date: 'Posting Date', amount: 'Amount', payee: 'Description' });
    expect(rows.map(dated)).toEqual([
      '2025-01-31 -23.99',
      '2025-01-31 2500.00',
      '2025-01-28 -150.00',
      '2025-01-15 -87.34',
      '2025-01-10 37.34',
      '2025-01-03 -15.49',
    ]);
    expect(rows[1]).toMatchObject({
      line: 3,
      payee: 'ACME CORP PAYROLL PPD ID: 9876543210',
      note: '',
      error: null,
    });
  });

  it('US credit card (Amex) writes purchases as positive amounts: read as is, flipped with invert', () => {
    // Nothing in the file says it is a card statement, so the sign is the file's until the user says so.
    const asWritten = parseBankFile(fixture('us-amex-card.csv'));
    expect(asWritten.rows.map(dated)).toEqual([
      '2025-01-22 -19.99',
      '2025-01-20 1234.56',
      '2025-01-17 -500.00',
      '2025-01-15 23.45',
    ]);
    const { rows } = parseBankFile(fixture('us-amex-card.csv'), { invert: true });
    expect(rows.map(dated)).toEqual([
      '2025-01-22 19.99',
      '2025-01-20 -1234.56',
      '2025-01-17 500.00',
      '2025-01-15 -23.45',
    ]);
    expect(rows[1]?.payee).toBe('DELTA AIR LINES ATLANTA, GA');
  });

  it('US credit card (Capital One): Debit and Credit columns, ISO dates, a category', () => {
    const { rows, detected } = parseBankFile(fixture('us-capital-one-card.csv'));
    expect(detected.columns).toMatchObject({
      date: 'Transaction Date',
      debit: 'Debit',
      credit: 'Credit',
      category: 'Category',
    });
    expect(rows.map(dated)).toEqual([
      '2025-01-28 350.00',
      '2025-01-21 -41.07',
      '2025-01-19 -64.18',
      '2025-01-19 12.99',
      '2025-01-05 -11.99',
    ]);
    expect(rows[1]).toMatchObject({ payee: 'SHELL OIL 57444', category: 'Gas/Automotive' });
  });

  it('UK (Lloyds): Debit Amount / Credit Amount beside a running Balance, DD/MM/YYYY', () => {
    const { rows, detected } = parseBankFile(fixture('uk-lloyds.csv'));
    expect(detected).toMatchObject({ dateFormat: 'DD/MM/YYYY' });
    expect(detected.columns).toMatchObject({ debit: 'Debit Amount', credit: 'Credit Amount' });
    expect(detected.columns.amount).toBeUndefined();
    expect(rows.map(dated)).toEqual([
      '2025-01-31 -23.40',
      '2025-01-28 1500.00',
      '2025-01-15 -65.00',
      '2025-01-02 -650.00',
    ]);
    expect(rows[0]?.payee).toBe('TESCO STORES 3412');
  });

  it('UK (Nationwide): account preamble, "15 Jan 2025" dates, Paid out / Paid in in pounds', () => {
    const { rows, detected } = parseBankFile(fixture('uk-nationwide.csv'));
    expect(detected).toMatchObject({ headerRow: 5, dateFormat: 'D MMM YYYY', decimal: '.' });
    expect(detected.columns).toMatchObject({ debit: 'Paid out', credit: 'Paid in' });
    expect(rows.map(dated)).toEqual([
      '2025-01-02 -65.00',
      '2025-01-15 -23.40',
      '2025-01-28 1500.00',
      '2025-01-30 -1700.00',
    ]);
    expect(rows[2]).toMatchObject({ line: 8, payee: 'EMPLOYER LTD SALARY' });
  });

  it('German Sparkasse (CAMT CSV): ";" and quotes, DD.MM.YY, decimal comma, payee and purpose', () => {
    const { rows, detected } = parseBankFile(fixture('de-sparkasse-camt.csv'));
    expect(detected).toMatchObject({ delimiter: ';', dateFormat: 'DD.MM.YY', decimal: ',' });
    expect(detected.columns).toMatchObject({
      date: 'Buchungstag',
      amount: 'Betrag',
      payee: 'Beguenstigter/Zahlungspflichtiger',
      note: 'Verwendungszweck',
    });
    expect(rows.map(dated)).toEqual([
      '2025-01-30 -45.20',
      '2025-01-30 3150.00',
      '2025-01-15 -1234.56',
      '2025-01-02 -7.95',
    ]);
    expect(rows[2]).toMatchObject({
      payee: 'Stadtwerke Musterstadt',
      note: 'Stadtwerke Musterstadt Abschlag Strom 01/2025',
    });
    expect(rows[3]?.payee).toBe('');
  });

  it('German DKB: account preamble, "Betrag (€)" with a euro sign, payer or recipient by direction', () => {
    const { rows, detected } = parseBankFile(fixture('de-dkb.csv'));
    expect(detected).toMatchObject({ headerRow: 5, dateFormat: 'DD.MM.YY', decimal: ',' });
    expect(detected.columns).toMatchObject({ date: 'Buchungsdatum', amount: 'Betrag (€)' });
    expect(rows.map(dated)).toEqual([
      '2025-01-31 -45.20',
      '2025-01-30 3150.00',
      '2025-01-20 -1100.00',
      '2025-01-12 -13.99',
    ]);
    expect(rows.map((row) => row.payee)).toEqual([
      'REWE Markt GmbH',
      'Arbeitgeber AG',
      'Vermieter Schulz',
      'Netflix International B.V.',
    ]);
    expect(rows[0]?.note).toBe('Einkauf vom 30.01.');
  });

  it('German Deutsche Bank in Windows-1252: preamble, Soll/Haben, a closing-balance footer', () => {
    const { rows, detected } = parseBankFile(fixture('de-deutsche-bank-latin1.csv'));
    expect(detected).toMatchObject({ encoding: 'windows-1252', headerRow: 4, dateFormat: 'DD.MM.YYYY' });
    expect(detected.columns).toMatchObject({
      debit: 'Soll',
      credit: 'Haben',
      payee: 'Begünstigter / Auftraggeber',
    });
    expect(rows.map(dated)).toEqual([
      '2025-01-29 -8.40',
      '2025-01-27 45.00',
      '2025-01-15 -1089.50',
      '2025-01-03 -950.00',
    ]);
    expect(rows[0]).toMatchObject({ payee: 'Bäckerei Müller', note: 'Brötchen und Kaffee' });
    expect(rows[3]?.payee).toBe('Hausverwaltung Größe');
  });

  it('French (Crédit Agricole): preamble, Débit/Crédit euros, "1 234,56", libellés over several lines', () => {
    const { rows, detected } = parseBankFile(fixture('fr-credit-agricole.csv'));
    expect(detected).toMatchObject({ delimiter: ';', headerRow: 6, dateFormat: 'DD/MM/YYYY', decimal: ',' });
    expect(rows.map(dated)).toEqual([
      '2025-01-30 -87.50',
      '2025-01-28 2450.00',
      '2025-01-15 -45.20',
      '2025-01-05 -1234.56',
    ]);
    expect(rows.map((row) => row.line)).toEqual([7, 10, 13, 14]);
    expect(rows[0]?.payee).toBe('PRELEVEMENT EDF clients particuliers REF 123456789');
  });

  it('Dutch (ING): YYYYMMDD, unsigned "Bedrag (EUR)" with the sign in "Af Bij"', () => {
    const { rows, detected } = parseBankFile(fixture('nl-ing.csv'));
    expect(detected).toMatchObject({ delimiter: ',', dateFormat: 'YYYYMMDD', decimal: ',' });
    expect(detected.columns).toMatchObject({
      amount: 'Bedrag (EUR)',
      type: 'Af Bij',
      payee: 'Naam / Omschrijving',
      note: 'Mededelingen',
    });
    expect(rows.map(dated)).toEqual([
      '2025-01-31 -45.20',
      '2025-01-25 2850.00',
      '2025-01-10 -1234.56',
      '2025-01-02 -3.90',
    ]);
    expect(rows[2]).toMatchObject({
      payee: 'Belastingdienst',
      note: 'Naam: Belastingdienst Omschrijving: Voorlopige aanslag 2025',
    });
  });

  it('Spanish (Santander): Fecha;Concepto;Importe;Saldo, the balance never taken for the amount', () => {
    const { rows, detected } = parseBankFile(fixture('es-santander.csv'));
    expect(detected).toMatchObject({ dateFormat: 'DD/MM/YYYY', decimal: ',' });
    expect(detected.columns).toMatchObject({ date: 'Fecha', amount: 'Importe', payee: 'Concepto' });
    expect(rows.map(dated)).toEqual([
      '2025-01-31 -56.78',
      '2025-01-28 2200.00',
      '2025-01-10 -1234.56',
      '2025-01-02 -100.00',
    ]);
    expect(rows[0]?.payee).toBe('Compra Mercadona Madrid, Tarjeta 1234');
  });

  it('Australian (CommBank) without a header: date, amount, description, running balance', () => {
    const { rows, detected } = parseBankFile(fixture('au-commbank.csv'));
    expect(detected).toMatchObject({ headerRow: null, dateFormat: 'DD/MM/YYYY', decimal: '.' });
    expect(detected.columns).toEqual({ date: 0, amount: 1, payee: 2 });
    expect(rows.map(dated)).toEqual([
      '2025-01-31 -45.20',
      '2025-01-28 2500.00',
      '2025-01-15 -1250.00',
      '2025-01-03 -15.44',
    ]);
    expect(rows[1]).toMatchObject({ line: 2, payee: 'Salary ACME PTY LTD' });
  });

  it("Swiss (PostFinance) as UTF-16 tab-separated text: preamble, Gutschrift/Lastschrift, 1'234.50", () => {
    const { rows, detected } = parseBankFile(fixture('ch-postfinance-utf16.txt'));
    expect(detected).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', headerRow: 7, decimal: '.' });
    expect(detected.columns).toMatchObject({ debit: 'Lastschrift in CHF', credit: 'Gutschrift in CHF' });
    expect(rows.map(dated)).toEqual(['2025-01-31 -84.35', '2025-01-25 6250.00', '2025-01-05 -1755.65']);
    expect(rows[0]?.payee).toBe('KAUF/DIENSTLEISTUNG VOM 30.01.2025 KARTEN NR. XXXX1234 MIGROS ZÜRICH');
  });

  it('US Bank of America: a summary block before the header, a dated opening balance without amount', () => {
    const { rows, detected } = parseBankFile(fixture('us-bank-of-america.csv'));
    expect(detected).toMatchObject({ headerRow: 7, dateFormat: 'MM/DD/YYYY' });
    expect(rows.map(dated)).toEqual(['2025-01-15 -45.20', '2025-01-31 2500.00']);
    expect(rows[0]).toMatchObject({ line: 9, payee: 'WHOLEFDS MKT' });
  });

  it('US card (Citi): payments written negative in the Credit column are still money in', () => {
    const { rows } = parseBankFile(fixture('us-citi-card.csv'));
    expect(rows.map(dated)).toEqual(['2025-01-15 -45.20', '2025-01-16 500.00']);
  });

  it('German Volksbank: unsigned Umsatz with S/H, a purpose over two lines, balance rows dropped', () => {
    const { rows, detected } = parseBankFile(fixture('de-volksbank.csv'));
    expect(detected).toMatchObject({ headerRow: 11, dateFormat: 'DD.MM.YYYY', decimal: ',' });
    expect(detected.columns).toMatchObject({ amount: 'Umsatz', type: 12, note: 'Vorgang/Verwendungszweck' });
    expect(rows.map(dated)).toEqual(['2025-01-15 -23.45', '2025-01-16 2500.00']);
    expect(rows.map((row) => row.line)).toEqual([12, 14]);
    expect(rows[0]).toMatchObject({ payee: 'REWE Markt', note: 'Basislastschrift\nREWE SAGT DANKE' });
  });

  it('Dutch ABN AMRO tab file without a header: the amount told from the balances before and after it', () => {
    const { rows, detected } = parseBankFile(fixture('nl-abn-amro.tab'));
    expect(detected).toMatchObject({
      delimiter: '\t',
      headerRow: null,
      dateFormat: 'YYYYMMDD',
      decimal: ',',
    });
    expect(detected.columns).toEqual({ date: 2, amount: 6, payee: 7 });
    expect(rows.map(dated)).toEqual(['2025-01-15 -45.20', '2025-01-16 2850.00']);
  });
});
