import { parentPort, workerData } from 'node:worker_threads';

/**
 * User B, in a thread of its own so user A's load generator never delays B's clock: reads B's monthly
 * summary `perSecond` times a second (a busy person's dashboard, well within B's budget) for `seconds`, and
 * reports every latency in milliseconds. Plain JavaScript: a worker thread runs without the TypeScript
 * loader the benchmarks use.
 */
const { url, access, seconds, perSecond } = workerData;
const latencies = [];
let failures = 0;
const started0 = Date.now();
const until = started0 + seconds * 1000;
for (let n = 0; Date.now() < until; n++) {
  const due = started0 + (n * 1000) / perSecond;
  if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
  const started = performance.now();
  const response = await fetch(`${url}/api/finance/summary/?month=2026-06`, {
    headers: { authorization: `Bearer ${access}` },
  });
  await response.arrayBuffer();
  latencies.push(performance.now() - started);
  if (!response.ok) failures += 1;
}
parentPort?.postMessage({ latencies, failures });
