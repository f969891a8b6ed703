import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '@finsight/core';
import { buildApp } from './app';
import { resolveJwtSecret } from './auth/secret';
import { loadEnv } from './env';

// Starts finsight: migrate, listen, and on SIGINT/SIGTERM let in-flight requests finish, then close the database.
// A .env at the repository root (see .env.example) fills in what the real environment leaves unset.
const dotenv = fileURLToPath(new URL('../../../.env', import.meta.url));
if (existsSync(dotenv)) process.loadEnvFile(dotenv);

let env: ReturnType<typeof loadEnv>;
let jwtSecret: string;
try {
  env = loadEnv();
  jwtSecret = resolveJwtSecret(env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const database = await createDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
// The web build sits beside the API in the repository; WEB_DIST points elsewhere (or at nothing).
const webDist = env.WEB_DIST ?? fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));
const app = await buildApp({ db: database.db, env, jwtSecret, webDist });
app.addHook('onClose', () => database.close());

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

const address = await app.listen({ port: env.PORT, host: env.HOST });
app.log.info(
  `finsight is up on ${address} (${database.driver === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}); API docs at ${address}/api/docs`,
);
