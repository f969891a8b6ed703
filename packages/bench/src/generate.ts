import { createDatabase, rebuildSummaries, seededRandom } from '@finsight/core';
import { hash } from '@node-rs/argon2';
import postgres from 'postgres';
import { BENCH_PASSWORD, config } from './config';

const CATEGORIES: {
  name: string;
  type: 'INCOME' | 'EXPENSE';
  weight: number;
  median: number;
  spread: number;
}[] = [
  { name: 'Salary', type: 'INCOME', weight: 2, median: 3800, spread: 0.15 },
  { name: 'Freelance', type: 'INCOME', weight: 1, median: 450, spread: 0.6 },
  { name: 'Rent', type: 'EXPENSE', weight: 2, median: 1300, spread: 0.1 },
  { name: 'Groceries', type: 'EXPENSE', weight: 20, median: 60, spread: 0.6 },
  { name: 'Dining out', type: 'EXPENSE', weight: 14, median: 28, spread: 0.7 },
  { name: 'Transport', type: 'EXPENSE', weight: 20, median: 8, spread: 0.8 },
  { name: 'Utilities', type: 'EXPENSE', weight: 3, median: 110, spread: 0.3 },
  { name: 'Subscriptions', type: 'EXPENSE', weight: 5, median: 12, spread: 0.5 },
  { name: 'Entertainment', type: 'EXPENSE', weight: 8, median: 35, spread: 0.8 },
  { name: 'Health', type: 'EXPENSE', weight: 3, median: 45, spread: 0.8 },
  { name: 'Shopping', type: 'EXPENSE', weight: 8, median: 70, spread: 0.9 },
  { name: 'Travel', type: 'EXPENSE', weight: 1, median: 600, spread: 0.8 },
];
const NOTES = [
  'Weekly shop',
  'Lunch',
  'Bus',
  'Coffee',
  'Dinner with friends',
  'Pharmacy',
  'Books',
  'Taxi',
  '',
  '',
  '',
];

function databaseNameOf(url: string): string {
  return new URL(url).pathname.slice(1);
}

/**
 * Loads `users` users and `transactions` transactions over `months` months (user 1 gets `heavy` of them),
 * deterministic for a seed: users and categories with multi-row inserts, transactions with COPY while the
 * summary trigger is off for this session, then one summary rebuild. Also the web app's demo data at small
 * size uses the same shape (core's generateHousehold).
 */
export async function generate(): Promise<void> {
  const {
    BENCH_DATABASE_URL: url,
    BENCH_USERS: users,
    BENCH_TRANSACTIONS: total,
    BENCH_HEAVY_USER_TRANSACTIONS: heavy,
  } = config;
  const name = databaseNameOf(url);
  const admin = postgres(url.replace(/\/[^/]*$/, '/postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const started = performance.now();
  const handle = await createDatabase({ url });
  await handle.close();

  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const random = seededRandom(config.BENCH_SEED);
  const passwordHash = await hash(BENCH_PASSWORD);
  const t0 = performance.now();
  for (let from = 1; from <= users; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, users - from + 1) }, (_, i) => ({
      username: `bench${from + i}`,
      email: `bench${from + i}@example.com`,
      password_hash: passwordHash,
    }));
    await sql`INSERT INTO users ${sql(batch)}`;
  }
  const categoryRows = [];
  for (let user = 1; user <= users; user++)
    for (const c of CATEGORIES) categoryRows.push({ user_id: user, name: c.name });
  for (let i = 0; i < categoryRows.length; i += 5000)
    await sql`INSERT INTO categories ${sql(categoryRows.slice(i, i + 5000))}`;
  const t1 = performance.now();

  // Category ids are sequential per user in insertion order.
  const categoryId = (user: number, index: number) => (user - 1) * CATEGORIES.length + index + 1;
  const weights = CATEGORIES.map((c) => c.weight);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickCategory = () => {
    let roll = random() * totalWeight;
    for (let i = 0; i < weights.length; i++) {
      roll -= weights[i] ?? 0;
      if (roll <= 0) return i;
    }
    return 0;
  };
  const end = new Date();
  const days = Math.round(config.BENCH_MONTHS * 30.44);
  const startMs = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - days * 86_400_000;

  await sql`SET session_replication_role = replica`; // no trigger per row: one rebuild at the end
  const copy =
    await sql`COPY transactions (user_id, category_id, type, amount, date, note) FROM STDIN`.writable();
  const perUser = Math.floor((total - heavy) / (users - 1));
  let written = 0;
  let buffer = '';
  for (let user = 1; user <= users; user++) {
    const count = user === 1 ? heavy : user === users ? total - heavy - perUser * (users - 2) : perUser;
    for (let n = 0; n < count; n++) {
      const index = pickCategory();
      const category = CATEGORIES[index] ?? CATEGORIES[0];
      if (!category) continue;
      const amount = Math.max(0.5, category.median * Math.exp(category.spread * (random() * 2 - 1)));
      const date = new Date(startMs + Math.floor(random() * days) * 86_400_000).toISOString().slice(0, 10);
      const note = NOTES[Math.floor(random() * NOTES.length)] ?? '';
      buffer += `${user}\t${categoryId(user, index)}\t${category.type}\t${amount.toFixed(2)}\t${date}\t${note}\n`;
      written++;
      if (buffer.length > 1 << 20) {
        if (!copy.write(buffer)) await new Promise((resolve) => copy.once('drain', resolve));
        buffer = '';
      }
    }
  }
  await new Promise<void>((resolve, reject) =>
    copy.end(buffer, (error?: Error | null) => (error ? reject(error) : resolve())),
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  await sql`SET session_replication_role = origin`;
  const t2 = performance.now();
  await sql`ANALYZE`;
  await sql.end();

  const db = await createDatabase({ url, migrate: false });
  const t3 = performance.now();
  const { months } = await rebuildSummaries(db.db);
  const t4 = performance.now();
  await db.close();
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `generated ${users} users, ${categoryRows.length} categories, ${written} transactions (user 1: ${heavy})`,
  );
  console.log(`  users + categories: ${seconds(t1 - t0)} s`);
  console.log(
    `  transactions (COPY): ${seconds(t2 - t1)} s = ${Math.round(written / ((t2 - t1) / 1000)).toLocaleString('en-US')} rows/s`,
  );
  console.log(`  summary rebuild: ${seconds(t4 - t3)} s for ${months} user-months`);
  console.log(`  total incl. migrations and ANALYZE: ${seconds(t4 - started)} s`);
}
