import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_FILE, collectionOperations, renderPostmanCollection } from '../postman/collection';
import { startTestServer, type TestServer } from './testing/server';

interface NewmanSummary {
  run: {
    stats: { assertions: { total: number; failed: number }; requests: { total: number; failed: number } };
    failures: { error: { message: string }; source?: { name?: string } }[];
  };
}
type NewmanRun = (
  options: { collection: unknown; envVar: { key: string; value: string }[]; reporters: string[] },
  done: (error: Error | null, summary: NewmanSummary) => void,
) => void;

const newman = createRequire(import.meta.url)('newman') as { run: NewmanRun };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the Postman collection', () => {
  it('is in sync with its source (regenerate with `pnpm --filter @finsight/api postman`)', () => {
    expect(readFileSync(COLLECTION_FILE, 'utf8')).toBe(renderPostmanCollection());
  });

  it('calls every operation of the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(new Set(collectionOperations())).toEqual(new Set(documented));
  });

  it('passes every assertion when newman runs it against a live server', async () => {
    const summary = await new Promise<NewmanSummary>((resolve, reject) => {
      newman.run(
        {
          collection: JSON.parse(readFileSync(COLLECTION_FILE, 'utf8')),
          envVar: [{ key: 'baseUrl', value: server.url }],
          reporters: [],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });
    const failures = summary.run.failures.map((f) => `${f.source?.name ?? '?'}: ${f.error.message}`);
    expect(failures).toEqual([]);
    expect(summary.run.stats.requests.total).toBe(collectionOperations().length);
    expect(summary.run.stats.assertions.total).toBeGreaterThanOrEqual(70);
  });
});
