import { citusDown, citusUp, citusUrl } from './citus-cluster';

/**
 * `pnpm db:citus up|down|url`: a local Citus cluster (coordinator and 2 workers) for development and tests.
 * `up` prints the coordinator's DATABASE_URL on stdout (progress goes to stderr), so
 * `export $(pnpm --silent db:citus up)` works.
 */
const [cluster, action] = process.argv.slice(2);
const log = (line: string) => console.error(line);

try {
  if (cluster !== 'citus') throw new Error(`Unknown cluster "${cluster ?? ''}": citus`);
  if (action === 'up') console.log(`DATABASE_URL=${await citusUp(log)}`);
  else if (action === 'down') citusDown(log);
  else if (action === 'url') console.log(citusUrl() ?? '');
  else throw new Error(`Usage: pnpm db:citus up|down|url`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
