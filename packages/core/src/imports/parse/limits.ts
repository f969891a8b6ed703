export { NOTE_MAX_LENGTH, PAYEE_MAX_LENGTH } from '../../limits';

/** Beyond this many data rows a file is refused whole rather than half imported. */
export const MAX_IMPORT_ROWS = 200_000;
/** Twenty years of daily transactions in the widest bank layout fit well inside this. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
