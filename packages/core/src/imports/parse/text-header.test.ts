import { describe, expect, it } from 'vitest';
import { ImportFileError, parseBankFile } from './index';
import { bytesOf, dated } from './test-fixtures';

const file = bytesOf('when|what|value\n01/02/2026|Coffee|-4.50\n');

describe('a header of names we do not know', () => {
  it('is the header, and its names work as column overrides', () => {
    const { rows, detected } = parseBankFile(file, { noteColumn: 'what', dateFormat: 'MM/DD/YYYY' });
    expect(detected.headerRow).toBe(1);
    expect(detected.columns).toMatchObject({ date: 'when', amount: 'value', note: 'what' });
    expect(rows).toEqual([
      {
        line: 2,
        date: '2026-01-02',
        type: 'EXPENSE',
        amount: '4.50',
        payee: '',
        note: 'Coffee',
        category: null,
        error: null,
      },
    ]);
  });

  it('leaves the date and amount columns to be found by content with zero configuration', () => {
    const { rows, detected } = parseBankFile(file);
    expect(detected.headerRow).toBe(1);
    expect(detected.columns).toEqual({ date: 'when', amount: 'value', payee: 'what' });
    expect(rows.map(dated)).toEqual([`${rows[0]?.date} -4.50`]);
    expect(rows[0]?.payee).toBe('Coffee');
  });

  it('is found after a preamble, just before the first dated row', () => {
    const { rows, detected } = parseBankFile(
      bytesOf(
        'Export;Giro 1234\nFrom;01.03.2025\n\nTag;Gegenpartei;Zweck;Wert in EUR\n' +
          '03.03.2025;Bäckerei;Brot;-3,20\n04.03.2025;Arbeitgeber;Lohn;2.100,00\n',
      ),
      { payeeColumn: 'Gegenpartei', amountColumn: 'wert in eur' },
    );
    expect(detected.headerRow).toBe(4);
    expect(detected.columns).toMatchObject({ date: 'Tag', amount: 'Wert in EUR', payee: 'Gegenpartei' });
    expect(rows.map(dated)).toEqual(['2025-03-03 -3.20', '2025-03-04 2100.00']);
  });

  it('is not a line with numbers in it, nor a first line that is already a transaction', () => {
    const numbered = Array.from({ length: 5 }, (_, day) => `2025-01-0${day + 1}|Shop|-1.00`);
    expect(parseBankFile(bytesOf(['Ref 1|Shop|12', ...numbered].join('\n'))).detected.headerRow).toBeNull();
    const headerless = parseBankFile(bytesOf('2025-01-01|Tea|-2.00\n2025-01-02|Coffee|-4.50\n'));
    expect(headerless.detected.headerRow).toBeNull();
    expect(headerless.rows.map(dated)).toEqual(['2025-01-01 -2.00', '2025-01-02 -4.50']);
    expect(() => parseBankFile(file, { noteColumn: 'how' })).toThrow(ImportFileError);
  });
});
