import { parseCsv } from './csv';
import { isDateFormat } from './dates';
import { decodeBytes } from './decode';
import { ImportFileError, ImportTooLargeError } from './errors';
import { MAX_IMPORT_BYTES } from './limits';
import { parseOfx } from './ofx';
import { parseQif } from './qif';
import { sniffFormat } from './sniff';
import type { ParsedFile, ParseOptions } from './types';

function checkOptions(options: ParseOptions): void {
  if (options.dateFormat !== undefined && !isDateFormat(options.dateFormat)) {
    throw new ImportFileError(`The date format "${options.dateFormat}" is not one we read.`);
  }
  if (options.decimal !== undefined && options.decimal !== '.' && options.decimal !== ',') {
    throw new ImportFileError('The decimal separator must be "." or ",".');
  }
  const skipRows = options.skipRows;
  if (skipRows !== undefined && (!Number.isInteger(skipRows) || skipRows < 0)) {
    throw new ImportFileError('The number of lines to skip must be a whole number, 0 or more.');
  }
}

/**
 * A bank statement export (CSV, OFX/QFX or QIF) to rows ready for review, with no configuration: every
 * option overrides one guess. Throws ImportFileError when the file as a whole cannot be read and
 * ImportTooLargeError past MAX_IMPORT_BYTES or MAX_IMPORT_ROWS; a bad row is a row with an `error`.
 */
export function parseBankFile(bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ImportTooLargeError(
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files.`,
    );
  }
  if (bytes.length === 0) throw new ImportFileError('The file is empty.');
  checkOptions(options);
  const { text, encoding } = decodeBytes(bytes, options.encoding);
  const format = sniffFormat(text, options.contentType);
  if (format === 'ofx') return parseOfx(text, encoding, options);
  if (format === 'qif') return parseQif(text, encoding, options);
  return parseCsv(text, encoding, options);
}
