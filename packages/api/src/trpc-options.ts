import type { ReadRouting } from '@finsight/core';
import type { AnyTRPCProcedure } from '@trpc/server';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthFlows } from './auth/auth-flows';
import type { Authentication, Authenticator } from './auth/authenticator';
import { NO_STORE } from './cache-control';
import { addCosts, COSTS, type Cost } from './fairness/costs';
import { releaseWhenClosed, type UserLimits } from './fairness/user-limits';
import { idempotencyKeyOf } from './idempotency';
import { appRouter } from './root';
import type { ProcedureMeta } from './trpc';

export type AppTrpcOptions = FastifyTRPCPluginOptions<typeof appRouter>['trpcOptions'];

declare module 'fastify' {
  interface FastifyRequest {
    /** A /trpc request's credentials, checked once before any of its calls runs. */
    trpcAuth: Authentication | null;
  }
}

/** Calls one tRPC request may batch: a dashboard sends a handful, 20 is plenty. */
export const TRPC_MAX_BATCH = 20;

/** What a call of a procedure costs: as declared, else a read for a query and a write for a mutation. */
function costOf(procedure: AnyTRPCProcedure | undefined): Cost {
  const meta = procedure?._def.meta as ProcedureMeta | undefined;
  return meta?.cost ?? (procedure?._def.type === 'mutation' ? COSTS.write : COSTS.read);
}

/** How /trpc runs the router: who is asking, what it costs them, the request-free context, what gets logged. */
export function appTrpcOptions(deps: {
  /** Queries (GET) read from a replica unless the user just wrote; mutations use the primary. */
  reads: ReadRouting;
  authenticator: Authenticator;
  flows: AuthFlows;
  limits: UserLimits;
  log: FastifyBaseLogger;
}) {
  const trpcOptions: AppTrpcOptions = {
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH,
    responseMeta: () => ({ headers: { 'cache-control': NO_STORE } }),
    createContext: async ({ req }) => {
      const principal = req.trpcAuth?.principal ?? null;
      return {
        db: req.method === 'GET' ? deps.reads.forRead(principal?.userId ?? null) : deps.reads.primary,
        primary: deps.reads.primary,
        flows: deps.flows,
        client: { ip: req.ip, userAgent: req.headers['user-agent'] },
        principal,
        authProblem: req.trpcAuth?.problem ?? null,
        idempotencyKey: idempotencyKeyOf(req.headers),
        limits: deps.limits,
      };
    },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        deps.log.error({ err: error.cause ?? error, path }, 'tRPC error');
    },
  };

  /** Every call of a signed-in user's request is charged together, and the request takes one slot. */
  async function admit(
    request: FastifyRequest,
    reply: FastifyReply,
    procedures: (AnyTRPCProcedure | undefined)[],
  ) {
    const authorization = request.headers.authorization;
    const auth =
      deps.authenticator.known(authorization) ?? (await deps.authenticator.authenticate(authorization));
    request.trpcAuth = auth;
    if (auth.principal === null) return;
    releaseWhenClosed(
      reply.raw,
      await deps.limits.admit(auth.principal.userId, addCosts(procedures.map(costOf))),
    );
  }

  return { trpcOptions, maxBatchSize: TRPC_MAX_BATCH, admit };
}
