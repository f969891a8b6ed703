/** Zero-configuration bank statement parsing: bytes in, rows to review out. No database. */
export { DATE_FORMATS, type DateFormat } from './dates';
export { ImportFileError, ImportTooLargeError } from './errors';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, PAYEE_MAX_LENGTH } from './limits';
export { parseBankFile } from './parse-bank-file';
export type {
  ColumnRef,
  DetectedMapping,
  ImportFormat,
  ParsedFile,
  ParsedRow,
  ParseOptions,
} from './types';
