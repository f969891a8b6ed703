import { describe, expect, it } from 'vitest';
import { parseBankFile } from './index';
import { bytesOf, dated, fixture } from './test-fixtures';

const csv = (text: string) => parseBankFile(bytesOf(text));

describe('Indian statements: lakh grouping and Cr/Dr suffixes', () => {
  const expected = [
    '2025-03-02 -1249.00',
    '2025-03-05 215000.00',
    '2025-03-09 -48320.50',
    '2025-03-14 -1234567.89',
    '2025-03-20 1000000.00',
    '2025-03-28 -500.00',
  ];

  it('reads "2,15,000.00 cr" and "12,34,567.89 Dr" in the amount column, never the balance', () => {
    const { rows, detected } = parseBankFile(fixture('in-lakh-drcr.csv'));
    expect(detected).toMatchObject({ headerRow: 5, decimal: '.', dateFormat: 'D MMM YYYY' });
    expect(detected.columns).toMatchObject({ date: 'Txn Date', amount: 'Amount (INR)' });
    expect(rows.map(dated)).toEqual(expected);
    expect(rows.every((row) => row.error === null)).toBe(true);
  });

  it('tells the amount from a Cr/Dr running balance by content when there is no header', () => {
    const text = new TextDecoder().decode(fixture('in-lakh-drcr.csv'));
    const headerless = text.split('\r\n').slice(5).join('\r\n');
    const { rows, detected } = csv(headerless);
    expect(detected.headerRow).toBeNull();
    expect(detected.columns.amount).toBe(3);
    expect(rows.map(dated)).toEqual(expected);
  });

  it('reads lakh-grouped day-first dates day first', () => {
    const { rows } = csv(
      'Date,Narration,Amount\n03/04/2025,NEFT,"1,85,400.00 Cr"\n05/04/2025,UPI,"452.00 Dr"\n',
    );
    expect(rows.map(dated)).toEqual(['2025-04-03 185400.00', '2025-04-05 -452.00']);
  });
});

describe('spaces as thousands separators', () => {
  it('reads NBSP, narrow NBSP, thin and plain spaces in a UTF-16 file, and refuses misgrouped digits', () => {
    const { rows, detected } = parseBankFile(fixture('fr-nnbsp-utf16.txt'));
    expect(detected).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', decimal: ',' });
    expect(detected.columns).toMatchObject({ date: 'Date opération', amount: 'Montant' });
    expect(rows.map(dated)).toEqual([
      '2025-02-28 -1084.30',
      '2025-02-25 3250.00',
      '2025-02-21 -86.45',
      '2025-02-17 -12340.00',
      '2025-02-12 null',
      '2025-02-05 -7.80',
    ]);
    expect(rows[4]?.error).toBe('Line 6: "1 2345,00" is not a valid amount.');
  });
});

describe('trailing minus with totals and balance lines around the table', () => {
  it('keeps the signs and drops the opening, closing, total and count lines', () => {
    const { rows, detected } = parseBankFile(fixture('at-trailing-minus-footer.csv'));
    expect(detected).toMatchObject({ headerRow: 5, decimal: ',', dateFormat: 'DD.MM.YYYY' });
    expect(rows.map(dated)).toEqual([
      '2025-04-01 3210.00',
      '2025-04-02 -1150.00',
      '2025-04-07 -64.12',
      '2025-04-15 -212.80',
      '2025-04-22 19.99',
      '2025-04-30 -7.50',
    ]);
    expect(rows.every((row) => row.error === null)).toBe(true);
  });

  it('still reports a row with a broken date at the end of the table', () => {
    const { rows } = csv(
      'Date;Text;Amount\n01.04.2025;A;1,00-\n02.04.2025;B;2,00-\n03.04.2025;C;3,00-\n31.04.2025;D;4,00-\n' +
        'Total 4;;10,00-\n',
    );
    expect(rows.map((row) => row.error)).toEqual([
      null,
      null,
      null,
      'Line 5: "31.04.2025" is not a valid date.',
    ]);
  });
});

describe('other ways of writing an amount', () => {
  it('reads a currency code before the number, + and − signs and a missing leading zero', () => {
    const { rows } = csv(
      'Datum;Text;Betrag\n02.01.2025;A;EUR -12,50\n03.01.2025;B;EUR\u00a0+100,00\n' +
        '04.01.2025;C;\u22121.234,50 €\n05.01.2025;D;,50\n06.01.2025;E;PLN 8,00\n',
    );
    expect(rows.map(dated)).toEqual([
      '2025-01-02 -12.50',
      '2025-01-03 100.00',
      '2025-01-04 -1234.50',
      '2025-01-05 0.50',
      '2025-01-06 8.00',
    ]);
  });

  it('finds the debit column of a headerless file by its − (U+2212) signs', () => {
    const { rows, detected } = csv(
      '2025-01-02,Salary,2500.00,\n2025-01-03,Rent,,\u2212950.00\n2025-01-04,Coffee,,\u22123.20\n',
    );
    expect(detected.columns).toMatchObject({ credit: 2, debit: 3 });
    expect(rows.map(dated)).toEqual(['2025-01-02 2500.00', '2025-01-03 -950.00', '2025-01-04 -3.20']);
  });

  it('reads a dash in the empty side of a debit/credit pair as nothing, with or without a header', () => {
    const { rows } = csv('Date,Payee,Debit,Credit\n2025-01-02,A,12.00,-\n2025-01-03,B,–,40.00\n');
    expect(rows.map(dated)).toEqual(['2025-01-02 -12.00', '2025-01-03 40.00']);
    const headerless = csv('2025-01-02,Rent,950.00,-\n2025-01-03,Salary,-,2500.00\n2025-01-04,Tea,3.20,-\n');
    expect(headerless.detected.columns).toMatchObject({ debit: 2, credit: 3 });
    expect(headerless.rows.map(dated)).toEqual([
      '2025-01-02 -950.00',
      '2025-01-03 2500.00',
      '2025-01-04 -3.20',
    ]);
  });
});
