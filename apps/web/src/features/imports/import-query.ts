import type { ImportOptions, RunImportOptions } from '../../lib/schemas';

/** What the user changed of the importer's guesses; everything left out is detected from the file. */
export type ImportOverrides = Omit<ImportOptions, 'accountId' | 'contentType' | 'fileName' | 'previewRows'>;

export type RunFlags = Required<Pick<RunImportOptions, 'skipDuplicates' | 'createCategories' | 'skipErrors'>>;

/** Rows the preview brings back; its summary still counts every row of the file. */
const PREVIEW_ROWS = 500;

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The REST query of the preview and the import: the overrides in snake_case, a tab as the word `tab`. */
function queryOf(
  accountId: number | undefined,
  fileName: string,
  overrides: ImportOverrides,
  extra: Record<string, string | number | boolean>,
): URLSearchParams {
  const query = new URLSearchParams();
  if (accountId !== undefined) query.set('account', String(accountId));
  for (const [key, value] of Object.entries({ ...overrides, ...extra })) {
    if (value === undefined || value === '' || value === false) continue;
    query.set(snake(key), key === 'delimiter' && value === '\t' ? 'tab' : String(value));
  }
  if (fileName) query.set('file_name', fileName);
  return query;
}

export function previewPath(
  accountId: number | undefined,
  fileName: string,
  overrides: ImportOverrides,
): string {
  return `/api/finance/imports/preview/?${queryOf(accountId, fileName, overrides, { previewRows: PREVIEW_ROWS })}`;
}

export function importPath(
  accountId: number | undefined,
  fileName: string,
  overrides: ImportOverrides,
  flags: RunFlags,
): string {
  const query = queryOf(accountId, fileName, overrides, {});
  // Each flag is sent either way: the server's defaults differ between them.
  query.set('skip_duplicates', String(flags.skipDuplicates));
  query.set('create_categories', String(flags.createCategories));
  query.set('skip_errors', String(flags.skipErrors));
  return `/api/finance/imports/?${query}`;
}
