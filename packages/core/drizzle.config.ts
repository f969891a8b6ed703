import { defineConfig } from 'drizzle-kit';

// `casing` must match the one in src/db/client.ts, or migrations and queries disagree on column names.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
  strict: true,
  verbose: true,
});
