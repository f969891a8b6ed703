import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { isConstraintViolation, PG_CHECK_VIOLATION, PG_FOREIGN_KEY_VIOLATION } from '../db/pg-error';
import { rowsOf } from '../db/rows';
import { transactions } from '../db/schema';
import { fieldError, notFound } from '../errors';
import { balanceAfterTransaction } from '../finance-accounts/service';
import { lockUserDerivedData } from '../summaries/service';
import { type ByIdInput, byIdInput } from '../validation/ids';
import { fromCents, toCents } from '../validation/money';
import { parseInput } from '../validation/parse-input';
import { decodeCursor, encodeCursor } from './cursor';
import {
  type CreateTransactionInput,
  type CreateTransferInput,
  createTransactionInput,
  createTransferInput,
  type ListTransactionsData,
  type ListTransactionsInput,
  listTransactionsInput,
  type Transaction,
  type TransactionFiltersInput,
  type TransactionPage,
  type Transfer,
  transactionFilters,
  type UpdateTransactionInput,
  updateTransactionInput,
} from './schemas';
import {
  byIdStatement,
  countStatement,
  dateRangeStatement,
  filtersGiven,
  filterValues,
  insertStatement,
  type JsonTextLayout,
  jsonTextBatchStatement,
  pageStatement,
  sumsStatement,
} from './statements';

export type { JsonTextField, JsonTextLayout } from './statements';

/** The same answer whether the category is missing or another user's (the database refuses both). */
function unknownCategory(categoryId: number) {
  return fieldError('categoryId', `Invalid pk "${categoryId}" - object does not exist.`);
}

function unknownAccount(field: string, accountId: number) {
  return fieldError(field, `Invalid pk "${accountId}" - object does not exist.`);
}

/** The database's refusals of a write, as the field errors a client can act on. */
function explainWriteError(error: unknown, input: { categoryId?: number | null; accountId?: number | null }) {
  if (
    input.categoryId != null &&
    isConstraintViolation(error, PG_FOREIGN_KEY_VIOLATION, 'transactions_category_same_user_fk')
  ) {
    return unknownCategory(input.categoryId);
  }
  if (
    input.accountId != null &&
    isConstraintViolation(error, PG_FOREIGN_KEY_VIOLATION, 'transactions_account_same_user_fk')
  ) {
    return unknownAccount('accountId', input.accountId);
  }
  if (isConstraintViolation(error, PG_CHECK_VIOLATION, 'transactions_category_unless_transfer')) {
    return fieldError('categoryId', 'A transfer between your accounts has no category.');
  }
  return error;
}

/**
 * Rows per statement when a whole list is streamed: small enough that little is alive at once per client
 * (with the rows written as JSON by PostgreSQL, 100 rows kept a 20-client stream's peak memory growth at a
 * third of what 1,000 did, and no slower), large enough that a 100,000-row list is 1,000 short index scans.
 */
export const STREAM_BATCH_SIZE = 100;

/**
 * Every matching transaction in list order, unpaginated — what a client of the documented framework gets
 * from the plain list endpoint — read in batches of `STREAM_BATCH_SIZE`, each one short keyset statement
 * on the list's index. Memory stays flat however long the list is, and no connection is held while a slow
 * client reads: other requests run between the batches. (A row the user edits while their own list streams
 * may show in its old or its new place, as with any paginated read.)
 */
export async function* streamTransactions(
  db: Database,
  userId: number,
  input: TransactionFiltersInput = {},
): AsyncGenerator<Transaction[]> {
  const data = parseInput(transactionFilters, input);
  const given = filtersGiven(data);
  const values = filterValues(userId, data);
  let after: { date: string; id: number } | undefined;
  for (;;) {
    const rows = await pageStatement(db, { given, after: after !== undefined, withTotal: false }).execute({
      ...values,
      afterDate: after?.date,
      afterId: after?.id,
      limit: STREAM_BATCH_SIZE,
      offset: 0,
    });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < STREAM_BATCH_SIZE) return;
    const last = rows[rows.length - 1];
    if (!last) return;
    after = { date: last.date, id: last.id };
  }
}

/**
 * The same list as `streamTransactions`, each batch written by PostgreSQL as JSON text: objects of
 * `layout` (the caller's wire format), comma-separated. For a whole list sent as it
 * is read: no row becomes a JavaScript object.
 */
export async function* streamTransactionsAsJson(
  db: Database,
  userId: number,
  input: TransactionFiltersInput,
  layout: JsonTextLayout,
): AsyncGenerator<string> {
  const data = parseInput(transactionFilters, input);
  const given = filtersGiven(data);
  const values = filterValues(userId, data);
  let after: { date: string; id: number } | undefined;
  for (;;) {
    const statement = jsonTextBatchStatement(db, layout, { given, after: after !== undefined });
    const [batch] = await statement.execute({
      ...values,
      afterDate: after?.date,
      afterId: after?.id,
      limit: STREAM_BATCH_SIZE,
    });
    if (!batch?.text || batch.lastDate === null || batch.lastId === null) return;
    yield batch.text;
    if (batch.rows < STREAM_BATCH_SIZE) return;
    after = { date: batch.lastDate, id: Number(batch.lastId) };
  }
}

/** The first and last date among the transactions the filters match (an export's statement period). */
export async function transactionDateRange(
  db: Database,
  userId: number,
  input: TransactionFiltersInput = {},
): Promise<{ first: string | null; last: string | null }> {
  const data = parseInput(transactionFilters, input);
  const [range] = await dateRangeStatement(db, filtersGiven(data)).execute(filterValues(userId, data));
  return { first: range?.first ?? null, last: range?.last ?? null };
}

export async function listTransactions(
  db: Database,
  userId: number,
  input: ListTransactionsInput = {},
): Promise<TransactionPage> {
  return listParsedTransactions(db, userId, parseInput(listTransactionsInput, input));
}

/**
 * `listTransactions` for a caller that has just parsed its input with `listTransactionsInput` itself (the
 * tRPC procedure's `.input`) or with a query built from `transactionFilterFields` and the same limits (the
 * REST list). The list is the busiest read, and a second zod parse of the same input cost about 5 % of its
 * throughput under load (docs/benchmarks.md).
 */
export async function listParsedTransactions(
  db: Database,
  userId: number,
  data: ListTransactionsData,
): Promise<TransactionPage> {
  const given = filtersGiven(data);
  const after = data.cursor ? decodeCursor(data.cursor) : undefined;
  // Unfiltered, the total rides along in the page's own statement: one round trip instead of two.
  const withTotal = data.includeTotal && given.length === 0;
  const rows = await pageStatement(db, {
    given,
    after: after !== undefined,
    withTotal,
    ordering: data.ordering,
  }).execute({
    ...filterValues(userId, data),
    afterDate: after?.date,
    afterId: after?.id,
    limit: data.limit + 1,
    offset: data.offset ?? 0,
  });

  const more = rows.length > data.limit;
  // The total rides on every row of an unfiltered page; taken off in place (a copy of each row cost more
  // than the rest of the page's work in JavaScript). An undefined field is not part of any JSON answer.
  const carried = rows[0]?.total;
  if (withTotal) for (const row of rows) row.total = undefined;
  const items: TransactionPage['items'] = more ? rows.slice(0, data.limit) : rows;
  if (given.length === 1 && data.accountId !== undefined)
    await addRunningBalances(db, userId, data.accountId, items);
  const last = items.at(-1);
  const result: TransactionPage = {
    items,
    // A cursor continues the newest-first order only; other orders page by offset.
    nextCursor:
      more && last && data.ordering === '-date' ? encodeCursor({ date: last.date, id: last.id }) : null,
  };
  if (data.includeTotal) {
    // An empty page has no row to carry the total; a filtered one never does.
    result.total =
      carried ?? (await countStatement(db, given).execute(filterValues(userId, data)))[0]?.value ?? 0;
  }
  if (data.includeSums) {
    const [sums] = await sumsStatement(db, given).execute(filterValues(userId, data));
    result.sums = { income: sums?.income ?? '0.00', expense: sums?.expense ?? '0.00' };
  }
  return result;
}

/**
 * An account's register: each row gets the balance just after it, counted down from the first row's
 * (one short query however deep the page).
 */
async function addRunningBalances(
  db: Database,
  userId: number,
  accountId: number,
  items: TransactionPage['items'],
): Promise<void> {
  const first = items[0];
  if (!first) return;
  const start = await balanceAfterTransaction(db, userId, accountId, first);
  if (start === null) return;
  let cents = toCents(start);
  for (const item of items) {
    item.runningBalance = fromCents(cents);
    cents -= item.type === 'INCOME' ? toCents(item.amount) : -toCents(item.amount);
  }
}

export async function getTransaction(db: Database, userId: number, input: ByIdInput): Promise<Transaction> {
  const { id } = parseInput(byIdInput, input);
  const [row] = await byIdStatement(db).execute({ id, userId });
  if (!row) throw notFound();
  return row;
}

/** The monthly summary follows in the same database transaction (trigger on `transactions`). */
export async function createTransaction(
  db: Database,
  userId: number,
  input: CreateTransactionInput,
): Promise<Transaction> {
  const data = parseInput(createTransactionInput, input);
  try {
    const [created] = await insertStatement(db).execute({
      ...data,
      accountId: data.accountId ?? null,
      userId,
    });
    if (!created) throw new Error('insert returned no row');
    return created;
  } catch (error) {
    throw explainWriteError(error, data);
  }
}

/**
 * Partial update: only the fields given change. Moving it to another month or account moves it in the
 * summaries and balances too. On one side of a transfer, a new amount or date reaches the other side as
 * well (a trigger, drizzle/0004); its direction cannot change.
 */
export async function updateTransaction(
  db: Database,
  userId: number,
  input: UpdateTransactionInput,
): Promise<Transaction> {
  const { id, ...changes } = parseInput(updateTransactionInput, input);
  if (Object.values(changes).every((value) => value === undefined)) return getTransaction(db, userId, { id });
  const mine = and(eq(transactions.id, id), eq(transactions.userId, userId));
  // A new amount or date reaches the other side of a transfer too: both sides are locked first, in id order.
  const write = changes.amount !== undefined || changes.date !== undefined ? withTransferLocked : direct;
  try {
    const updated = await write(db, userId, id, async (tx) => {
      // Drizzle leaves keys whose value is undefined out of the SET list.
      const [row] = await tx
        .update(transactions)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(
          changes.type === undefined
            ? mine
            : and(
                mine,
                sql`(${transactions.transferPeerId} IS NULL OR ${transactions.type} = ${changes.type})`,
              ),
        )
        .returning({ id: transactions.id });
      return row;
    });
    if (!updated) {
      const current = await getTransaction(db, userId, { id });
      if (current.transferId !== null) {
        throw fieldError('type', 'The direction of a transfer cannot change; delete it and make a new one.');
      }
      throw notFound();
    }
    return await getTransaction(db, userId, updated);
  } catch (error) {
    throw explainWriteError(error, changes);
  }
}

/**
 * Both sides of a transfer in one statement: an expense in the first account and an income in the second,
 * each naming the other, with no category. The foreign keys refuse an account that is not the user's.
 */
export async function createTransfer(
  db: Database,
  userId: number,
  input: CreateTransferInput,
): Promise<Transfer> {
  const data = parseInput(createTransferInput, input);
  try {
    const rows = await db.transaction(async (tx) => {
      // Two accounts' monthly rows, from-account first: a transfer the other way at the same moment would
      // take them in the other order. The user's writes wait for it (see withTransferLocked).
      await lockUserDerivedData(tx, userId);
      return rowsOf<{ id: number; type: string }>(
        await tx.execute(sql`
        WITH ids AS (
          SELECT nextval(pg_get_serial_sequence('transactions', 'id')) AS out_id,
                 nextval(pg_get_serial_sequence('transactions', 'id')) AS in_id)
        INSERT INTO transactions (id, user_id, account_id, type, amount, date, note, transfer_peer_id)
        OVERRIDING SYSTEM VALUE
        SELECT out_id, ${userId}::integer, ${data.fromAccountId}::bigint, 'EXPENSE'::transaction_type,
               ${data.amount}::numeric, ${data.date}::date, ${data.note}::text, in_id
          FROM ids
        UNION ALL
        SELECT in_id, ${userId}::integer, ${data.toAccountId}::bigint, 'INCOME'::transaction_type,
               ${data.amount}::numeric, ${data.date}::date, ${data.note}::text, out_id
          FROM ids
        RETURNING id, type::text`),
      );
    });
    const outgoing = rows.find((row) => row.type === 'EXPENSE');
    const incoming = rows.find((row) => row.type === 'INCOME');
    if (!outgoing || !incoming) throw new Error('transfer insert returned no rows');
    return {
      from: await getTransaction(db, userId, { id: outgoing.id }),
      to: await getTransaction(db, userId, { id: incoming.id }),
    };
  } catch (error) {
    if (isConstraintViolation(error, PG_FOREIGN_KEY_VIOLATION, 'transactions_account_same_user_fk')) {
      const [from] = rowsOf<{ n: number }>(
        await db.execute(
          sql`SELECT count(*)::integer AS n FROM accounts WHERE id = ${data.fromAccountId} AND user_id = ${userId}`,
        ),
      );
      throw from?.n
        ? unknownAccount('toAccountId', data.toAccountId)
        : unknownAccount('fromAccountId', data.fromAccountId);
    }
    throw error;
  }
}

/** Deleting one side of a transfer deletes the other too (the foreign key cascades). */
export async function deleteTransaction(db: Database, userId: number, input: ByIdInput): Promise<void> {
  const { id } = parseInput(byIdInput, input);
  const deleted = await withTransferLocked(db, userId, id, (tx) =>
    tx
      .delete(transactions)
      .where(and(eq(transactions.id, id), eq(transactions.userId, userId)))
      .returning({ id: transactions.id }),
  );
  if (deleted.length === 0) throw notFound();
}

const direct = <T>(db: Database, _userId: number, _id: number, work: (tx: Database) => Promise<T>) =>
  work(db);

/**
 * Runs `work` with the transaction and, if it is one side of a transfer, the other side locked, lower id
 * first, and the user's derived data held. A write to one side reaches the other (the mirror trigger, the
 * cascading delete), so it changes two accounts' monthly rows in an order no single statement fixes: two
 * writers starting from opposite sides, or two transfers going opposite ways, deadlocked (the 8-writer test
 * met both on the PostgreSQL server).
 */
async function withTransferLocked<T>(
  db: Database,
  userId: number,
  id: number,
  work: (tx: Database) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const locked = rowsOf<{ id: number }>(
      await tx.execute(sql`SELECT id FROM transactions
        WHERE user_id = ${userId} AND (id = ${id} OR transfer_peer_id = ${id})
        ORDER BY id FOR UPDATE`),
    );
    // Both sides' balances change, one account after the other in whichever order the sides are written;
    // another transfer between the same accounts may go the other way. The user's writes wait meanwhile.
    if (locked.length > 1) await lockUserDerivedData(tx, userId);
    return work(tx);
  });
}
