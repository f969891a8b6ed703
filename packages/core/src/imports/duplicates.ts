import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { payeeKey, similarDescriptions } from './payee-key';

export interface DuplicateCandidate {
  date: string;
  type: 'INCOME' | 'EXPENSE';
  amount: string;
  payee: string;
  note: string;
}

interface ExistingRow extends DuplicateCandidate {
  id: number;
}

const keyOf = (row: { date: string; type: string; amount: string }) =>
  `${row.date}|${row.type}|${row.amount}`;

/**
 * For each candidate row, the id of the transaction already in the account that it repeats, or null.
 * A match has the same date, direction and amount and a similar payee or note, and is one-to-one: each
 * existing transaction answers for one row at most, so two identical coffees in the file against one
 * already recorded leave exactly one of them new. One query reads the account's rows in the file's date
 * range (index on account and date).
 */
export async function findDuplicates(
  db: Database,
  userId: number,
  accountId: number,
  rows: readonly (DuplicateCandidate | null)[],
): Promise<(number | null)[]> {
  let first: string | undefined;
  let last: string | undefined;
  for (const row of rows) {
    if (!row) continue;
    if (first === undefined || row.date < first) first = row.date;
    if (last === undefined || row.date > last) last = row.date;
  }
  if (first === undefined || last === undefined) return rows.map(() => null);
  const existing = rowsOf<ExistingRow>(
    await db.execute(sql`SELECT id, date::text AS date, type::text AS type, amount::text AS amount, payee, note
      FROM transactions
      WHERE account_id = ${accountId} AND user_id = ${userId}
        AND date BETWEEN ${first}::date AND ${last}::date
      ORDER BY id`),
  );
  // Descriptions are reduced only where a date, amount and direction already match.
  const byKey = new Map<string, { id: number; row: ExistingRow; text?: string; used: boolean }[]>();
  for (const row of existing) {
    const key = keyOf(row);
    const list = byKey.get(key) ?? [];
    list.push({ id: row.id, row, used: false });
    byKey.set(key, list);
  }
  return rows.map((row) => {
    if (!row) return null;
    const candidates = byKey.get(keyOf(row));
    if (!candidates) return null;
    const text = payeeKey(`${row.payee} ${row.note}`);
    const fits = (candidate: (typeof candidates)[number]) => {
      if (candidate.used) return false;
      candidate.text ??= payeeKey(`${candidate.row.payee} ${candidate.row.note}`);
      return similarDescriptions(text, candidate.text);
    };
    // A transaction typed in without a payee or note fits any row: it is the last resort, so it is not used
    // up by a row that has a match of its own.
    const match =
      candidates.find((candidate) => fits(candidate) && candidate.text !== '') ?? candidates.find(fits);
    if (!match) return null;
    match.used = true;
    return match.id;
  });
}
