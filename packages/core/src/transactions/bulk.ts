import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { AppError, fieldError } from '../errors';
import { lockUserDerivedData } from '../summaries/service';
import { parseInput } from '../validation/parse-input';
import { type BulkResult, type BulkTransactionsInput, bulkTransactionsInput } from './schemas';

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/**
 * Deletes, re-files or moves up to 500 of the user's transactions in one database transaction. The rows are
 * locked (in id order) before the user's derived data, as every writer of theirs does, and the row trigger
 * keeps the monthly data exact row by row: for 500 rows that costs less than rebuilding a long history.
 * Nothing changes unless every id is the user's, and transfer sides are neither re-filed nor moved (a
 * transfer has no category, and its account pair is what it is).
 */
export async function bulkUpdateTransactions(
  db: Database,
  userId: number,
  input: BulkTransactionsInput,
): Promise<BulkResult> {
  const data = parseInput(bulkTransactionsInput, input);
  const ids = sql`ARRAY[${sql.join(
    data.ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::bigint[]`;
  return db.transaction(async (tx) => {
    const locked = rowsOf<{ id: number; transfer: boolean }>(
      await tx.execute(sql`SELECT id, transfer_peer_id IS NOT NULL AS transfer FROM transactions
        WHERE user_id = ${userId} AND id = ANY(${ids}) ORDER BY id FOR UPDATE`),
    );
    const missing = data.ids.length - locked.length;
    if (missing > 0) {
      throw fieldError(
        'ids',
        `${missing} of the selected ${plural(missing, 'transaction no longer exists', 'transactions no longer exist')}. Reload the list and try again.`,
      );
    }
    await lockUserDerivedData(tx, userId);
    if (data.action === 'delete') {
      const [row] = rowsOf<{ n: number }>(
        await tx.execute(sql`WITH gone AS (
            DELETE FROM transactions WHERE user_id = ${userId} AND id = ANY(${ids}) RETURNING 1)
          SELECT count(*)::integer AS n FROM gone`),
      );
      return { count: row?.n ?? 0 };
    }
    const transfers = locked.filter((row) => row.transfer).length;
    if (transfers > 0) {
      throw fieldError(
        'ids',
        `${transfers} of the selected ${plural(transfers, 'is a transfer', 'are transfers')} between your accounts, which ${plural(transfers, 'has', 'have')} no category and cannot be moved. Leave ${plural(transfers, 'it', 'them')} out and try again.`,
      );
    }
    if (data.categoryId !== undefined) {
      const [category] = rowsOf(
        await tx.execute(sql`SELECT 1 FROM categories WHERE id = ${data.categoryId} AND user_id = ${userId}`),
      );
      if (!category)
        throw fieldError('categoryId', `Invalid pk "${data.categoryId}" - object does not exist.`);
    }
    if (data.accountId !== undefined) {
      const [account] = rowsOf<{ archived: boolean }>(
        await tx.execute(
          sql`SELECT archived FROM accounts WHERE id = ${data.accountId} AND user_id = ${userId}`,
        ),
      );
      if (!account) throw fieldError('accountId', `Invalid pk "${data.accountId}" - object does not exist.`);
      if (account.archived) {
        throw new AppError(
          'BAD_REQUEST',
          'That account is archived. Unarchive it first to move transactions into it.',
          {
            accountId: ['That account is archived. Unarchive it first to move transactions into it.'],
          },
        );
      }
    }
    const [row] = rowsOf<{ n: number }>(
      await tx.execute(sql`WITH changed AS (
          UPDATE transactions SET
            category_id = coalesce(${data.categoryId ?? null}::bigint, category_id),
            account_id = coalesce(${data.accountId ?? null}::bigint, account_id),
            updated_at = now()
          WHERE user_id = ${userId} AND id = ANY(${ids}) RETURNING 1)
        SELECT count(*)::integer AS n FROM changed`),
    );
    return { count: row?.n ?? 0 };
  });
}
