import { parentPort, workerData } from 'node:worker_threads';

/**
 * User B, in a thread of its own so user A's load generator never delays B's clock: reads B's monthly
 * summary one request after another for `seconds`, and reports every latency in milliseconds.
 */
const { url, access, seconds } = workerData as { url: string; access: string; seconds: number };
const latencies: number[] = [];
let failures = 0;
const until = Date.now() + seconds * 1000;
while (Date.now() < until) {
  const started = performance.now();
  const response = await fetch(`${url}/api/finance/summary/?month=2026-06`, {
    headers: { authorization: `Bearer ${access}` },
  });
  await response.arrayBuffer();
  latencies.push(performance.now() - started);
  if (!response.ok) failures += 1;
}
parentPort?.postMessage({ latencies, failures });
