import { createDatabase, DEFAULT_DATA_DIR } from './client';

// `pnpm db:migrate`: applies migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;

const handle = await createDatabase({ url, dataDir });
await handle.close();
console.log(
  `Migrations applied to ${url ? 'the PostgreSQL server in DATABASE_URL' : `PGlite at ${dataDir}`}.`,
);
