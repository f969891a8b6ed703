import { citusDown, citusUp, citusUrl } from './citus-cluster';
import { replicaDown, replicaUp, replicaUrls } from './replica';

/**
 * `pnpm db:citus up|down|url`: a local Citus cluster (coordinator and 2 workers).
 * `pnpm db:replica up|down|url`: a private primary with a streaming replica.
 * `up` and `url` print the variables to set on stdout (progress goes to stderr), so
 * `export $(pnpm --silent db:citus up)` works.
 */
const [cluster, action] = process.argv.slice(2);
const log = (line: string) => console.error(line);

async function main(): Promise<void> {
  if (cluster === 'citus') {
    if (action === 'up') console.log(`DATABASE_URL=${await citusUp(log)}`);
    else if (action === 'down') citusDown(log);
    else if (action === 'url') console.log(citusUrl() ?? '');
    else throw new Error('Usage: pnpm db:citus up|down|url');
  } else if (cluster === 'replica') {
    const print = (urls: { primary: string; replica: string }) =>
      console.log(`DATABASE_URL=${urls.primary}\nDATABASE_READ_URL=${urls.replica}`);
    if (action === 'up') print(await replicaUp(log));
    else if (action === 'down') replicaDown(log);
    else if (action === 'url') {
      const urls = replicaUrls();
      if (urls) print(urls);
    } else throw new Error('Usage: pnpm db:replica up|down|url');
  } else throw new Error(`Unknown cluster "${cluster ?? ''}": citus or replica`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
