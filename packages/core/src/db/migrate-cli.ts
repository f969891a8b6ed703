import { resolve } from 'node:path';
import { createDatabase, DEFAULT_DATA_DIR } from './client';

// `pnpm db:migrate`: applies migrations to DATABASE_URL, or to the embedded database in DATA_DIR, which like
// the server's is relative to the directory the command was typed in (pnpm passes it as INIT_CWD).
const url = process.env.DATABASE_URL || undefined;
const dataDir = resolve(process.env.INIT_CWD || process.cwd(), process.env.DATA_DIR || DEFAULT_DATA_DIR);

const handle = await createDatabase({ url, dataDir });
await handle.close();
console.log(
  `Migrations applied to ${url ? 'the PostgreSQL server in DATABASE_URL' : `PGlite at ${dataDir}`}.`,
);
