import {
  createDatabase,
  findAccountMonthDrift,
  findSummaryDrift,
  getBalances,
  rebuildSummaries,
} from '@finsight/core';
import postgres from 'postgres';
import { config, HEAVY_USER_ID } from './config';
import { API_PORT, LIMITS_OUT_OF_REACH, rssMegabytes, startApi, stopProcess } from './servers';

const api = `http://127.0.0.1:${API_PORT}`;
const IMPORT_ROWS = 100_000;
const EXPORT_ROWS = 1_000_000;
const PASSWORD = 'bench-import-password-42';

const PAYEES = [
  'REWE Markt',
  'EDEKA Center',
  'Aral Tankstelle',
  'Deutsche Bahn',
  'Amazon EU S.a.r.l.',
  'Stadtwerke München',
  'Vodafone GmbH',
  'Bäckerei Schmidt',
  'Apotheke am Markt',
  'Spotify AB',
];

/** Deterministic pseudo-random numbers, so every run imports the same file. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * A German bank's export of `rows` transactions over two years: a preamble, semicolons, DD.MM.YYYY dates,
 * decimal commas with thousands points, a salary each month and everyday spending with reference numbers
 * (what real files look like, and what the detector has to read with no configuration).
 */
function germanStatement(rows: number): string {
  const next = random(7);
  const lines = [
    'Kontonummer;DE12 3456 7890 1234 5678 90',
    'Zeitraum;01.01.2025 - 31.12.2026',
    '',
    'Buchungstag;Valutadatum;Auftraggeber / Empfänger;Verwendungszweck;Betrag (EUR)',
  ];
  const start = Date.UTC(2025, 0, 1);
  const money = (cents: number) => {
    const abs = Math.abs(cents);
    const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return `${cents < 0 ? '-' : ''}${euros},${String(abs % 100).padStart(2, '0')}`;
  };
  for (let i = 0; i < rows; i++) {
    const day = new Date(start + Math.floor((i / rows) * 730) * 86_400_000);
    const date = `${String(day.getUTCDate()).padStart(2, '0')}.${String(day.getUTCMonth() + 1).padStart(2, '0')}.${day.getUTCFullYear()}`;
    const salary = i % 1000 === 0;
    const payee = salary ? 'ACME GmbH' : PAYEES[Math.floor(next() * PAYEES.length)];
    const cents = salary ? 420_000 : -(50 + Math.floor(next() * 15_000));
    const reference = `Ref ${Math.floor(next() * 1e9)} Karte 4711`;
    lines.push(`${date};${date};${payee};${salary ? 'Gehalt' : reference};${money(cents)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function registerAndLogin(name: string): Promise<string> {
  const email = `${name}.${Date.now()}@example.com`;
  const register = await fetch(`${api}/api/auth/register/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: `${name}_${Date.now()}`, email, password: PASSWORD }),
  });
  if (register.status !== 201) throw new Error(`register failed: ${await register.text()}`);
  const login = await fetch(`${api}/api/auth/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return ((await login.json()) as { access: string }).access;
}

async function timed<T>(what: string, run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  const ms = performance.now() - started;
  console.log(`  ${what}: ${(ms / 1000).toFixed(2)} s`);
  return { value, ms };
}

async function post(path: string, access: string, body: string) {
  const response = await fetch(api + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${access}`, 'content-type': 'text/csv' },
    body,
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/**
 * A user with a million transactions for the export: the heavy user's history copied eleven times over into a
 * user of its own (made once, kept for later runs), with the derived data rebuilt once.
 */
async function millionRowUser(): Promise<string> {
  const email = 'export.million@example.com';
  const sql = postgres(config.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql<{ id: number; n: number }[]>`
      SELECT u.id, (SELECT coalesce(sum(transaction_count), 0) FROM monthly_summaries WHERE user_id = u.id)::integer AS n
        FROM users u WHERE email = ${email}`;
    if (!existing || existing.n < EXPORT_ROWS) {
      if (existing) await sql`DELETE FROM users WHERE id = ${existing.id}`;
      const [user] = await sql<{ id: number }[]>`WITH u AS (INSERT INTO users (username, email, password_hash)
          SELECT 'export_million', ${email}, password_hash FROM users WHERE id = ${HEAVY_USER_ID}
          RETURNING id, email, username),
        keys AS (INSERT INTO user_lookups (kind, key, user_id)
          SELECT 'EMAIL'::user_lookup_kind, email, id FROM u UNION ALL SELECT 'USERNAME'::user_lookup_kind, lower(username), id FROM u),
        account AS (INSERT INTO accounts (user_id, name, is_default) SELECT id, 'Main account', true FROM u)
        SELECT id FROM u`;
      const id = user?.id as number;
      await sql`INSERT INTO categories (user_id, name) SELECT ${id}, name FROM categories WHERE user_id = ${HEAVY_USER_ID}`;
      await sql.begin(async (tx) => {
        // Derived data is rebuilt once below instead of a trigger call per row.
        await tx`SELECT set_config('finsight.clearing_user', ${String(id)}, true)`;
        await tx`INSERT INTO transactions (user_id, account_id, category_id, type, amount, date, note, payee)
          SELECT ${id}, (SELECT a.id FROM accounts a WHERE a.user_id = ${id} AND a.is_default), c2.id, t.type, t.amount, t.date - (copy * 400), t.note, 'Payee ' || (t.id % 97)
            FROM transactions t
            JOIN categories c1 ON c1.id = t.category_id
            JOIN categories c2 ON c2.user_id = ${id} AND c2.name = c1.name
            CROSS JOIN generate_series(0, 10) AS copy
           WHERE t.user_id = ${HEAVY_USER_ID}
           LIMIT ${EXPORT_ROWS}`;
      });
      const handle = await createDatabase({ url: config.BENCH_DATABASE_URL, migrate: false });
      await rebuildSummaries(handle.db, id);
      await handle.close();
      await sql`ANALYZE transactions`;
    }
  } finally {
    await sql.end();
  }
  const login = await fetch(`${api}/api/auth/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench-password-42' }),
  });
  return ((await login.json()) as { access: string }).access;
}

/**
 * `pnpm bench import`: a 100,000-row bank file through HTTP on the PostgreSQL server — preview, import,
 * the same file again (every row a duplicate), undo — with the derived data checked exact afterwards; then
 * a 1,000,000-row CSV export streamed while the API's memory is sampled.
 */
export async function importBench(): Promise<void> {
  const server = await startApi(LIMITS_OUT_OF_REACH);
  const handle = await createDatabase({ url: config.BENCH_DATABASE_URL, migrate: false, maxConnections: 2 });
  try {
    const file = germanStatement(IMPORT_ROWS);
    console.log(
      `import of ${IMPORT_ROWS.toLocaleString('en-US')} rows (${(file.length / 1048576).toFixed(1)} MB CSV) through HTTP`,
    );
    const access = await registerAndLogin('importer');
    const wizard = await timed('preview, first 500 rows returned (what the web wizard asks for)', () =>
      post('/api/finance/imports/preview/?preview_rows=500', access, file),
    );
    const preview = await timed('preview, every row returned', () =>
      post('/api/finance/imports/preview/', access, file),
    );
    const summary = preview.value.summary as { rows: number; valid: number; errors: number };
    if (summary.valid !== IMPORT_ROWS || (wizard.value.summary as { rows: number }).rows !== IMPORT_ROWS) {
      throw new Error(`preview read ${JSON.stringify(summary)}`);
    }
    const imported = await timed('import', () =>
      post('/api/finance/imports/?file_name=bench.csv', access, file),
    );
    if (imported.value.imported !== IMPORT_ROWS)
      throw new Error(`imported ${JSON.stringify(imported.value)}`);
    const again = await timed('the same file again (every row a duplicate)', () =>
      post('/api/finance/imports/', access, file),
    );
    if (again.value.imported !== 0) throw new Error(`re-import imported ${JSON.stringify(again.value)}`);

    const sql = postgres(config.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
    const [user] = await sql<
      { user_id: number }[]
    >`SELECT user_id FROM imports WHERE id = ${Number(imported.value.id)}`;
    await sql.end();
    const userId = user?.user_id ?? 0;
    const drift = [
      ...(await findSummaryDrift(handle.db, userId)),
      ...(await findAccountMonthDrift(handle.db, userId)),
    ];
    const balance = (await getBalances(handle.db, userId)).total;
    console.log(
      `  afterwards: summaries and balances ${drift.length === 0 ? 'exact' : `DRIFTED ${JSON.stringify(drift)}`}, balance ${balance}`,
    );

    const undo = await timed('undo the import', async () => {
      const response = await fetch(`${api}/api/finance/imports/${imported.value.id}/`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${access}` },
      });
      return response.json();
    });
    console.log(`  undo removed ${(undo.value as { removed: number }).removed.toLocaleString('en-US')} rows`);

    console.log(`\nexport of ${EXPORT_ROWS.toLocaleString('en-US')} rows as CSV through HTTP`);
    const million = await millionRowUser();
    const rssBefore = rssMegabytes(server.process.pid);
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMegabytes(server.process.pid));
    }, 50);
    let bytes = 0;
    let lines = 0;
    await timed('export', async () => {
      const response = await fetch(`${api}/api/finance/transactions/export/?format=csv`, {
        headers: { authorization: `Bearer ${million}`, 'accept-encoding': 'identity' },
      });
      const reader = response.body?.getReader();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        bytes += chunk.value.byteLength;
        for (const byte of chunk.value) if (byte === 10) lines++;
      }
    });
    clearInterval(sampler);
    console.log(
      `  ${(lines - 1).toLocaleString('en-US')} rows, ${(bytes / 1048576).toFixed(0)} MB; API RSS ${rssBefore.toFixed(0)} MB before, ` +
        `peak ${peak.toFixed(0)} MB (+${(peak - rssBefore).toFixed(0)} MB)`,
    );
  } finally {
    await handle.close();
    await stopProcess(server.process);
  }
}
