import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Profile } from '../accounts/schemas';
import { register } from '../accounts/service';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';

let counter = 0;

/** A registered user with a unique name; the password is `correct horse battery`. */
export async function createUser(db: Database, name = 'user'): Promise<Profile> {
  counter += 1;
  const suffix = `${counter}${randomBytes(2).toString('hex')}`;
  return register(db, {
    username: `${name}_${suffix}`,
    email: `${name}.${suffix}@example.com`,
    password: 'correct horse battery',
  });
}

/** Row counts of the tables a failed call must leave untouched. */
export interface TableCounts {
  users: number;
  categories: number;
  transactions: number;
  monthly_summaries: number;
}

export async function tableCounts(db: Database): Promise<TableCounts> {
  const [row] = rowsOf<TableCounts>(
    await db.execute(sql`
      SELECT (SELECT count(*) FROM users)::integer AS users,
             (SELECT count(*) FROM categories)::integer AS categories,
             (SELECT count(*) FROM transactions)::integer AS transactions,
             (SELECT count(*) FROM monthly_summaries)::integer AS monthly_summaries`),
  );
  if (!row) throw new Error('count query returned nothing');
  return row;
}

/** Deletes a user's row directly, as an operator in psql would: no service, no revocation. */
export async function deleteUserRow(db: Database, userId: number): Promise<void> {
  await db.execute(sql`DELETE FROM users WHERE id = ${userId}`);
}
