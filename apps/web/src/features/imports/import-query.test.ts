import { describe, expect, it } from 'vitest';
import { importPath, previewPath } from './import-query';

describe('the import endpoints’ queries', () => {
  it('asks for the first 500 rows and leaves out what was not overridden', () => {
    expect(previewPath(3, 'umsätze.csv', {})).toBe(
      '/api/finance/imports/preview/?account=3&preview_rows=500&file_name=ums%C3%A4tze.csv',
    );
    expect(previewPath(undefined, '', { invert: false, dateColumn: '' })).toBe(
      '/api/finance/imports/preview/?preview_rows=500',
    );
  });

  it('writes the overrides in snake_case, a tab as the word tab', () => {
    const query = new URLSearchParams(
      previewPath(1, 'x.csv', {
        dateColumn: 'Buchungstag',
        payeeColumn: '2',
        dateFormat: 'DD.MM.YYYY',
        decimal: ',',
        delimiter: '\t',
        encoding: 'windows-1252',
        skipRows: 3,
        invert: true,
      }).split('?')[1],
    );
    expect(Object.fromEntries(query)).toEqual({
      account: '1',
      date_column: 'Buchungstag',
      payee_column: '2',
      date_format: 'DD.MM.YYYY',
      decimal: ',',
      delimiter: 'tab',
      encoding: 'windows-1252',
      skip_rows: '3',
      invert: 'true',
      preview_rows: '500',
      file_name: 'x.csv',
    });
  });

  it('sends every import flag, true or false, and no preview limit', () => {
    const path = importPath(
      2,
      'x.csv',
      { decimal: ',' },
      {
        skipDuplicates: true,
        createCategories: false,
        skipErrors: true,
      },
    );
    expect(path).toBe(
      '/api/finance/imports/?account=2&decimal=%2C&file_name=x.csv&skip_duplicates=true&create_categories=false&skip_errors=true',
    );
  });
});
