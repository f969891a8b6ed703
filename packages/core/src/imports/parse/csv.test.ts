import { describe, expect, it } from 'vitest';
import { PAYEE_MAX_LENGTH, parseBankFile } from './index';
import { bytesOf, dated, fixture } from './test-fixtures';

const csv = (text: string) => parseBankFile(bytesOf(text));

describe('the finsight export', () => {
  it('round-trips with zero configuration, to exactly the exported values', () => {
    const { rows, detected } = parseBankFile(fixture('finsight-export.csv'));
    expect(detected).toEqual({
      delimiter: ',',
      encoding: 'utf-8',
      headerRow: 1,
      dateFormat: 'YYYY-MM-DD',
      decimal: '.',
      columns: { date: 'Date', amount: 'Amount', payee: 'Payee', note: 'Note', category: 'Category' },
      headers: ['Date', 'Payee', 'Note', 'Category', 'Amount'],
      columnCount: 5,
    });
    expect(rows).toEqual([
      {
        line: 2,
        date: '2025-01-31',
        type: 'EXPENSE',
        amount: '23.40',
        payee: 'Corner Café',
        note: 'Lunch with Sam, split "50/50"',
        category: 'Eating out',
        error: null,
      },
      {
        line: 3,
        date: '2025-01-28',
        type: 'INCOME',
        amount: '2500.00',
        payee: 'Acme Corp',
        note: '',
        category: 'Salary',
        error: null,
      },
      {
        line: 4,
        date: '2025-01-15',
        type: 'EXPENSE',
        amount: '1200.00',
        payee: 'Landlord',
        note: 'Rent\nJanuary',
        category: 'Housing',
        error: null,
      },
      {
        line: 6,
        date: '2025-01-02',
        type: 'INCOME',
        amount: '100.05',
        payee: '',
        note: 'Opening deposit',
        category: null,
        error: null,
      },
    ]);
  });

  it('reads an export with no transactions as no rows', () => {
    const { rows, detected } = csv('Date,Payee,Note,Category,Amount\r\n');
    expect(rows).toEqual([]);
    expect(detected.columns).toEqual({
      date: 'Date',
      amount: 'Amount',
      payee: 'Payee',
      note: 'Note',
      category: 'Category',
    });
  });
});

describe('preamble and footer', () => {
  it('skips account lines and blank lines before the header', () => {
    const { rows, detected } = csv(
      'Kontonummer:;DE12 1203 0000 1234 5678 90\n\nZeitraum:;01.01.2025 - 31.01.2025\n' +
        'Buchungstag;Verwendungszweck;Betrag\n15.01.2025;Miete;-950,00\n',
    );
    expect(detected.headerRow).toBe(4);
    expect(rows.map(dated)).toEqual(['2025-01-15 -950.00']);
    expect(rows[0]?.line).toBe(5);
  });

  it('drops totals and closing balances after the last transaction, in the table shape or not', () => {
    const { rows } = csv(
      'Date,Description,Amount\n01/15/2025,Coffee,-3.50\n01/16/2025,Refund,12.00\n\n' +
        ',Total,8.50\nClosing balance,,1234.56\n"Kontostand am 31.01.2025: 1.234,56 EUR"\n',
    );
    expect(rows.map(dated)).toEqual(['2025-01-15 -3.50', '2025-01-16 12.00']);
    expect(rows.every((row) => row.error === null)).toBe(true);
  });

  it('drops dated opening and closing balance lines that have no amount', () => {
    const { rows } = csv(
      'Date,Description,Amount,Running Bal.\n01/01/2025,Beginning balance as of 01/01/2025,,"1,000.00"\n' +
        '01/15/2025,"WOOLWORTHS","-45.20","954.80"\n',
    );
    expect(rows.map(dated)).toEqual(['2025-01-15 -45.20']);
  });

  it('skips blank lines and a repeated header between transactions', () => {
    const { rows } = csv('Date,Payee,Amount\n2025-01-01,A,-1.00\n\nDate,Payee,Amount\n2025-01-02,B,-2.00\n');
    expect(rows.map((row) => [row.line, row.payee])).toEqual([
      [2, 'A'],
      [5, 'B'],
    ]);
  });
});

describe('rows that cannot be imported', () => {
  const { rows } = csv(
    [
      'Date,Payee,Amount',
      '2025-01-01,Good,-1.00',
      '2025-02-31,Bad date,-2.00',
      ',No date,-3.00',
      '2025-01-04,Bad amount,"12,34,5"',
      '2025-01-05,No amount,',
      '2025-01-06,Zero,0.00',
      '2025-01-07,Too big,1234567890123.00',
      'a stray line in the middle',
      '2025-01-08,Good again,4.00',
    ].join('\n'),
  );

  it('stay in place as error rows naming their line, the others are read', () => {
    expect(rows.map((row) => row.error)).toEqual([
      null,
      'Line 3: "2025-02-31" is not a valid date.',
      'Line 4: the date is missing.',
      'Line 5: "12,34,5" is not a valid amount.',
      'Line 6: the amount is missing.',
      'Line 7: the amount is zero.',
      'Line 8: "1234567890123.00" has more than 12 digits before the decimal point.',
      'Line 9: "a stray line in the middle" is not a valid date.',
      null,
    ]);
  });

  it('keep whatever could be read', () => {
    expect(rows[1]).toMatchObject({ date: null, type: 'EXPENSE', amount: '2.00', payee: 'Bad date' });
    expect(rows[3]).toMatchObject({ date: '2025-01-04', type: null, amount: null });
  });
});

describe('dates across the file', () => {
  it('resolves an ambiguous 03/04/2025 by a 25/04/2025 in another row', () => {
    const { rows, detected } = csv(
      'Date,Payee,Amount\n03/04/2025,A,-1.00\n04/04/2025,B,-1.00\n25/04/2025,C,-1.00\n',
    );
    expect(detected.dateFormat).toBe('DD/MM/YYYY');
    expect(rows.map((row) => row.date)).toEqual(['2025-04-03', '2025-04-04', '2025-04-25']);
  });

  it('reads ambiguous dates day-first in a ";" decimal-comma file and month-first in a US-looking one', () => {
    expect(csv('Datum;Betrag\n03.04.2025;-1,00\n').rows[0]?.date).toBe('2025-04-03');
    expect(csv('Date;Betrag\n03/04/2025;-1,00\n').rows[0]?.date).toBe('2025-04-03');
    expect(csv('Date,Amount\n03/04/2025,-1.00\n').rows[0]?.date).toBe('2025-03-04');
    expect(csv('Date,Amount\n03/04/2025,£-1.00\n').rows[0]?.date).toBe('2025-04-03');
  });

  it('reads two-digit years', () => {
    const { rows, detected } = csv('Date,Amount\n15/01/25,-1.00\n31/12/99,-2.00\n');
    expect(detected.dateFormat).toBe('DD/MM/YY');
    expect(rows.map((row) => row.date)).toEqual(['2025-01-15', '1999-12-31']);
  });

  it('prefers the booking date over the value date', () => {
    const { detected } = csv('Valutadatum;Buchungstag;Betrag\n02.01.2025;01.01.2025;-1,00\n');
    expect(detected.columns.date).toBe('Buchungstag');
  });
});

describe('amount conventions in a file', () => {
  it('reads (12.50), trailing minus, CR/DR and currency in the cells', () => {
    const { rows } = csv(
      'Date,Description,Amount\n2025-01-01,A,(12.50)\n2025-01-02,B,12.50-\n2025-01-03,C,12.50 CR\n' +
        '2025-01-04,D,12.50 DR\n2025-01-05,E,"$1,012.50"\n2025-01-06,F,-€7.00\n',
    );
    expect(rows.map(dated)).toEqual([
      '2025-01-01 -12.50',
      '2025-01-02 -12.50',
      '2025-01-03 12.50',
      '2025-01-04 -12.50',
      '2025-01-05 1012.50',
      '2025-01-06 -7.00',
    ]);
  });

  it('decides the decimal separator from all amount cells', () => {
    const rows = [
      'Date;Amount',
      ...Array.from({ length: 400 }, () => '2025-01-01;1.000'),
      '2025-01-02;1.000,5',
    ];
    const parsed = csv(rows.join('\n'));
    expect(parsed.detected.decimal).toBe(',');
    expect(parsed.rows[0]?.amount).toBe('1000.00');
  });

  it.each([
    ['Debit/Credit', 'Debit', 'Credit'],
    ['DR/CR', 'DR', 'CR'],
    ['D/C', 'D', 'C'],
    ['S/H', 'S', 'H'],
    ['Sens', 'Débit', 'Crédit'],
    ['Tipo', 'Cargo', 'Abono'],
    ['Type', 'EXPENSE', 'INCOME'],
    ['Sign', '-', '+'],
  ])('takes the sign of unsigned amounts from a %s column', (header, out, into) => {
    const { rows, detected } = csv(
      `Date,Payee,${header},Amount\n2025-01-01,A,${out},5.00\n2025-01-02,B,${into},7.00\n`,
    );
    expect(detected.columns.type).toBe(header);
    expect(rows.map(dated)).toEqual(['2025-01-01 -5.00', '2025-01-02 7.00']);
  });
});

describe('running balances', () => {
  it('are never taken for the amount, even before an amount column whose name is unknown', () => {
    const { rows, detected } = csv('Date,Saldo,Description,Sum\n2025-01-15,1200.00,Rent,-800.00\n');
    expect(detected.columns.amount).toBe('Sum');
    expect(rows.map(dated)).toEqual(['2025-01-15 -800.00']);
  });
});

describe('files without a header', () => {
  it('finds date, amount and text by content (Wells Fargo)', () => {
    const { rows, detected } = csv(
      '"01/15/2025","-45.20","*","","WOOLWORTHS"\n"01/16/2025","1200.00","*","","PAYROLL"\n',
    );
    expect(detected.columns).toEqual({ date: 0, amount: 1, payee: 4 });
    expect(rows.map(dated)).toEqual(['2025-01-15 -45.20', '2025-01-16 1200.00']);
  });

  it('tells the running balance from the amount by how it steps, whichever column comes first', () => {
    const { rows, detected } = csv(
      '2025-01-01,1000.00,Opening,1000.00\n2025-01-02,950.00,Groceries,-50.00\n2025-01-03,1950.00,Salary,1000.00\n',
    );
    expect(detected.columns.amount).toBe(3);
    expect(rows.map(dated)).toEqual(['2025-01-01 1000.00', '2025-01-02 -50.00', '2025-01-03 1000.00']);
  });

  it('finds separate money-out and money-in columns, ordered by the balance', () => {
    const { rows, detected } = csv(
      '15/01/2025,Salary,,2000.00,2000.00\n16/01/2025,Rent,800.00,,1200.00\n17/01/2025,Coffee,3.50,,1196.50\n',
    );
    expect(detected.columns).toMatchObject({ date: 0, debit: 2, credit: 3, payee: 1 });
    expect(rows.map(dated)).toEqual(['2025-01-15 2000.00', '2025-01-16 -800.00', '2025-01-17 -3.50']);
  });
});

describe('CSV layout', () => {
  it.each([
    [',', 'Date,Payee,Amount\n2025-01-01,"A, Inc.",-1.50\n'],
    [';', 'Date;Payee;Amount\n2025-01-01;"A; Inc.";-1,50\n'],
    ['\t', 'Date\tPayee\tAmount\n2025-01-01\tA\t-1.50\n'],
    ['|', 'Date|Payee|Amount\n2025-01-01|A|-1.50\n'],
  ])('detects the %j delimiter', (delimiter, text) => {
    const { rows, detected } = csv(text);
    expect(detected.delimiter).toBe(delimiter);
    expect(rows.map(dated)).toEqual(['2025-01-01 -1.50']);
  });

  it('follows an Excel "sep=;" first line', () => {
    const { rows, detected } = csv('sep=;\nDate;Amount\n2025-01-01;-1\n');
    expect(detected).toMatchObject({ delimiter: ';', headerRow: 2 });
    expect(rows[0]?.line).toBe(3);
  });

  it('counts lines inside quoted fields, with CRLF line ends too', () => {
    const { rows } = csv(
      'Date,Payee,Note,Amount\r\n2025-01-01,A,"one\r\ntwo\r\nthree",-1.00\r\n2025-01-02,B,,-2.00\r\n',
    );
    expect(rows.map((row) => row.line)).toEqual([2, 5]);
    expect(rows[0]?.note).toBe('one\r\ntwo\r\nthree');
  });

  it('counts lines after a quoted line break when the file does not end with one', () => {
    const { rows } = csv('Date,Note,Amount\n2025-01-01,"a\nb",-1\n2025-01-02,c,-2');
    expect(rows.map((row) => row.line)).toEqual([2, 4]);
  });

  it('trims and collapses the payee and cuts it to the maximum length', () => {
    const long = 'X'.repeat(300);
    const { rows } = csv(
      `Date,Payee,Note,Amount\n2025-01-01,"  ACME   \t CORP  ","  memo  ",-1\n2025-01-02,${long},${'n'.repeat(1200)},-1\n`,
    );
    expect(rows[0]).toMatchObject({ payee: 'ACME CORP', note: 'memo' });
    expect(rows[1]?.payee).toHaveLength(PAYEE_MAX_LENGTH);
    expect(rows[1]?.note).toHaveLength(1000);
  });
});
