import { describe, expect, it } from 'vitest';
import { ImportFileError, parseBankFile } from './index';
import { bytesOf, dated, fixture } from './test-fixtures';

// A file whose every guess is wrong or ambiguous without help: two dates, two text columns, a code column.
const file = bytesOf(
  [
    'Booked,Value,Counterparty,Memo,Code,Sum,Out,In,Group',
    '03/04/2025,04/04/2025,Alpha,first,X,5.00,5.00,,Food',
    '05/04/2025,06/04/2025,Beta,second,Y,7.00,,7.00,Pay',
  ].join('\n'),
);

describe('every option overrides its guess', () => {
  it('dateColumn, by header name in any case or by index', () => {
    expect(parseBankFile(file, { dateColumn: 'value' }).rows[0]?.date).toBe('2025-04-04');
    expect(parseBankFile(file, { dateColumn: '1' }).detected.columns.date).toBe('Value');
  });

  it('dateFormat', () => {
    const { rows, detected } = parseBankFile(file, { dateColumn: 'Booked', dateFormat: 'DD/MM/YYYY' });
    expect(detected.dateFormat).toBe('DD/MM/YYYY');
    expect(rows.map((row) => row.date)).toEqual(['2025-04-03', '2025-04-05']);
  });

  it('amountColumn and typeColumn', () => {
    const { rows, detected } = parseBankFile(file, {
      dateColumn: 'Booked',
      amountColumn: 'Sum',
      typeColumn: 'Code',
    });
    expect(detected.columns).toMatchObject({ amount: 'Sum', type: 'Code' });
    expect(detected.columns.debit).toBeUndefined();
    expect(rows.map((row) => row.amount)).toEqual(['5.00', '7.00']);
  });

  it('debitColumn and creditColumn', () => {
    const { rows, detected } = parseBankFile(file, {
      dateColumn: 'Booked',
      debitColumn: 'Out',
      creditColumn: 'In',
    });
    expect(detected.columns).toMatchObject({ debit: 'Out', credit: 'In' });
    expect(rows.map(dated)).toEqual(['2025-03-04 -5.00', '2025-05-04 7.00']);
  });

  it('payeeColumn, noteColumn and categoryColumn', () => {
    const { rows } = parseBankFile(file, {
      dateColumn: 'Booked',
      amountColumn: 'Sum',
      payeeColumn: 'Memo',
      noteColumn: 'Counterparty',
      categoryColumn: 'group',
    });
    expect(rows[0]).toMatchObject({ payee: 'first', note: 'Alpha', category: 'Food' });
  });

  it('decimal', () => {
    const text = bytesOf('Date;Amount\n2025-01-01;1.234\n');
    expect(parseBankFile(text).rows[0]?.amount).toBe('1234.00');
    expect(parseBankFile(text, { decimal: '.' }).rows[0]?.error).toBe(
      'Line 2: "1.234" has more than 2 decimal places.',
    );
  });

  it("delimiter, also as the word 'tab'", () => {
    const text = bytesOf('Date\tPayee;Note\tAmount\n2025-01-01\tA;B\t-1.00\n');
    expect(parseBankFile(text, { delimiter: 'tab' }).rows[0]).toMatchObject({ payee: 'A;B', amount: '1.00' });
    expect(parseBankFile(text, { delimiter: '\t' }).detected.delimiter).toBe('\t');
  });

  it('encoding', () => {
    const text = Buffer.from('Date,Payee,Amount\n2025-01-01,Café,-1\n', 'utf16le');
    expect(parseBankFile(text, { encoding: 'utf-16le' }).rows[0]?.payee).toBe('Café');
    const latin1 = Buffer.from('Date,Payee,Amount\n2025-01-01,Café,-1\n', 'latin1');
    expect(parseBankFile(latin1, { encoding: 'latin1' }).detected.encoding).toBe('latin1');
  });

  it('skipRows, counted in file lines', () => {
    const text = bytesOf('Date,Amount\n2025-01-01,-1\nDate,Payee,Amount\n2025-01-02,A,-2\n');
    const { rows, detected } = parseBankFile(text, { skipRows: 2 });
    expect(detected.headerRow).toBe(3);
    expect(rows.map((row) => [row.line, row.payee])).toEqual([[4, 'A']]);
  });

  it('invert', () => {
    const { rows } = parseBankFile(fixture('finsight-export.csv'), { invert: true });
    expect(rows.map((row) => row.type)).toEqual(['INCOME', 'EXPENSE', 'INCOME', 'EXPENSE']);
  });

  it('contentType is only a hint: the bytes decide', () => {
    expect(parseBankFile(fixture('ofx1-bank.ofx'), { contentType: 'text/csv' }).format).toBe('ofx');
    expect(parseBankFile(fixture('finsight-export.csv'), { contentType: 'application/x-ofx' }).format).toBe(
      'csv',
    );
  });

  it('a column index in a file without a header', () => {
    const { rows } = parseBankFile(fixture('au-commbank.csv'), { amountColumn: '3' });
    expect(rows[0]?.amount).toBe('1189.36');
  });
});

describe('an override naming a column that does not exist', () => {
  it('is refused with the header names listed', () => {
    expect(() => parseBankFile(file, { amountColumn: 'Betrag' })).toThrow(
      new ImportFileError(
        'There is no column "Betrag". The columns are: "Booked", "Value", "Counterparty", "Memo", "Code", "Sum", "Out", "In", "Group".',
      ),
    );
  });

  it('is refused with the column numbers when there is no header', () => {
    expect(() => parseBankFile(fixture('au-commbank.csv'), { payeeColumn: '4' })).toThrow(
      'There is no column "4": the file has no header row, so its columns are numbered 0 to 3.',
    );
  });

  it('refuses an unknown delimiter, date format, decimal or skip count', () => {
    expect(() => parseBankFile(file, { delimiter: ':' })).toThrow(ImportFileError);
    expect(() => parseBankFile(file, { dateFormat: 'DD|MM' as never })).toThrow(ImportFileError);
    expect(() => parseBankFile(file, { decimal: ';' as never })).toThrow(ImportFileError);
    expect(() => parseBankFile(file, { skipRows: -1 })).toThrow(ImportFileError);
    expect(() => parseBankFile(file, { skipRows: 9 })).toThrow(ImportFileError);
  });
});
