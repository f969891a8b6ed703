import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { register } from '../accounts/service';
import { listAccounts } from '../finance-accounts/service';
import { findAccountMonthDrift, findCategoryMonthDrift, findSummaryDrift } from '../summaries/service';
import { createDatabase, type DatabaseHandle } from './client';
import { MIGRATIONS_FOLDER, runMigrations } from './migrate';
import { rowsOf } from './rows';

/** The migrations as they were before accounts existed (the first four). */
function migrationsBeforeAccounts(): string {
  const folder = mkdtempSync(join(tmpdir(), 'finsight-migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.tag < '0004');
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

let handle: DatabaseHandle | undefined;
const folders: string[] = [];
afterAll(async () => {
  await handle?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('the migration that adds accounts', () => {
  it('moves every existing transaction into a default account per user, with exact balances', async () => {
    handle = await createDatabase({ dataDir: 'memory://', migrate: false });
    const folder = migrationsBeforeAccounts();
    folders.push(folder);
    await migrate(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    // Books as they were: two users, their categories and transactions, no accounts anywhere.
    await handle.db.execute(sql`INSERT INTO users (username, email, password_hash)
      VALUES ('old_a', 'old.a@example.com', 'x'), ('old_b', 'old.b@example.com', 'x')`);
    await handle.db.execute(sql`INSERT INTO categories (user_id, name) SELECT id, 'Food' FROM users`);
    await handle.db.execute(sql`INSERT INTO transactions (user_id, category_id, type, amount, date)
      SELECT c.user_id, c.id, CASE WHEN g % 3 = 0 THEN 'INCOME' ELSE 'EXPENSE' END::transaction_type,
             g, date '2026-01-01' + g * 3
        FROM categories c, generate_series(1, 40) g`);

    await runMigrations(handle);

    const users = rowsOf<{ id: number }>(await handle.db.execute(sql`SELECT id FROM users ORDER BY id`));
    for (const { id } of users) {
      const accounts = await listAccounts(handle.db, id);
      expect(accounts).toEqual([
        expect.objectContaining({ name: 'Main account', isDefault: true, transactionCount: 40 }),
      ]);
      // 1..40, every third one income: 3+6+…+39 = 273 in, 820 - 273 = 547 out.
      expect(accounts[0]?.balance).toBe('-274.00');
    }
    const orphans = rowsOf<{ n: number }>(
      await handle.db.execute(sql`SELECT count(*)::integer AS n FROM transactions WHERE account_id IS NULL`),
    );
    expect(orphans[0]?.n).toBe(0);
    expect(await findAccountMonthDrift(handle.db)).toEqual([]);
    expect(await findCategoryMonthDrift(handle.db)).toEqual([]);
    expect(await findSummaryDrift(handle.db)).toEqual([]);
    // A user registered afterwards gets a default account too.
    await register(handle.db, { username: 'new', email: 'new@example.com', password: 'violet-harbour-42' });
    const [fresh] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`SELECT count(*)::integer AS n FROM accounts a JOIN users u ON u.id = a.user_id
        WHERE u.username = 'new' AND a.is_default`),
    );
    expect(fresh?.n).toBe(1);
  });
});
