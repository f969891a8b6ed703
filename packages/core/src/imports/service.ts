import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { refreshPlannerStatistics } from '../db/planner-statistics';
import { rowsOf } from '../db/rows';
import { imports } from '../db/schema';
import { isoTimestamp } from '../db/timestamps';
import { AppError, fieldError, isAppError, notFound } from '../errors';
import { getAccount } from '../finance-accounts/service';
import { QUOTAS } from '../limits';
import { listRules } from '../rules/service';
import { withUserDerivedDataInBulk } from '../summaries/service';
import { type ByIdInput, byIdInput } from '../validation/ids';
import { fromCents, toCents } from '../validation/money';
import { parseInput } from '../validation/parse-input';
import { type CategorizedRow, type CategoryKnowledge, categorize, loadCategoryKnowledge } from './categorize';
import { findDuplicates } from './duplicates';
import { ImportFileError, ImportTooLargeError, MAX_IMPORT_BYTES, parseBankFile } from './parse';
import type { ParsedFile, ParsedRow, ParseOptions } from './parse/types';
import {
  type ImportOptions,
  type ImportPreview,
  type ImportRecord,
  type ImportResult,
  importOptions,
  type PreviewRow,
  type RunImportOptions,
  runImportOptions,
} from './schemas';

/** Rows per INSERT statement: a few MB of JSON per statement, whatever the file's size. */
const INSERT_BATCH_SIZE = 5000;
/** Row problems quoted in a refused import's answer; the count says how many there were. */
const ERRORS_QUOTED = 20;

type ReadableRow = ParsedRow & { date: string; type: 'INCOME' | 'EXPENSE'; amount: string };
const readable = (row: ParsedRow): row is ReadableRow =>
  row.error === null && row.date !== null && row.type !== null && row.amount !== null;

function tooLarge(message: string): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', message);
}

/** The file read with the given overrides; what cannot be read at all is a 400 (413 when too big). */
function readFile(file: Uint8Array, options: ParseOptions): ParsedFile {
  if (file.byteLength > MAX_IMPORT_BYTES) {
    throw tooLarge(
      `The file is ${(file.byteLength / 1048576).toFixed(1)} MB; an import takes at most 20 MB. Split it by date and import the parts.`,
    );
  }
  if (file.byteLength === 0)
    throw new AppError('BAD_REQUEST', 'The file is empty.', { file: ['The file is empty.'] });
  try {
    return parseBankFile(file, options);
  } catch (error) {
    if (error instanceof ImportTooLargeError) throw tooLarge(error.message);
    if (error instanceof ImportFileError)
      throw new AppError('BAD_REQUEST', error.message, { file: [error.message] });
    throw error;
  }
}

const PARSE_OPTIONS = [
  'dateColumn',
  'amountColumn',
  'debitColumn',
  'creditColumn',
  'typeColumn',
  'payeeColumn',
  'noteColumn',
  'categoryColumn',
  'dateFormat',
  'decimal',
  'delimiter',
  'encoding',
  'skipRows',
  'invert',
  'contentType',
] as const satisfies readonly (keyof ParseOptions & keyof ImportOptions)[];

/** The overrides that concern reading the file. */
function parseOptionsOf(options: ImportOptions): ParseOptions {
  const picked: Record<string, unknown> = {};
  for (const key of PARSE_OPTIONS) if (options[key] !== undefined) picked[key] = options[key];
  return picked as ParseOptions;
}

interface Plan {
  parsed: ParsedFile;
  accountId: number;
  rows: { row: ParsedRow; categorized: CategorizedRow | null; duplicateOf: number | null }[];
}

/** Reads the file and decides, for every row, its category and whether the account already has it. */
async function planImport(
  db: Database,
  userId: number,
  file: Uint8Array,
  options: ImportOptions,
  createCategories: boolean,
): Promise<Plan> {
  const accountId = options.accountId ?? (await defaultAccountId(db, userId));
  await getAccount(db, userId, { id: accountId }).catch((error: unknown) => {
    // Named in the input, so answered like any other unknown id a field names.
    throw isAppError(error) && error.code === 'NOT_FOUND'
      ? fieldError('accountId', `Invalid pk "${accountId}" - object does not exist.`)
      : error;
  });
  const parsed = readFile(file, parseOptionsOf(options));
  const knowledge: CategoryKnowledge = await loadCategoryKnowledge(db, userId, await listRules(db, userId));
  const categorized = await categorizeAll(parsed.rows, accountId, knowledge, createCategories);
  const duplicates = await findDuplicates(
    db,
    userId,
    accountId,
    parsed.rows.map((row, index) => {
      const final = categorized[index];
      return readable(row) && final ? { ...row, payee: final.payee, note: final.note } : null;
    }),
  );
  return {
    parsed,
    accountId,
    rows: parsed.rows.map((row, index) => ({
      row,
      categorized: categorized[index] ?? null,
      duplicateOf: duplicates[index] ?? null,
    })),
  };
}

/** Rows categorized between two turns of the event loop, so other users' requests run meanwhile. */
const CATEGORIZE_CHUNK = 2000;
/**
 * What the user's rules may cost one file: their size is capped (200 rules, 5 conditions, 100-character
 * patterns), but 200,000 rows against the worst of them would still take minutes of CPU.
 */
export const RULES_TIME_BUDGET_MS = 20_000;

async function categorizeAll(
  rows: ParsedRow[],
  accountId: number,
  knowledge: CategoryKnowledge,
  createCategories: boolean,
): Promise<(CategorizedRow | null)[]> {
  const started = performance.now();
  const result: (CategorizedRow | null)[] = [];
  for (let start = 0; start < rows.length; start += CATEGORIZE_CHUNK) {
    if (start > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      if (performance.now() - started > RULES_TIME_BUDGET_MS) {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `Your rules take too long on a file this size (more than ${RULES_TIME_BUDGET_MS / 1000} s for ${start.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} rows). Simplify the "matches" patterns, or split the file.`,
        );
      }
    }
    for (const row of rows.slice(start, start + CATEGORIZE_CHUNK)) {
      result.push(readable(row) ? categorize(row, accountId, knowledge, createCategories) : null);
    }
  }
  return result;
}

async function defaultAccountId(db: Database, userId: number): Promise<number> {
  const [found] = rowsOf<{ id: number }>(
    await db.execute(sql`SELECT id FROM accounts WHERE user_id = ${userId} AND is_default`),
  );
  if (!found) throw new AppError('BAD_REQUEST', 'You have no default account: name one with account.');
  return found.id;
}

/**
 * What importing the file would do, writing nothing: the detected layout (each guess can be overridden),
 * every row as it would be stored with the origin of its category, the rows the account already has, and
 * the rows that cannot be read, by line.
 */
export async function previewImport(
  db: Database,
  userId: number,
  input: ImportOptions & { file: Uint8Array },
): Promise<ImportPreview> {
  const { file, ...rest } = input;
  const options = parseInput(importOptions, rest);
  const plan = await planImport(db, userId, file, options, true);
  let income = 0;
  let expense = 0;
  let valid = 0;
  let errors = 0;
  let duplicates = 0;
  let firstDate: string | null = null;
  let lastDate: string | null = null;
  const rows: PreviewRow[] = [];
  const limit = options.previewRows ?? Number.POSITIVE_INFINITY;
  for (const { row, categorized, duplicateOf } of plan.rows) {
    if (readable(row)) {
      valid++;
      if (duplicateOf !== null) duplicates++;
      else if (row.type === 'INCOME') income += toCents(row.amount);
      else expense += toCents(row.amount);
      if (firstDate === null || row.date < firstDate) firstDate = row.date;
      if (lastDate === null || row.date > lastDate) lastDate = row.date;
    } else {
      errors++;
    }
    if (rows.length < limit) {
      rows.push({
        line: row.line,
        date: row.date,
        type: row.type,
        amount: row.amount,
        payee: categorized?.payee ?? row.payee,
        note: categorized?.note ?? row.note,
        category: categorized?.category ?? row.category,
        categorySource: categorized?.source ?? null,
        duplicateOf,
        error: row.error,
      });
    }
  }
  return {
    format: plan.parsed.format,
    accountId: plan.accountId,
    detected: plan.parsed.detected,
    rows,
    summary: {
      rows: plan.rows.length,
      valid,
      errors,
      duplicates,
      income: fromCents(income),
      expense: fromCents(expense),
      firstDate,
      lastDate,
    },
  };
}

/**
 * Imports the file into the account, all or nothing: one database transaction, refused whole when a row
 * cannot be read unless `skipErrors`. The user's derived data is held exclusively meanwhile and rebuilt
 * once at the end (no trigger call per row), so two imports of one user queue up — and the second one
 * of the same file finds every row already there and imports nothing.
 */
export async function runImport(
  db: Database,
  userId: number,
  input: RunImportOptions & { file: Uint8Array },
): Promise<ImportResult> {
  const { file, ...rest } = input;
  const options = parseInput(runImportOptions, rest);
  const result = await db.transaction(async (tx) =>
    withUserDerivedDataInBulk(tx, userId, async () => {
      const plan = await planImport(tx, userId, file, options, options.createCategories);
      const unreadable = plan.rows.filter(({ row }) => !readable(row));
      if (unreadable.length > 0 && !options.skipErrors) {
        const quoted = unreadable
          .slice(0, ERRORS_QUOTED)
          .map(({ row }) => row.error ?? `Line ${row.line}: cannot be read.`);
        const message =
          `${unreadable.length} ${unreadable.length === 1 ? 'row' : 'rows'} cannot be imported, so nothing was. ` +
          'Fix the file, override what was detected, or import with skip_errors=true to leave them out.';
        throw new AppError('BAD_REQUEST', message, { file: [message, ...quoted] });
      }
      const incoming = plan.rows.filter(
        (entry): entry is typeof entry & { row: ReadableRow; categorized: CategorizedRow } =>
          readable(entry.row) &&
          entry.categorized !== null &&
          (!options.skipDuplicates || entry.duplicateOf === null),
      );
      const { created: categoriesCreated, ids: categoryIds } = await ensureCategories(
        tx,
        userId,
        incoming.map((entry) => storable(entry.categorized.category)),
      );
      const dates = incoming.map((entry) => entry.row.date).sort();
      const [record] = await tx
        .insert(imports)
        .values({
          userId,
          accountId: plan.accountId,
          format: plan.parsed.format,
          fileName: options.fileName ?? '',
          imported: incoming.length,
          duplicatesSkipped: plan.rows.length - unreadable.length - incoming.length,
          errors: unreadable.length,
          categoriesCreated,
          firstDate: dates[0] ?? null,
          lastDate: dates.at(-1) ?? null,
        })
        .returning({ id: imports.id });
      if (!record) throw new Error('insert returned no row');
      let inserted = 0;
      for (let start = 0; start < incoming.length; start += INSERT_BATCH_SIZE) {
        const batch = incoming.slice(start, start + INSERT_BATCH_SIZE).map(({ row, categorized }) => ({
          d: row.date,
          t: row.type,
          a: row.amount,
          p: storable(categorized.payee),
          n: storable(categorized.note),
          c: categoryIds.get(storable(categorized.category)),
        }));
        const [written] = rowsOf<{ n: number }>(
          await tx.execute(sql`WITH written AS (
              INSERT INTO transactions (user_id, account_id, import_id, category_id, type, amount, date, payee, note)
              SELECT ${userId}, ${plan.accountId}, ${record.id}, r.c, r.t, r.a, r.d, r.p, r.n
                FROM json_to_recordset(${JSON.stringify(batch)}::json)
                  AS r(d date, t transaction_type, a numeric, p text, n text, c bigint)
              RETURNING 1)
            SELECT count(*)::integer AS n FROM written`),
        );
        inserted += written?.n ?? 0;
      }
      // All or nothing, also against a bug: a row that did not go in undoes the whole import.
      if (inserted !== incoming.length) {
        throw new Error(`import wrote ${inserted} of ${incoming.length} rows`);
      }
      return {
        id: record.id,
        imported: incoming.length,
        duplicatesSkipped: plan.rows.length - unreadable.length - incoming.length,
        errors: unreadable.length,
        categoriesCreated,
      };
    }),
  );
  // Thousands of new rows at once: the planner should see them before the next statements are planned.
  await refreshPlannerStatistics(db, result.imported);
  return result;
}

/**
 * Creates the named categories the user does not have yet, and gives every name its category's id. Names
 * are matched as PostgreSQL compares them (`lower()`, the rule the unique index enforces), never by a
 * lower-casing in JavaScript, which disagrees on letters like "İ" or a final "ς".
 */
async function ensureCategories(
  tx: Database,
  userId: number,
  names: string[],
): Promise<{ created: number; ids: Map<string, number> }> {
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return { created: 0, ids: new Map() };
  const [count] = rowsOf<{ n: number }>(
    await tx.execute(sql`SELECT count(*)::integer AS n FROM categories WHERE user_id = ${userId}`),
  );
  const created = rowsOf<{ id: number }>(
    await tx.execute(sql`INSERT INTO categories (user_id, name)
      SELECT DISTINCT ON (lower(name)) ${userId}, name
        FROM json_array_elements_text(${JSON.stringify(wanted)}::json) AS name
      ON CONFLICT (user_id, lower(name)) DO NOTHING
      RETURNING id`),
  );
  if ((count?.n ?? 0) + created.length > QUOTAS.categories) {
    throw new AppError(
      'CONFLICT',
      `This file would take you past ${QUOTAS.categories} categories. Import with create_categories=false, or map its categories to fewer.`,
    );
  }
  const found = rowsOf<{ name: string; id: number }>(
    await tx.execute(sql`SELECT w.name, c.id
      FROM json_array_elements_text(${JSON.stringify(wanted)}::json) AS w(name)
      JOIN categories c ON c.user_id = ${userId} AND lower(c.name) = lower(w.name)`),
  );
  return { created: created.length, ids: new Map(found.map((row) => [row.name, row.id])) };
}

/** Text PostgreSQL can store: no NUL character, no half of a surrogate pair (a cut emoji). */
function storable(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const importColumns = {
  id: imports.id,
  accountId: imports.accountId,
  format: imports.format,
  fileName: imports.fileName,
  imported: imports.imported,
  duplicatesSkipped: imports.duplicatesSkipped,
  errors: imports.errors,
  categoriesCreated: imports.categoriesCreated,
  firstDate: imports.firstDate,
  lastDate: imports.lastDate,
  createdAt: imports.createdAt,
};

/** The user's imports, newest first (the most recent 1,000). */
export async function listImports(db: Database, userId: number): Promise<ImportRecord[]> {
  const rows = await db
    .select(importColumns)
    .from(imports)
    .where(eq(imports.userId, userId))
    .orderBy(desc(imports.id))
    .limit(QUOTAS.imports);
  return rows.map((row) => ({ ...row, createdAt: isoTimestamp(row.createdAt) }));
}

/**
 * Undoes an import: exactly the transactions it brought in go (also those edited since), in one bulk
 * delete that rebuilds the summaries and balances once, and the import leaves the history.
 */
export async function undoImport(
  db: Database,
  userId: number,
  input: ByIdInput,
): Promise<{ removed: number }> {
  const { id } = parseInput(byIdInput, input);
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: imports.id })
      .from(imports)
      .where(and(eq(imports.id, id), eq(imports.userId, userId)))
      .for('update');
    if (!found) throw notFound();
    const removed = await withUserDerivedDataInBulk(
      tx,
      userId,
      async () =>
        rowsOf<{ n: number }>(
          await tx.execute(sql`WITH gone AS (
            DELETE FROM transactions WHERE user_id = ${userId} AND import_id = ${id} RETURNING 1)
          SELECT count(*)::integer AS n FROM gone`),
        )[0]?.n ?? 0,
      sql`import_id = ${id}`,
    );
    await tx.delete(imports).where(and(eq(imports.userId, userId), eq(imports.id, id)));
    return { removed };
  });
}
