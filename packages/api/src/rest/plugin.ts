import type { Database, ReadRouting } from '@finsight/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthFlows } from '../auth/auth-flows';
import type { Authenticator } from '../auth/authenticator';
import { NO_CREDENTIALS } from '../auth/jwt';
import { type Principal, READ_ONLY_TOKEN, SESSION_REQUIRED } from '../auth/principal';
import { COSTS, type Cost } from '../fairness/costs';
import { releaseWhenClosed, type UserLimits } from '../fairness/user-limits';
import { recordWrites } from '../read-your-writes';
import { accountRoutes } from './account';
import { financeAccountRoutes } from './accounts';
import { alertRoutes } from './alerts';
import { apiTokenRoutes } from './api-tokens';
import { authRoutes } from './auth';
import { budgetRoutes } from './budgets';
import { categoryRoutes } from './categories';
import { serializerCompiler, validatorCompiler } from './compilers';
import { demoRoutes } from './demo';
import { forecastRoutes } from './forecast';
import { importRoutes } from './imports';
import { insightRoutes } from './insights';
import { notificationRoutes } from './notifications';
import { openApi } from './openapi';
import { pageLinks } from './page-links';
import { recurringRoutes } from './recurring';
import { ruleRoutes } from './rules';
import { READ_ONLY_FIELDS } from './schemas';
import { sessionRoutes } from './sessions';
import { transactionRoutes } from './transactions';
import { transferRoutes } from './transfers';
import { twoFactorRoutes } from './two-factor';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user of a protected request, from its credentials only. */
    userId: number;
    principal: Principal;
    /** The database this request reads and writes: a replica for a read, unless the user just wrote. */
    db: Database;
  }
  interface FastifyContextConfig {
    /**
     * What the request costs against the user's budgets (default: a read for GET, a write otherwise); a
     * function when it depends on the query.
     */
    cost?: Cost | ((request: FastifyRequest) => Cost);
    /** Account management: needs a login session, not a personal API token. */
    sessionOnly?: boolean;
  }
}

export interface RestOptions {
  authenticator: Authenticator;
  flows: AuthFlows;
  limits: UserLimits;
  /** Which database each request uses (DATABASE_READ_URL). */
  reads: ReadRouting;
  /** Where users reach finsight (PUBLIC_URL): absolute links and the document's server. */
  publicUrl?: string;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What a body is validated as: no body at all is an empty object (an explicit JSON null is not, and is
 * refused), and the read-only fields a client echoes back from a GET (`id`, `created_at`…) are dropped, as
 * the documented framework ignores them.
 */
function writableBody(request: FastifyRequest, _reply: FastifyReply, done: () => void) {
  const body = request.body;
  if (body === undefined) {
    request.body = {};
  } else if (
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    !(body instanceof Uint8Array)
  ) {
    request.body = Object.fromEntries(
      Object.entries(body).filter(([key]) => !READ_ONLY_FIELDS.includes(key)),
    );
  }
  done();
}

/**
 * The guard of every protected route, before its body is read or validated (an anonymous request learns
 * nothing about its input): valid credentials (401), what a read-only or API token may do (403), then the
 * user's budgets and concurrent slots (429). The slot is held until the answer has gone out, streamed
 * answers included.
 */
function guard({ authenticator, limits, reads: routing }: RestOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const authorization = request.headers.authorization;
    const { principal, problem } =
      authenticator.known(authorization) ?? (await authenticator.authenticate(authorization));
    if (principal === null) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="api"')
        .send({ detail: problem ?? NO_CREDENTIALS });
    }
    const reads = READS.has(request.method);
    const config = request.routeOptions.config;
    if (principal.scope === 'read' && !reads) return reply.status(403).send({ detail: READ_ONLY_TOKEN });
    if (config.sessionOnly && principal.sessionId === null) {
      return reply.status(403).send({ detail: SESSION_REQUIRED });
    }
    request.principal = principal;
    request.userId = principal.userId;
    request.db = reads ? routing.forRead(principal.userId) : routing.primary;
    const cost =
      (typeof config.cost === 'function' ? config.cost(request) : config.cost) ??
      (reads ? COSTS.read : COSTS.write);
    releaseWhenClosed(reply.raw, await limits.admit(principal.userId, cost));
    // Heavy work waits for its turn, and holds it until the answer has gone out (a streamed list too).
    const turn = limits.turn(principal.userId, cost);
    if (turn) releaseWhenClosed(reply.raw, await turn);
  };
}

/**
 * The documented REST endpoints under /api: the OpenAPI document and its UI, a public auth scope and the
 * protected account and finance scopes. Every route declares zod schemas for what it takes and answers;
 * they validate, serialise and document it.
 */
export async function restApi(app: FastifyInstance, options: RestOptions) {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await openApi(app, { publicUrl: options.publicUrl });

  await app.register(async (scope) => {
    // Only routes that take a body pay for the hook.
    scope.addHook('onRoute', (route) => {
      if (route.schema?.body) route.preValidation = [writableBody, route.preValidation ?? []].flat();
    });
    await scope.register(authRoutes, { prefix: '/auth', flows: options.flows });

    scope.decorateRequest('userId', 0);
    scope.decorateRequest('principal', null as unknown as Principal);
    scope.decorateRequest('db', null as unknown as Database);
    const withReplicas = options.reads.replicas().length > 0;
    const protectedScope = async (routes: FastifyInstance) => {
      routes.addHook('onRequest', guard(options));
      if (withReplicas)
        routes.addHook(
          'onSend',
          recordWrites(options.reads, (request) => request.userId),
        );
    };
    await scope.register(
      async (account) => {
        await protectedScope(account);
        await account.register(accountRoutes, { flows: options.flows });
        await account.register(sessionRoutes, { flows: options.flows });
        await account.register(apiTokenRoutes, { flows: options.flows });
        await account.register(twoFactorRoutes);
      },
      { prefix: '/auth' },
    );
    await scope.register(
      async (finance) => {
        await protectedScope(finance);
        await finance.register(categoryRoutes);
        await finance.register(financeAccountRoutes);
        await finance.register(transactionRoutes, { pageLinks: pageLinks(options.publicUrl) });
        await finance.register(transferRoutes);
        await finance.register(ruleRoutes);
        await finance.register(importRoutes);
        await finance.register(insightRoutes);
        await finance.register(budgetRoutes);
        await finance.register(recurringRoutes);
        await finance.register(forecastRoutes);
        await finance.register(alertRoutes, { pageLinks: pageLinks(options.publicUrl) });
        await finance.register(notificationRoutes, { pageLinks: pageLinks(options.publicUrl) });
        await finance.register(demoRoutes);
      },
      { prefix: '/finance' },
    );
  });
}
