import { and, count, desc, eq, gte, ilike, lte, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { isConstraintViolation, PG_FOREIGN_KEY_VIOLATION } from '../db/pg-error';
import { categories, transactions } from '../db/schema';
import { fieldError, notFound } from '../errors';
import { type ByIdInput, byIdInput } from '../validation/ids';
import { parseInput } from '../validation/parse-input';
import { decodeCursor, encodeCursor } from './cursor';
import {
  type CreateTransactionInput,
  createTransactionInput,
  type ListTransactionsInput,
  listTransactionsInput,
  type Transaction,
  type TransactionFilters,
  type TransactionFiltersInput,
  type TransactionPage,
  transactionFilters,
  type UpdateTransactionInput,
  updateTransactionInput,
} from './schemas';

const columns = {
  id: transactions.id,
  categoryId: transactions.categoryId,
  categoryName: categories.name,
  type: transactions.type,
  amount: transactions.amount,
  date: transactions.date,
  note: transactions.note,
  createdAt: transactions.createdAt,
  updatedAt: transactions.updatedAt,
};

type Row = Omit<Transaction, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

function toTransaction(row: Row): Transaction {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** The same answer whether the category is missing or another user's (the database refuses both). */
function unknownCategory(categoryId: number) {
  return fieldError('categoryId', `Invalid pk "${categoryId}" - object does not exist.`);
}

function selectTransactions(db: Database) {
  return db
    .select(columns)
    .from(transactions)
    .innerJoin(
      categories,
      and(eq(categories.id, transactions.categoryId), eq(categories.userId, transactions.userId)),
    );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function filterConditions(userId: number, data: TransactionFilters): SQL[] {
  const filters: SQL[] = [eq(transactions.userId, userId)];
  if (data.from) filters.push(gte(transactions.date, data.from));
  if (data.to) filters.push(lte(transactions.date, data.to));
  if (data.type) filters.push(eq(transactions.type, data.type));
  if (data.categoryId) filters.push(eq(transactions.categoryId, data.categoryId));
  if (data.search) filters.push(ilike(transactions.note, `%${escapeLike(data.search)}%`));
  return filters;
}

/**
 * Every matching transaction in list order, unpaginated — what a client of the documented framework gets
 * from the plain list endpoint. Prefer `listTransactions` pages for anything interactive.
 */
export async function listAllTransactions(
  db: Database,
  userId: number,
  input: TransactionFiltersInput = {},
): Promise<Transaction[]> {
  const data = parseInput(transactionFilters, input);
  const rows = await selectTransactions(db)
    .where(and(...filterConditions(userId, data)))
    .orderBy(desc(transactions.date), desc(transactions.id));
  return rows.map(toTransaction);
}

export async function listTransactions(
  db: Database,
  userId: number,
  input: ListTransactionsInput = {},
): Promise<TransactionPage> {
  const data = parseInput(listTransactionsInput, input);
  const filters = filterConditions(userId, data);

  const page = [...filters];
  if (data.cursor) {
    const after = decodeCursor(data.cursor);
    // A row comparison the (user_id, date DESC, id DESC) index answers directly.
    page.push(sql`(${transactions.date}, ${transactions.id}) < (${after.date}::date, ${after.id})`);
  }

  const rows = await selectTransactions(db)
    .where(and(...page))
    .orderBy(desc(transactions.date), desc(transactions.id))
    .limit(data.limit + 1)
    .offset(data.offset ?? 0);

  const items = rows.slice(0, data.limit).map(toTransaction);
  const last = items.at(-1);
  const result: TransactionPage = {
    items,
    nextCursor: rows.length > data.limit && last ? encodeCursor({ date: last.date, id: last.id }) : null,
  };
  if (data.includeTotal) {
    const [total] = await db
      .select({ value: count() })
      .from(transactions)
      .where(and(...filters));
    result.total = total?.value ?? 0;
  }
  return result;
}

export async function getTransaction(db: Database, userId: number, input: ByIdInput): Promise<Transaction> {
  const { id } = parseInput(byIdInput, input);
  const [row] = await selectTransactions(db).where(
    and(eq(transactions.id, id), eq(transactions.userId, userId)),
  );
  if (!row) throw notFound();
  return toTransaction(row);
}

/** The monthly summary follows in the same database transaction (trigger on `transactions`). */
export async function createTransaction(
  db: Database,
  userId: number,
  input: CreateTransactionInput,
): Promise<Transaction> {
  const data = parseInput(createTransactionInput, input);
  try {
    const [created] = await db
      .insert(transactions)
      .values({ ...data, userId })
      .returning({ id: transactions.id });
    if (!created) throw new Error('insert returned no row');
    return await getTransaction(db, userId, created);
  } catch (error) {
    if (isConstraintViolation(error, PG_FOREIGN_KEY_VIOLATION, 'transactions_category_same_user_fk')) {
      throw unknownCategory(data.categoryId);
    }
    throw error;
  }
}

/** Partial update: only the fields given change. Moving to another month moves it in the summaries too. */
export async function updateTransaction(
  db: Database,
  userId: number,
  input: UpdateTransactionInput,
): Promise<Transaction> {
  const { id, ...changes } = parseInput(updateTransactionInput, input);
  if (Object.values(changes).every((value) => value === undefined)) return getTransaction(db, userId, { id });
  try {
    // Drizzle leaves keys whose value is undefined out of the SET list.
    const [updated] = await db
      .update(transactions)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(transactions.id, id), eq(transactions.userId, userId)))
      .returning({ id: transactions.id });
    if (!updated) throw notFound();
    return await getTransaction(db, userId, updated);
  } catch (error) {
    if (
      changes.categoryId !== undefined &&
      isConstraintViolation(error, PG_FOREIGN_KEY_VIOLATION, 'transactions_category_same_user_fk')
    ) {
      throw unknownCategory(changes.categoryId);
    }
    throw error;
  }
}

export async function deleteTransaction(db: Database, userId: number, input: ByIdInput): Promise<void> {
  const { id } = parseInput(byIdInput, input);
  const deleted = await db
    .delete(transactions)
    .where(and(eq(transactions.id, id), eq(transactions.userId, userId)))
    .returning({ id: transactions.id });
  if (deleted.length === 0) throw notFound();
}
