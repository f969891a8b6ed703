import { MAX_IMPORT_ROWS } from './limits';

/** The file as a whole cannot be read; the message is written for the person who uploaded it. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

/** More rows (or bytes) than one import takes. */
export class ImportTooLargeError extends Error {
  override readonly name = 'ImportTooLargeError';
}

export function tooManyRows(): ImportTooLargeError {
  return new ImportTooLargeError(
    `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} transactions; split it into smaller files.`,
  );
}
