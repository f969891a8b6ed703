import { describe, expect, it } from 'vitest';
import { toImportResult, toPreview } from './rest-shapes';

describe('REST answers in the core types', () => {
  it('camel-cases keys at every depth and leaves values alone', () => {
    const preview = toPreview({
      format: 'csv',
      account: 4,
      detected: {
        delimiter: ';',
        encoding: 'utf-8',
        header_row: 4,
        date_format: 'DD.MM.YYYY',
        decimal: ',',
        columns: { date: 'Buchungs_tag', amount: 2 },
      },
      rows: [{ line: 5, category_source: 'default', duplicate_of: null }],
      summary: { rows: 1, first_date: '2026-10-01' },
    });
    expect(preview.accountId).toBe(4);
    expect(preview.detected.headerRow).toBe(4);
    expect(preview.detected.dateFormat).toBe('DD.MM.YYYY');
    expect(preview.detected.columns).toEqual({ date: 'Buchungs_tag', amount: 2 });
    expect(preview.rows[0]).toEqual({ line: 5, categorySource: 'default', duplicateOf: null });
    expect(preview.summary.firstDate).toBe('2026-10-01');
    expect('account' in preview).toBe(false);
  });

  it('reads the import result', () => {
    expect(
      toImportResult({ id: 1, imported: 3, duplicates_skipped: 0, errors: 1, categories_created: 1 }),
    ).toEqual({ id: 1, imported: 3, duplicatesSkipped: 0, errors: 1, categoriesCreated: 1 });
  });
});
