import { z } from 'zod';
import { id } from '../validation/ids';
import { DATE_FORMATS, type DateFormat } from './parse/dates';
import type { DetectedMapping, ImportFormat } from './parse/types';

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './parse/limits';
export { DATE_FORMATS, type DateFormat };

const column = z
  .string({ error: 'Not a valid string.' })
  .trim()
  .min(1)
  .max(100)
  .meta({ description: 'A header name, or a 0-based column index' });

export const IMPORT_DELIMITERS = [',', ';', '\t', '|', 'tab'] as const;

/** Overrides of what the importer detects in a file; each one left out is guessed from the bytes. */
export const importOptions = z.strictObject({
  /** The account the rows go into; the default account when omitted. */
  accountId: id.optional(),
  dateColumn: column.optional(),
  amountColumn: column.optional(),
  debitColumn: column.optional(),
  creditColumn: column.optional(),
  typeColumn: column.optional(),
  payeeColumn: column.optional(),
  noteColumn: column.optional(),
  categoryColumn: column.optional(),
  dateFormat: z.enum(DATE_FORMATS, { error: `Use one of: ${DATE_FORMATS.join(', ')}.` }).optional(),
  decimal: z.enum(['.', ','], { error: 'Use . or ,' }).optional(),
  delimiter: z.enum(IMPORT_DELIMITERS, { error: 'Use , ; | or tab.' }).optional(),
  encoding: z
    .string()
    .trim()
    .max(40)
    .refine(
      (label) => {
        try {
          new TextDecoder(label);
          return true;
        } catch {
          return false;
        }
      },
      { error: 'Unknown encoding: use utf-8, utf-16le, utf-16be, windows-1252 or latin1.' },
    )
    .optional(),
  /** Lines to drop before the header (or the first row). */
  skipRows: z.number().int().min(0).max(1000).optional(),
  /** Flip every sign (card exports that write purchases as positive amounts). */
  invert: z.boolean().optional(),
  /** The upload's content type: a hint, the bytes are sniffed too. */
  contentType: z.string().max(200).optional(),
  fileName: z.string().trim().max(255).optional(),
  /** Rows in the preview's answer (all when omitted); the summary always counts every row. */
  previewRows: z.number().int().min(0).max(200_000).optional(),
});
export type ImportOptions = z.input<typeof importOptions>;

export const runImportOptions = importOptions.omit({ previewRows: true }).extend({
  /** Leave out rows that match a transaction already in the account. */
  skipDuplicates: z.boolean().default(true),
  /** Create the categories the file names that you do not have yet. */
  createCategories: z.boolean().default(true),
  /** Import the good rows even when some cannot be read; otherwise one bad row stops the whole import. */
  skipErrors: z.boolean().default(false),
});
export type RunImportOptions = z.input<typeof runImportOptions>;

export const CATEGORY_SOURCES = ['file', 'rule', 'learned', 'default'] as const;
export type CategorySource = (typeof CATEGORY_SOURCES)[number];

export interface PreviewRow {
  line: number;
  date: string | null;
  type: 'INCOME' | 'EXPENSE' | null;
  amount: string | null;
  payee: string;
  note: string;
  category: string | null;
  /** Where the category comes from: the file's column, one of your rules, your past choices, or the default. */
  categorySource: CategorySource | null;
  /** The transaction already in the account that this row repeats. */
  duplicateOf: number | null;
  error: string | null;
}

export interface ImportPreview {
  format: ImportFormat;
  accountId: number;
  detected: DetectedMapping;
  rows: PreviewRow[];
  summary: {
    rows: number;
    valid: number;
    errors: number;
    duplicates: number;
    /** Totals of the rows an import would bring in (valid, not duplicates). */
    income: string;
    expense: string;
    firstDate: string | null;
    lastDate: string | null;
  };
}

export interface ImportResult {
  id: number;
  imported: number;
  duplicatesSkipped: number;
  errors: number;
  categoriesCreated: number;
}

export interface ImportRecord extends ImportResult {
  accountId: number;
  format: string;
  fileName: string;
  firstDate: string | null;
  lastDate: string | null;
  createdAt: string;
}
