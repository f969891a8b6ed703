import type { SwaggerTransformObject } from '@fastify/swagger';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { REVALIDATE } from '../cache-control';
import { PAGE_SECURITY_HEADERS } from '../security-headers';

export interface OpenApiOptions {
  /** Where users reach the API; the document's `servers` entry. Relative to the document when unset. */
  publicUrl?: string;
}

const DESCRIPTION = `Personal-finance tracking: record income and expenses in your own categories, see where the
money goes each month, and get told when spending is unusual.

Log in at \`POST /api/auth/login/\` and send the access token as \`Authorization: Bearer <access>\`; trade
the refresh token for a new access token at \`POST /api/auth/refresh/\` when it expires (15 minutes).
Money is a decimal string ("12.50"), dates are \`YYYY-MM-DD\`, months \`YYYY-MM\`. Errors follow Django REST
Framework: \`{"field": ["message"]}\` for invalid input, \`{"detail": "..."}\` otherwise.`;

const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

type Components = Record<string, unknown>;

/** Every component name a value refers to with `$ref: '#/components/schemas/<name>'`. */
function referencedNames(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedNames(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/schemas/')) {
        found.add(inner.slice('#/components/schemas/'.length));
      } else {
        referencedNames(inner, found);
      }
    }
  }
  return found;
}

/**
 * The named schemas (zod schemas with an `id`) as components, keeping only those the operations use:
 * every named schema is registered twice, as what a request takes and what a response gives, and most
 * are only ever one of the two.
 */
const referencedComponentsOnly: SwaggerTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input) as {
    paths?: unknown;
    components?: { schemas?: Components };
  };
  const all = document.components?.schemas ?? {};
  const used = referencedNames(document.paths);
  for (let grew = true; grew; ) {
    const before = used.size;
    for (const name of [...used]) referencedNames(all[name], used);
    grew = used.size > before;
  }
  const schemas = Object.fromEntries(Object.entries(all).filter(([name]) => used.has(name)));
  return {
    ...document,
    components: { ...document.components, schemas },
  } as ReturnType<SwaggerTransformObject>;
};

/**
 * The OpenAPI 3.1 document, generated from the routes Fastify registers after this: each route's zod
 * schemas (request, responses) become its operation, so a route cannot exist undocumented or drift from
 * what it accepts and answers. Served at /openapi.json, with Swagger UI at /docs (under the /api scope).
 */
export async function openApi(api: FastifyInstance, { publicUrl }: OpenApiOptions) {
  await api.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'finsight REST API', version: '1.0.0', description: DESCRIPTION },
      servers: [
        publicUrl
          ? { url: publicUrl.replace(/\/+$/, ''), description: 'This finsight server' }
          : { url: '/', description: 'The server this document was fetched from' },
      ],
      tags: [
        { name: 'auth', description: 'Accounts and tokens' },
        { name: 'categories', description: 'Your own spending and income categories' },
        { name: 'accounts', description: 'Where your money is kept, with balances' },
        { name: 'transactions', description: 'Income, expenses and transfers between your accounts' },
        { name: 'imports', description: 'Bank files (CSV, OFX/QFX, QIF) in, with zero configuration' },
        { name: 'rules', description: 'Automatic categories, payee names and notes' },
        { name: 'insights', description: 'Monthly summaries, breakdowns, anomalies and narratives' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'The `access` token from `POST /api/auth/login/`',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: referencedComponentsOnly,
  });

  api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());

  await api.register(async (docs) => {
    docs.addHook('onRequest', async (_request, reply) => {
      // A page, and one whose files may be cached (revalidated): not an API answer.
      reply.headers(PAGE_SECURITY_HEADERS).header('cache-control', REVALIDATE);
    });
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      // The page is also served without its trailing slash (/api/docs): its assets are then linked from this
      // absolute prefix rather than relative to a folder the browser does not see.
      indexPrefix: '/api',
      // Swagger UI's own policy, minus its `upgrade-insecure-requests` (a self-hosted finsight may be reached
      // over plain http) and with inline styles, which its bundle injects at run time. Scripts stay 'self'.
      staticCSP: DOCS_CSP,
      uiConfig: { deepLinking: true, validatorUrl: null, tryItOutEnabled: true },
    });
  });
}
