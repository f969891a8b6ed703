import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

interface Response {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown }>;
}
interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  responses: Record<string, Response>;
}
interface Document {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { examples?: unknown[] }> };
}

const run = promisify(execFile);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

let server: TestServer;
let document: Document;
const routes: RouteOptions[] = [];

beforeAll(async () => {
  server = await startTestServer({ onRoute: (route) => routes.push(route) });
  document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Document;
});
afterAll(() => server.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );

/** The operations that take no token: creating an account, logging in and out, resetting a password. */
const PUBLIC_OPERATIONS = [
  'register',
  'login',
  'loginWithCode',
  'refreshToken',
  'logout',
  'requestPasswordReset',
  'confirmPasswordReset',
];

describe('the OpenAPI document at /api/openapi.json', () => {
  it('is valid, as @apidevtools/swagger-parser reads it', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('has no errors under Redocly’s recommended rules (only the trailing-slash rule is off)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'finsight-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const config = fileURLToPath(new URL('../../redocly.yaml', import.meta.url));
    const { stdout } = await run(
      process.execPath,
      [cli, 'lint', file, '--config', config, '--format', 'json'],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string }[];
    };
    expect(report.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
    // The one warning left is the missing licence: that is the project's decision, not the document's.
    expect(
      report.problems.map((problem) => problem.ruleId).filter((rule) => rule !== 'info-license'),
    ).toEqual([]);
  });

  it('documents exactly the routes Fastify serves under /api/, so no route can go undocumented', () => {
    const served = routes
      .flatMap((route) => [route.method].flat().map((method) => ({ method, url: route.url })))
      // Fastify answers HEAD for every GET by itself; the documentation itself (its page, assets and
      // the document) is not an operation.
      .filter(({ method, url }) => url.startsWith('/api/') && method !== 'HEAD')
      .filter(({ url }) => !/^\/api\/(docs\b|openapi\.json$)/.test(url))
      .map(({ method, url }) => `${method} ${url.replace(/:(\w+)/g, '{$1}')}`);
    const documented = operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(new Set(documented).size).toBe(documented.length);
    expect(documented.sort()).toEqual([...new Set(served)].sort());
    expect(documented).toEqual(
      expect.arrayContaining(['PUT /api/finance/categories/{id}/', 'GET /api/finance/narrative/']),
    );
  });

  it('gives every operation a stable operationId, and every response a description', () => {
    const ids = operations().map(({ operation }) => operation.operationId ?? '');
    expect(ids.every((id) => /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(response.description, `${method} ${path} ${status}`).toMatch(/\w{3}/);
      }
    }
  });

  it('marks the operations that take no token public, and every other one as needing a bearer token', () => {
    for (const { method, path, operation } of operations()) {
      const expected = PUBLIC_OPERATIONS.includes(operation.operationId ?? '') ? [] : [{ bearerAuth: [] }];
      expect(operation.security, `${method} ${path}`).toEqual(expected);
    }
    expect(operations().filter(({ operation }) => operation.security?.length === 0)).toHaveLength(
      PUBLIC_OPERATIONS.length,
    );
  });

  it('lists the errors each operation can give, in their shapes', () => {
    for (const { method, path, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      const where = `${method} ${path}`;
      expect(statuses, where).toContain('503');
      expect(operation.responses['503']?.headers, where).toHaveProperty('Retry-After');
      const isPublic = PUBLIC_OPERATIONS.includes(operation.operationId ?? '');
      if (!isPublic) expect(statuses, where).toContain('401');
      // A read-only API token is refused every change.
      if (!isPublic && method !== 'get') expect(statuses, where).toContain('403');
      if (path.includes('{id}')) expect(statuses, where).toContain('404');
      // A bank file is read as bytes whatever its content type says (it is sniffed): no 415 there.
      const takesFile = JSON.stringify(operation.requestBody ?? {}).includes('text/csv');
      if (operation.requestBody)
        expect(statuses, where).toEqual(
          expect.arrayContaining(['400', '413', ...(takesFile ? [] : ['415'])]),
        );
      // Public operations are rate-limited per address and email, the others per user.
      expect(statuses, where).toContain('429');
      expect(operation.responses['429']?.headers, where).toHaveProperty('Retry-After');
    }
    const deleteCategory = document.paths['/api/finance/categories/{id}/']?.delete;
    expect(Object.keys(deleteCategory?.responses ?? {})).toContain('409');
    const invalid = document.paths['/api/finance/transactions/']?.post?.responses['400'];
    expect(JSON.stringify(invalid?.content)).toContain('#/components/schemas/FieldErrors');
  });

  it('describes every response body with a named schema that carries an example', () => {
    for (const { method, path, operation } of operations()) {
      const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
      expect(success, `${method} ${path}`).toBeDefined();
      if (success?.[0] === '204') continue;
      expect(JSON.stringify(success?.[1].content), `${method} ${path}`).toContain('#/components/schemas/');
    }
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      if (name === 'Error') continue;
      expect(schema.examples, name).toBeDefined();
    }
  });
});
