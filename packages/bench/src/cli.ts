import { generate } from './generate';

// `pnpm bench <generate|queries|http|import|alerts|soak|fairness|lighthouse|upkeep>`: see docs/benchmarks.md.
const commands: Record<string, () => Promise<void>> = {
  generate,
  queries: async () => (await import('./queries')).queries(),
  http: async () => (await import('./http')).http(),
  import: async () => (await import('./imports')).importBench(),
  alerts: async () => (await import('./alerts')).alertsBench(),
  soak: async () => (await import('./http')).soak(),
  fairness: async () => (await import('./fairness')).fairness(),
  lighthouse: async () => (await import('./lighthouse')).lighthouseRun(),
  upkeep: async () => (await import('./upkeep')).upkeepBench(),
};

const name = process.argv[2] ?? '';
const command = commands[name];
if (!command) {
  console.error(`usage: pnpm bench <${Object.keys(commands).join('|')}>`);
  process.exit(2);
}
await command();
process.exit(process.exitCode ?? 0);
