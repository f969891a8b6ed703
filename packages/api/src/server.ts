import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  createReadRouting,
  primaryOnly,
  type ReadRouting,
  type ReplicaStatus,
} from '@finsight/core';
import { buildApp } from './app';
import { resolveJwtSecret } from './auth/secret';
import { dotenvPath, loadEnv } from './env';

// Starts finsight: migrate, listen, and on SIGINT/SIGTERM let in-flight requests finish, then close the database.
// A .env in the directory finsight is launched from (see .env.example) fills in what the environment leaves unset.
const dotenv = dotenvPath();
if (existsSync(dotenv)) process.loadEnvFile(dotenv);

let env: ReturnType<typeof loadEnv>;
let jwtSecret: string;
let database: Awaited<ReturnType<typeof createDatabase>>;
let reads: ReadRouting;
/** Logs a replica that stops or starts serving reads, once the app (and its logger) exists. */
let announceReplica = (_replica: ReplicaStatus) => {};
try {
  env = loadEnv();
  jwtSecret = resolveJwtSecret(env);
  database = await createDatabase({
    url: env.DATABASE_URL,
    dataDir: env.dataDir,
    distributed: env.DATABASE_DISTRIBUTED ?? 'auto',
  });
  reads =
    env.DATABASE_READ_URL.length > 0
      ? await createReadRouting(database, env.DATABASE_READ_URL, {
          onChange: (replica) => announceReplica(replica),
        })
      : primaryOnly(database.db);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

/**
 * The web app: inside this package's dist/ in a build (`pnpm start`, a deployed folder), or the web
 * package's own build when running from source (`pnpm dev`). WEB_DIST points elsewhere, or at nothing.
 */
function findWebBuild(): string {
  const bundled = fileURLToPath(new URL('./web', import.meta.url));
  if (existsSync(bundled)) return bundled;
  return fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));
}

const app = await buildApp({
  db: database.db,
  reads,
  env,
  jwtSecret,
  webDist: env.WEB_DIST ?? findWebBuild(),
});
announceReplica = ({ host, healthy, lagMs }) => {
  if (healthy) app.log.info({ replica: host, lagMs }, 'read replica serving reads');
  else
    app.log.warn(
      { replica: host, lagMs },
      'read replica not serving reads: down or behind, reads go to the primary',
    );
};
app.addHook('onClose', async () => {
  await reads.close();
  await database.close();
});

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
const replicas = reads.replicas();
const where =
  database.driver === 'pglite'
    ? `embedded PGlite in ${env.dataDir}`
    : replicas.length > 0
      ? `PostgreSQL, reads on ${replicas.map((r) => `${r.host}${r.healthy ? '' : ' (not answering yet)'}`).join(', ')}`
      : 'PostgreSQL';
app.log.info(`finsight is up on ${address} (${where}); API docs at ${address}/api/docs`);
