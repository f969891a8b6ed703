import { createDatabase, DEMO_CATEGORIES, generateHousehold, rebuildSummaries } from '@finsight/core';
import { createCitusDatabase, dropCitusDatabase } from '@finsight/core/testing';
import { hash } from '@node-rs/argon2';
import postgres from 'postgres';
import { BENCH_PASSWORD, config, HEAVY_USER_ID } from './config';

function databaseNameOf(url: string): string {
  return new URL(url).pathname.slice(1);
}

/**
 * When the server is a Citus coordinator, the URL of its `finsight` database, where `pnpm db:citus up`
 * registered the workers (the bench database is made like it, on every node); else null.
 */
async function citusCoordinator(url: string): Promise<string | null> {
  const admin = postgres(url.replace(/\/[^/]*$/, '/postgres'), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin<{ citus: boolean }[]>`
      SELECT current_setting('shared_preload_libraries') LIKE '%citus%' AS citus`;
    return row?.citus ? url.replace(/\/[^/]*$/, '/finsight') : null;
  } finally {
    await admin.end();
  }
}

/**
 * How busy a household must be (`generateHousehold`'s `scale`) to have about `count` transactions over
 * `months` months, measured on the generator itself: only the everyday purchases scale (the bills do not),
 * and rounding makes small scales yield a little less than proportionally, so a linear first guess is
 * corrected twice against the mean of a few seeded histories.
 */
function scaleFor(count: number, months: number): number {
  const mean = (scale: number) => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    return (
      seeds.reduce((sum, seed) => sum + generateHousehold({ months, seed, scale }).length, 0) / seeds.length
    );
  };
  const fixed = mean(0);
  if (count < fixed) {
    console.warn(
      `  ${Math.round(count)} transactions per user is fewer than a household's bills alone over ${months} ` +
        `months; each user gets about ${Math.round(fixed)} (raise BENCH_TRANSACTIONS or lower BENCH_MONTHS)`,
    );
  }
  const perUnit = (mean(4) - fixed) / 4;
  let scale = Math.max(0, (count - fixed) / perUnit);
  for (let step = 0; step < 2; step++) scale = Math.max(0, scale + (count - mean(scale)) / perUnit);
  return scale;
}

/**
 * Loads `users` users and about `transactions` transactions over `months` months (user 1 gets about `heavy`
 * of them), deterministic for a seed. Every user's history comes from the generator behind the web app's
 * demo data (core's `generateHousehold`), made busier or quieter to reach the size asked for. Users and
 * categories go in with multi-row inserts, transactions with COPY while the summary trigger is off for this
 * session, then one summary rebuild.
 */
export async function generate(): Promise<void> {
  const {
    BENCH_DATABASE_URL: url,
    BENCH_USERS: users,
    BENCH_TRANSACTIONS: total,
    BENCH_HEAVY_USER_TRANSACTIONS: heavy,
  } = config;
  const name = databaseNameOf(url);
  const coordinator = await citusCoordinator(url);
  if (coordinator) {
    // On Citus the database is made on every node and the workers registered; finsight then shards it.
    await dropCitusDatabase(coordinator, name);
    await createCitusDatabase(coordinator, name);
  } else {
    const admin = postgres(url.replace(/\/[^/]*$/, '/postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    await admin.end();
  }
  const started = performance.now();
  const handle = await createDatabase({ url });
  await handle.close();

  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const passwordHash = await hash(BENCH_PASSWORD);
  const months = config.BENCH_MONTHS;
  const heavyScale = scaleFor(heavy, months);
  const typicalScale = scaleFor((total - heavy) / (users - 1), months);
  const t0 = performance.now();
  for (let from = 1; from <= users; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, users - from + 1) }, (_, i) => ({
      username: `bench${from + i}`,
      email: `bench${from + i}@example.com`,
      password_hash: passwordHash,
    }));
    await sql`INSERT INTO users ${sql(batch)}`;
  }
  // What registration writes besides the user: the default account, and what login finds the user by.
  await sql`INSERT INTO accounts (user_id, name, is_default) SELECT id, 'Main account', true FROM users`;
  await sql`INSERT INTO user_lookups (kind, key, user_id)
    SELECT 'EMAIL'::user_lookup_kind, email, id FROM users UNION ALL SELECT 'USERNAME'::user_lookup_kind, lower(username), id FROM users`;
  const categoryRows = [];
  for (let user = 1; user <= users; user++)
    for (const name of DEMO_CATEGORIES) categoryRows.push({ user_id: user, name });
  for (let i = 0; i < categoryRows.length; i += 5000)
    await sql`INSERT INTO categories ${sql(categoryRows.slice(i, i + 5000))}`;
  const t1 = performance.now();

  // Category ids are sequential per user in insertion order.
  const categoryIndex = new Map<string, number>(DEMO_CATEGORIES.map((name, index) => [name, index]));
  const categoryId = (user: number, name: string) =>
    (user - 1) * DEMO_CATEGORIES.length + (categoryIndex.get(name) ?? 0) + 1;

  // Every user has a default account (inserted above, as registration does); the rows go straight into it.
  const accountOf = new Map<number, number>();
  for (const row of await sql<
    { user_id: number; id: number }[]
  >`SELECT user_id, id FROM accounts WHERE is_default`)
    accountOf.set(row.user_id, row.id);

  // No trigger per row: one rebuild at the end. On Citus the rows land on the workers, so the setting must
  // travel with the transaction there (Citus sends SET LOCAL along only when asked to).
  let written = 0;
  let heavyWritten = 0;
  await sql.begin(async (tx) => {
    if (coordinator) await tx`SET LOCAL citus.propagate_set_commands = 'local'`;
    await tx`SET LOCAL session_replication_role = replica`;
    const copy =
      await tx`COPY transactions (user_id, account_id, category_id, type, amount, date, note, payee) FROM STDIN`.writable();
    // A refused COPY (a bad row, a worker that went away) ends the stream with an error and never drains;
    // waiting on it would leave the process with nothing to do and a bare exit code 13.
    const copyFailed = new Promise<never>((_, reject) => copy.once('error', reject));
    copyFailed.catch(() => {});
    let buffer = '';
    for (let user = 1; user <= users; user++) {
      const history = generateHousehold({
        months,
        seed: config.BENCH_SEED * 1_000_003 + user,
        scale: user === HEAVY_USER_ID ? heavyScale : typicalScale,
      });
      for (const t of history) {
        buffer += `${user}\t${accountOf.get(user)}\t${categoryId(user, t.category)}\t${t.type}\t${t.amount}\t${t.date}\t${t.note}\t${t.payee}\n`;
      }
      written += history.length;
      if (user === HEAVY_USER_ID) heavyWritten = history.length;
      if (buffer.length > 1 << 20) {
        if (copy.errored) throw copy.errored;
        if (!copy.write(buffer))
          await Promise.race([new Promise((resolve) => copy.once('drain', resolve)), copyFailed]);
        buffer = '';
      }
    }
    await Promise.race([
      new Promise<void>((resolve, reject) =>
        copy.end(buffer, (error?: Error | null) => (error ? reject(error) : resolve())),
      ),
      copyFailed,
    ]);
  });
  const t2 = performance.now();
  if (config.BENCH_ANALYZE) await sql`ANALYZE`;
  await sql.end();

  const db = await createDatabase({ url, migrate: false });
  const t3 = performance.now();
  const { months: userMonths } = await rebuildSummaries(db.db);
  const t4 = performance.now();
  await addBudgets(url);
  await db.close();
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `generated ${users} users, ${categoryRows.length} categories, ${written} transactions (user ${HEAVY_USER_ID}: ${heavyWritten})`,
  );
  console.log(`  users + categories: ${seconds(t1 - t0)} s`);
  console.log(
    `  transactions (COPY): ${seconds(t2 - t1)} s = ${Math.round(written / ((t2 - t1) / 1000)).toLocaleString('en-US')} rows/s`,
  );
  console.log(`  summary rebuild: ${seconds(t4 - t3)} s for ${userMonths} user-months`);
  console.log(
    `  total incl. migrations${config.BENCH_ANALYZE ? ' and ANALYZE' : ' (no ANALYZE: no planner statistics)'}: ${seconds(t4 - started)} s`,
  );
}

/**
 * The heavy user budgets like a careful household: a limit on every expense category from the first
 * month, rollover on half of them, and a raised limit half-way, so the budget status has a year of months
 * and changes to walk.
 */
async function addBudgets(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`
    WITH spent AS (
      SELECT category_id, min(date_trunc('month', date))::date AS first_month,
             (sum(amount) / count(DISTINCT date_trunc('month', date)))::numeric(14, 2) AS monthly
        FROM transactions
       WHERE user_id = ${HEAVY_USER_ID} AND type = 'EXPENSE' AND category_id IS NOT NULL
       GROUP BY category_id
    ), created AS (
      INSERT INTO budgets (user_id, category_id, start_month, rollover)
      SELECT ${HEAVY_USER_ID}, category_id, first_month, category_id % 2 = 0 FROM spent
      RETURNING id, category_id, start_month
    )
    INSERT INTO budget_amounts (user_id, budget_id, from_month, amount)
    SELECT ${HEAVY_USER_ID}::integer, c.id, c.start_month, s.monthly FROM created c JOIN spent s USING (category_id)
    UNION ALL
    SELECT ${HEAVY_USER_ID}::integer, c.id, (date_trunc('month', now()) - interval '6 months')::date,
           (s.monthly * 1.1)::numeric(14, 2)
      FROM created c JOIN spent s USING (category_id)
     WHERE c.start_month < date_trunc('month', now()) - interval '6 months'`;
  await sql.end();
}
