import { describe, expect, it } from 'vitest';
import { parseBankFile } from './index';
import { bytesOf, dated, fixture } from './test-fixtures';

describe('QIF', () => {
  it("reads a Quicken bank register: 1/ 2'25 dates, T amounts with thousands, splits ignored", () => {
    const { format, rows, detected } = parseBankFile(fixture('quicken-bank.qif'));
    expect(format).toBe('qif');
    expect(detected).toMatchObject({ delimiter: null, dateFormat: 'MM/DD/YYYY', decimal: '.' });
    expect(rows.map(dated)).toEqual([
      '2025-01-02 -1234.56',
      '2025-01-15 2500.00',
      '2025-01-28 -45.20',
      '2025-01-30 -500.00',
    ]);
    expect(rows[0]).toMatchObject({
      line: 8,
      payee: 'City Properties LLC',
      note: 'Rent January',
      category: 'Housing:Rent',
    });
    expect(rows[2]?.category).toBe('Groceries');
  });

  it('keeps a [Account] transfer category as written', () => {
    const { rows } = parseBankFile(fixture('quicken-bank.qif'));
    expect(rows[3]).toMatchObject({ payee: 'Transfer to savings', category: '[Savings]' });
  });

  it('decides day-first from all records of the file, as for CSV', () => {
    const qif = bytesOf('!Type:CCard\nD03.04.2025\nT-10.00\nPA\n^\nD25.04.2025\nT-20.00\nPB\n^\n');
    const { rows, detected } = parseBankFile(qif);
    expect(detected.dateFormat).toBe('DD.MM.YYYY');
    expect(rows.map(dated)).toEqual(['2025-04-03 -10.00', '2025-04-25 -20.00']);
  });

  it('reads a U amount when there is no T, and reports a missing amount as an error row', () => {
    const qif = bytesOf('!Type:Bank\nD01/15/2025\nU-12.00\nPA\n^\nD01/16/2025\nPB\n^\n');
    const { rows } = parseBankFile(qif);
    expect(rows.map(dated)).toEqual(['2025-01-15 -12.00', '2025-01-16 null']);
    expect(rows[1]?.error).toBe('Line 6: the amount is missing.');
  });

  it('skips the account list and category list sections', () => {
    const qif = bytesOf(
      '!Account\nNChecking\nTBank\n^\n!Type:Cat\nNFood\nE\n^\n!Type:Bank\nD1/5/25\nT5.00\nPX\n^\n',
    );
    const { rows } = parseBankFile(qif);
    expect(rows.map(dated)).toEqual(['2025-01-05 5.00']);
    expect(rows[0]?.line).toBe(10);
  });
});
