import { and, count, desc, eq, gte, ilike, lte, type SQL, sql } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { isConstraintViolation, PG_FOREIGN_KEY_VIOLATION } from '../db/pg-error';
import { prepared } from '../db/prepared';
import { categories, monthlySummaries, transactions, users } from '../db/schema';
import { isoTimestamp } from '../db/timestamps';
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

const placeholder = sql.placeholder;

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

/**
 * The user's number of transactions: the sum of the monthly counts the trigger keeps exact in the same
 * database transaction, so a few dozen summary rows are read instead of every one of the user's transactions.
 */
const storedCount = sql<number>`(SELECT coalesce(sum(${monthlySummaries.transactionCount}), 0)::integer
  FROM ${monthlySummaries} WHERE ${monthlySummaries.userId} = ${placeholder('userId')})`;

/** A row as selected, its timestamps still PostgreSQL's text. */
function toTransaction(row: Transaction): Transaction {
  return {
    id: row.id,
    categoryId: row.categoryId,
    categoryName: row.categoryName,
    type: row.type,
    amount: row.amount,
    date: row.date,
    note: row.note,
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
  };
}

/** The same answer whether the category is missing or another user's (the database refuses both). */
function unknownCategory(categoryId: number) {
  return fieldError('categoryId', `Invalid pk "${categoryId}" - object does not exist.`);
}

function selectTransactions<Fields extends SelectedFields>(db: Database, fields: Fields) {
  return db
    .select(fields)
    .from(transactions)
    .innerJoin(
      categories,
      and(eq(categories.id, transactions.categoryId), eq(categories.userId, transactions.userId)),
    );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The WHERE condition of each filter, its value supplied at execution as the placeholder of that name. */
const filterCondition = {
  from: () => gte(transactions.date, placeholder('from')),
  to: () => lte(transactions.date, placeholder('to')),
  type: () => eq(transactions.type, placeholder('type')),
  categoryId: () => eq(transactions.categoryId, placeholder('categoryId')),
  search: () => ilike(transactions.note, placeholder('search')),
} satisfies Record<keyof TransactionFilters, () => SQL>;

type FilterName = keyof typeof filterCondition;
const FILTER_NAMES = Object.keys(filterCondition) as FilterName[];

/** Which filters this request uses: the shape of its query (an empty search is no filter). */
function filtersGiven(data: TransactionFilters): FilterName[] {
  return FILTER_NAMES.filter((name) => data[name] !== undefined && data[name] !== '');
}

function filterConditions(given: FilterName[]): SQL[] {
  return [eq(transactions.userId, placeholder('userId')), ...given.map((name) => filterCondition[name]())];
}

function filterValues(userId: number, data: TransactionFilters) {
  return {
    userId,
    from: data.from,
    to: data.to,
    type: data.type,
    categoryId: data.categoryId,
    search: data.search === undefined ? undefined : `%${escapeLike(data.search)}%`,
  };
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
  const given = filtersGiven(data);
  const rows = await prepared(db, `transactions_all:${given}`, (name) =>
    selectTransactions(db, columns)
      .where(and(...filterConditions(given)))
      .orderBy(desc(transactions.date), desc(transactions.id))
      .prepare(name),
  ).execute(filterValues(userId, data));
  return rows.map(toTransaction);
}

export async function listTransactions(
  db: Database,
  userId: number,
  input: ListTransactionsInput = {},
): Promise<TransactionPage> {
  const data = parseInput(listTransactionsInput, input);
  const given = filtersGiven(data);
  const after = data.cursor ? decodeCursor(data.cursor) : undefined;
  // Unfiltered, the total rides along in the page's own statement: one round trip instead of two.
  const withStoredCount = data.includeTotal && given.length === 0;

  const shape = `${given}:${after ? 'after' : 'first'}${withStoredCount ? ':total' : ''}`;
  const rows = await prepared(db, `transactions_page:${shape}`, (name) => {
    const conditions = filterConditions(given);
    if (after) {
      // A row comparison the (user_id, date DESC, id DESC) index answers directly.
      conditions.push(
        sql`(${transactions.date}, ${transactions.id}) < (${placeholder('afterDate')}::date, ${placeholder('afterId')})`,
      );
    }
    return selectTransactions(db, withStoredCount ? { ...columns, total: storedCount } : columns)
      .where(and(...conditions))
      .orderBy(desc(transactions.date), desc(transactions.id))
      .limit(placeholder('limit'))
      .offset(placeholder('offset'))
      .prepare(name);
  }).execute({
    ...filterValues(userId, data),
    afterDate: after?.date,
    afterId: after?.id,
    limit: data.limit + 1,
    offset: data.offset ?? 0,
  });

  const items = rows.slice(0, data.limit).map(toTransaction);
  const last = items.at(-1);
  const result: TransactionPage = {
    items,
    nextCursor: rows.length > data.limit && last ? encodeCursor({ date: last.date, id: last.id }) : null,
  };
  if (data.includeTotal) {
    const first = rows[0];
    result.total =
      first !== undefined && 'total' in first
        ? (first.total as number)
        : await countTransactions(db, userId, data, given);
  }
  return result;
}

async function countTransactions(
  db: Database,
  userId: number,
  data: TransactionFilters,
  given: FilterName[],
): Promise<number> {
  if (given.length === 0) {
    // Asked when a page came back empty, so it had no row to carry the count.
    const [row] = await prepared(db, 'transactions_count_all', (name) =>
      db
        .select({ value: storedCount })
        .from(users)
        .where(eq(users.id, placeholder('userId')))
        .prepare(name),
    ).execute({ userId });
    return row?.value ?? 0;
  }
  const [row] = await prepared(db, `transactions_count:${given}`, (name) =>
    db
      .select({ value: count() })
      .from(transactions)
      .where(and(...filterConditions(given)))
      .prepare(name),
  ).execute(filterValues(userId, data));
  return row?.value ?? 0;
}

export async function getTransaction(db: Database, userId: number, input: ByIdInput): Promise<Transaction> {
  const { id } = parseInput(byIdInput, input);
  const [row] = await prepared(db, 'transactions_by_id', (name) =>
    selectTransactions(db, columns)
      .where(and(eq(transactions.id, placeholder('id')), eq(transactions.userId, placeholder('userId'))))
      .prepare(name),
  ).execute({ id, userId });
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
    const [created] = await prepared(db, 'transactions_insert', (name) =>
      db
        .insert(transactions)
        .values({
          userId: placeholder('userId'),
          categoryId: placeholder('categoryId'),
          type: placeholder('type'),
          amount: placeholder('amount'),
          date: placeholder('date'),
          note: placeholder('note'),
        })
        .returning({ id: transactions.id })
        .prepare(name),
    ).execute({ ...data, userId });
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
      .set({ ...changes, updatedAt: sql`now()` })
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
