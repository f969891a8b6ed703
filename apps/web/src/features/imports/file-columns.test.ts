import { describe, expect, it } from 'vitest';
import { columnChoices, decodeHead, recordAt } from './file-columns';

const german = [
  'Umsätze Girokonto;;',
  'Kontonummer: 123;;',
  '',
  'Buchungstag;"Empfänger; Name";Betrag',
  '01.10.2026;"Arbeitgeber ""Nord"" GmbH";2.500,00',
].join('\r\n');

describe('the columns of a bank file', () => {
  it('reads the header the server found, with a value from the first row', () => {
    expect(columnChoices(german, ';', 4, 5)).toEqual([
      { value: 'Buchungstag', label: 'Buchungstag (e.g. 01.10.2026)' },
      { value: 'Empfänger; Name', label: 'Empfänger; Name (e.g. Arbeitgeber "Nord" GmbH)' },
      { value: 'Betrag', label: 'Betrag (e.g. 2.500,00)' },
    ]);
  });

  it('numbers the columns of a file without a header, and blank or repeated names by index', () => {
    expect(columnChoices('2026-10-01,-12.50,Coffee shop and bakery downtown\n', ',', null, 1)).toEqual([
      { value: '0', label: 'Column 1 (e.g. 2026-10-01)' },
      { value: '1', label: 'Column 2 (e.g. -12.50)' },
      { value: '2', label: 'Column 3 (e.g. Coffee shop and bakery…)' },
    ]);
    expect(columnChoices('Date\tAmount\t\tamount\n', 'tab', 1, undefined).map((c) => c.value)).toEqual([
      'Date',
      'Amount',
      '2',
      '3',
    ]);
  });

  it('keeps line breaks inside quotes in one field', () => {
    expect(recordAt('a,"two\nlines",c\nnext', 0, ',')).toEqual(['a', 'two\nlines', 'c']);
  });

  it('decodes in the detected encoding', () => {
    expect(decodeHead(new Uint8Array([0x55, 0x6d, 0x73, 0xe4, 0x74, 0x7a, 0x65]), 'windows-1252')).toBe(
      'Umsätze',
    );
    expect(decodeHead(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'utf-8-bom')).toBe('A');
  });
});
