import type { TransactionType } from '../../transactions/schemas';
import type { DateFormat } from './dates';

export type ImportFormat = 'csv' | 'ofx' | 'qif';

/** A header name as written in the file, or a 0-based index when the file has no header. */
export type ColumnRef = string | number;

/** Overrides of every guess; anything left out is detected from the bytes. */
export interface ParseOptions {
  /** Column overrides are a header name (case-insensitive) or a 0-based index written as digits. */
  dateColumn?: string;
  amountColumn?: string;
  debitColumn?: string;
  creditColumn?: string;
  typeColumn?: string;
  payeeColumn?: string;
  noteColumn?: string;
  categoryColumn?: string;
  dateFormat?: DateFormat;
  decimal?: '.' | ',';
  /** ',' ';' '\t' '|', or the word 'tab'. */
  delimiter?: string;
  /** Any label TextDecoder knows: 'utf-8', 'utf-16le', 'windows-1252', 'latin1' ... */
  encoding?: string;
  /** Lines to drop before the header or the first data row. */
  skipRows?: number;
  /** Flip every sign, for card exports that write purchases as positive amounts. */
  invert?: boolean;
  /** The request's content type: a hint only, the bytes are always sniffed too. */
  contentType?: string;
}

export interface DetectedColumns {
  date: ColumnRef | null;
  amount?: ColumnRef;
  debit?: ColumnRef;
  credit?: ColumnRef;
  type?: ColumnRef;
  payee?: ColumnRef;
  note?: ColumnRef;
  category?: ColumnRef;
}

export interface DetectedMapping {
  /** Null for OFX and QIF. */
  delimiter: string | null;
  /** 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252', or the label that was asked for. */
  encoding: string;
  /** 1-based line of the header in the file; null without a header (and for OFX and QIF). */
  headerRow: number | null;
  dateFormat: DateFormat;
  decimal: '.' | ',';
  columns: DetectedColumns;
  /** The header's names in column order (what every column override may name); null without a header. */
  headers: string[] | null;
  /** Columns in the table (a CSV's width); null for OFX and QIF. */
  columnCount: number | null;
}

export interface ParsedRow {
  /** 1-based line in the file where the record starts. */
  line: number;
  /** ISO 'YYYY-MM-DD'. */
  date: string | null;
  type: TransactionType | null;
  /** Positive, exactly two decimals ('12.50'); the sign lives in `type`. */
  amount: string | null;
  payee: string;
  note: string;
  category: string | null;
  /** Why the row cannot be imported, naming its line; date, type and amount may then be null. */
  error: string | null;
}

export interface ParsedFile {
  format: ImportFormat;
  detected: DetectedMapping;
  rows: ParsedRow[];
}
