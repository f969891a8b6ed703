// The API serves the web app: its build goes inside the API's own dist/, so `pnpm deploy` of this package
// gives one folder that serves everything. Run after `tsdown` (which empties dist/).
import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));
const to = fileURLToPath(new URL('../dist/web', import.meta.url));
if (!existsSync(`${from}/index.html`)) {
  console.error(`copy-web: ${from} has no index.html; build @finsight/web first (turbo does).`);
  process.exit(1);
}
cpSync(from, to, { recursive: true });
console.log(`copy-web: ${from} -> ${to}`);
