import type { ImportPreview } from '@finsight/core/schemas';
import { describe, expect, it } from 'vitest';
import { importPreviewResource } from './finance-resources';
import { previewJsonText } from './imports';

const preview: ImportPreview = {
  format: 'csv',
  accountId: 3,
  detected: {
    delimiter: ';',
    encoding: 'utf-8',
    headerRow: 4,
    dateFormat: 'DD.MM.YYYY',
    decimal: ',',
    columns: { date: 'Buchungstag', amount: 'Betrag (EUR)', payee: 0 },
    headers: ['Buchungstag', 'Betrag (EUR)'],
    columnCount: 3,
  },
  rows: [
    {
      line: 5,
      date: '2026-03-03',
      type: 'EXPENSE',
      amount: '54.20',
      payee: 'Café "Zur Post" \\ 👨‍👩‍👧',
      note: 'line\nbreak\u2028',
      category: 'Food',
      categorySource: 'learned',
      duplicateOf: 17,
      error: null,
    },
    {
      line: 6,
      date: null,
      type: null,
      amount: null,
      payee: '',
      note: '',
      category: null,
      categorySource: null,
      duplicateOf: null,
      error: 'Line 6: "31.02.2026" is not a valid date.',
    },
  ],
  summary: {
    rows: 2,
    valid: 1,
    errors: 1,
    duplicates: 1,
    income: '0.00',
    expense: '0.00',
    firstDate: '2026-03-03',
    lastDate: '2026-03-03',
  },
};

describe('the import preview written as JSON text', () => {
  it('is the documented shape, whatever the rows hold', () => {
    const parsed = JSON.parse(previewJsonText(preview));
    expect(importPreviewResource.parse(parsed)).toEqual(parsed);
    expect(parsed).toMatchObject({
      account: 3,
      detected: { header_row: 4, date_format: 'DD.MM.YYYY', columns: { payee: 0 }, column_count: 3 },
      summary: { first_date: '2026-03-03' },
    });
    expect(parsed.rows[0]).toEqual({
      line: 5,
      date: '2026-03-03',
      type: 'EXPENSE',
      amount: '54.20',
      payee: 'Café "Zur Post" \\ 👨‍👩‍👧',
      note: 'line\nbreak\u2028',
      category: 'Food',
      category_source: 'learned',
      duplicate_of: 17,
      error: null,
    });
    expect(Object.keys(parsed.rows[1])).toEqual(Object.keys(parsed.rows[0]));
  });
});
