import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import journal from '../../drizzle/meta/_journal.json' with { type: 'json' };
import type { Profile } from '../accounts/schemas';
import { createCategory } from '../categories/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser, tableCounts } from '../testing/fixtures';
import { databaseUrl } from '../testing/global-setup';
import { createTransaction } from '../transactions/service';
import { createDatabase } from './client';
import { runMigrations } from './migrate';
import { pgErrorInfo } from './pg-error';
import { rowsOf } from './rows';

let database: TestDatabase;
let alice: Profile;
let bob: Profile;
let alicesFood: number;
let bobsFood: number;

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await createUser(database.db, 'alice');
  bob = await createUser(database.db, 'bob');
  alicesFood = (await createCategory(database.db, alice.id, { name: 'Food' })).id;
  bobsFood = (await createCategory(database.db, bob.id, { name: 'Food' })).id;
});
afterAll(() => database.close());

/** The SQLSTATE and constraint a raw statement fails with. */
async function violation(statement: ReturnType<typeof sql>) {
  const error = await database.db.execute(statement).then(
    () => undefined,
    (e: unknown) => e,
  );
  return pgErrorInfo(error);
}

describe('the database itself enforces the rules', () => {
  it('refuses a transaction filed under another user’s category', async () => {
    expect(
      await violation(sql`
        INSERT INTO transactions (user_id, category_id, type, amount, date)
        VALUES (${alice.id}, ${bobsFood}, 'EXPENSE', 1, '2026-01-01')`),
    ).toEqual({ code: '23503', constraint: 'transactions_category_same_user_fk' });
  });

  it('refuses moving a transaction to another user’s category', async () => {
    const own = await createTransaction(database.db, alice.id, {
      categoryId: alicesFood,
      type: 'EXPENSE',
      amount: '5',
      date: '2026-01-02',
    });
    expect(
      await violation(sql`UPDATE transactions SET category_id = ${bobsFood} WHERE id = ${own.id}`),
    ).toEqual({
      code: '23503',
      constraint: 'transactions_category_same_user_fk',
    });
  });

  it('refuses deleting a category that has transactions (ON DELETE RESTRICT)', async () => {
    // PostgreSQL 15 reports it as 23503, PostgreSQL 18 (PGlite) as 23001 restrict_violation.
    expect(await violation(sql`DELETE FROM categories WHERE id = ${alicesFood}`)).toEqual({
      code: expect.stringMatching(/^(23503|23001)$/),
      constraint: 'transactions_category_same_user_fk',
    });
  });

  it.each([
    ['a zero amount', sql`UPDATE transactions SET amount = 0`, 'transactions_amount_positive'],
    ['a negative amount', sql`UPDATE transactions SET amount = -3`, 'transactions_amount_positive'],
    ['an overlong note', sql`UPDATE transactions SET note = repeat('x', 1001)`, 'transactions_note_length'],
    ['an untrimmed category name', sql`UPDATE categories SET name = ' Food'`, 'categories_name_trimmed'],
    ['an empty category name', sql`UPDATE categories SET name = ''`, 'categories_name_trimmed'],
    [
      'an email not in lower case',
      sql`UPDATE users SET email = 'Alice@Example.com'`,
      'users_email_normalised',
    ],
    [
      'a currency that is not ISO 4217-shaped',
      sql`UPDATE users SET preferred_currency = 'us$'`,
      'users_currency_iso4217',
    ],
    ['a hand-edited summary', sql`UPDATE monthly_summaries SET month = 13`, 'monthly_summaries_month_range'],
  ])('refuses %s', async (_, statement, constraint) => {
    expect(await violation(statement)).toEqual({ code: '23514', constraint });
  });

  it('refuses a category name that differs from another only in case', async () => {
    expect(await violation(sql`INSERT INTO categories (user_id, name) VALUES (${alice.id}, 'FOOD')`)).toEqual(
      { code: '23505', constraint: 'categories_user_id_name_lower_key' },
    );
  });

  it('keeps savings derived: the column cannot be written', async () => {
    expect((await violation(sql`UPDATE monthly_summaries SET savings = 1`))?.code).toBe('428C9');
  });

  it('removes all of a user’s data with the user, and nobody else’s', async () => {
    const doomed = await createUser(database.db, 'doomed');
    const category = (await createCategory(database.db, doomed.id, { name: 'Stuff' })).id;
    await createTransaction(database.db, doomed.id, {
      categoryId: category,
      type: 'EXPENSE',
      amount: '9',
      date: '2026-01-09',
    });
    const before = await tableCounts(database.db);
    await database.db.execute(sql`DELETE FROM users WHERE id = ${doomed.id}`);
    expect(await tableCounts(database.db)).toEqual({
      users: before.users - 1,
      categories: before.categories - 1,
      transactions: before.transactions - 1,
      monthly_summaries: before.monthly_summaries - 1,
    });
  });
});

describe('every key includes the user, so the tables can be sharded by user (Citus)', () => {
  // The one global rule on purpose: what finds a user before sign-in (email, username, token hashes) is
  // unique across users, in user_lookups, which Citus copies to every node (a reference table).
  const GLOBAL_LOOKUPS = ['user_lookups.user_lookups_pkey'];

  it('has no primary key or unique index without the user in it', async () => {
    const rows = rowsOf<{ name: string }>(
      await database.db.execute(sql`
        SELECT c.relname || '.' || i.relname AS name
          FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_class c ON c.oid = x.indrelid
         WHERE c.relnamespace = 'public'::regnamespace AND x.indisunique
           AND NOT EXISTS (
             SELECT 1 FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum = ANY (x.indkey)
                AND a.attname = CASE WHEN c.relname = 'users' THEN 'id' ELSE 'user_id' END)
         ORDER BY 1`),
    );
    expect(rows.map((row) => row.name)).toEqual(GLOBAL_LOOKUPS);
  });

  it('has no foreign key that does not pair the user with the user', async () => {
    const rows = rowsOf<{ name: string }>(
      await database.db.execute(sql`
        SELECT c.relname || '.' || con.conname AS name
          FROM pg_constraint con
          JOIN pg_class c ON c.oid = con.conrelid
          JOIN pg_class r ON r.oid = con.confrelid
         WHERE con.contype = 'f' AND c.relnamespace = 'public'::regnamespace
           AND NOT EXISTS (
             SELECT 1
               FROM unnest(con.conkey, con.confkey) AS k(child, parent)
               JOIN pg_attribute ca ON ca.attrelid = c.oid AND ca.attnum = k.child
               JOIN pg_attribute pa ON pa.attrelid = r.oid AND pa.attnum = k.parent
              WHERE ca.attname = 'user_id'
                AND pa.attname = CASE WHEN r.relname = 'users' THEN 'id' ELSE 'user_id' END)
         ORDER BY 1`),
    );
    expect(rows.map((row) => row.name)).toEqual([]);
  });

  it('refuses a transfer whose other side is another user’s transaction', async () => {
    const own = await createTransaction(database.db, alice.id, {
      categoryId: alicesFood,
      type: 'EXPENSE',
      amount: '3',
      date: '2026-01-03',
    });
    const bobs = await createTransaction(database.db, bob.id, {
      categoryId: bobsFood,
      type: 'EXPENSE',
      amount: '3',
      date: '2026-01-03',
    });
    expect(
      await violation(
        sql`UPDATE transactions SET transfer_peer_id = ${bobs.id}, category_id = NULL WHERE id = ${own.id}`,
      ),
    ).toEqual({ code: '23503', constraint: 'transactions_transfer_peer_fk' });
  });
});

describe('migrations', () => {
  it('can be applied again without changing anything', async () => {
    const before = await tableCounts(database.db);
    await runMigrations(database);
    await runMigrations(database);
    expect(await tableCounts(database.db)).toEqual(before);
  });

  const template = inject('testDatabase');
  it.runIf(template.kind === 'postgres')(
    'are applied once when several processes start on an empty server database at the same time',
    async () => {
      if (template.kind !== 'postgres') return;
      const name = `${template.prefix}_fresh`;
      const admin = postgres(template.serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE "${name}"`);
      try {
        const url = databaseUrl(template.serverUrl, name);
        const handles = await Promise.all([1, 2, 3].map(() => createDatabase({ url, maxConnections: 1 })));
        const [first] = handles;
        const applied = await first?.db.execute(
          sql`SELECT count(*)::integer AS n FROM drizzle.__drizzle_migrations`,
        );
        expect(rowsOf<{ n: number }>(applied)[0]?.n).toBe(journal.entries.length);
        for (const handle of handles) await handle.close();
      } finally {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      }
    },
  );
});
