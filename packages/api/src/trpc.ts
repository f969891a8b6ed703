import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  isUnknownUser,
  USER_NOT_FOUND,
} from '@finsight/core';
import { AppError, type FieldErrors, fieldErrorsOf } from '@finsight/core/schemas';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { RateLimitedError } from './auth/auth-throttle';
import { NO_CREDENTIALS } from './auth/jwt';
import { READ_ONLY_TOKEN, SESSION_REQUIRED } from './auth/principal';
import type { Context } from './context';
import type { Cost } from './fairness/costs';

/** What a procedure declares about itself beyond its input and output. */
export interface ProcedureMeta {
  /** What a call costs against the caller's budgets (default: a read for a query, a write for a mutation). */
  cost?: Cost;
  /** A mutation that changes nothing (a read-scope API token may call it). */
  readOnly?: boolean;
  /** Account management: needs a login session, not a personal API token. */
  sessionOnly?: boolean;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const fieldErrors: FieldErrors | null =
        cause instanceof ZodError
          ? fieldErrorsOf(cause)
          : cause instanceof AppError
            ? (cause.fieldErrors ?? null)
            : null;
      const firstField = fieldErrors ? Object.entries(fieldErrors)[0] : undefined;
      return {
        ...shape,
        // Never echo internal failures (they can carry SQL); they are logged instead. A validation failure
        // reads "field: message" rather than zod's JSON dump.
        message:
          error.code === 'INTERNAL_SERVER_ERROR'
            ? 'Internal server error'
            : cause instanceof ZodError && firstField
              ? `${firstField[0]}: ${firstField[1][0]}`
              : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors,
          retryAfterSeconds: cause instanceof RateLimitedError ? cause.retryAfterSeconds : null,
        },
      };
    },
  });

/**
 * Turns the services' AppError into the TRPCError with the same code (one vocabulary, one table), and an
 * unreachable database into SERVICE_UNAVAILABLE (503) rather than an internal error.
 */
function withDomainErrors<Result extends { ok: boolean; error?: { cause?: unknown } }>(
  result: Result,
): Result {
  if (result.ok) return result;
  const cause = result.error?.cause;
  if (cause instanceof AppError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
  if (isUnknownUser(cause)) throw new TRPCError({ code: 'UNAUTHORIZED', message: USER_NOT_FOUND, cause });
  if (isDatabaseUnavailable(cause)) {
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause });
  }
  return result;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(async ({ next }) => withDomainErrors(await next()));

/**
 * Requires valid credentials; narrows `ctx.userId` to a number. A read-scope API token may only call what
 * changes nothing, and account management needs a login session. One middleware rather than a chain:
 * every middleware step costs tRPC two copies of the call's options, a fifth of a single query's CPU
 * (docs/benchmarks.md).
 */
export const protectedProcedure = t.procedure.use(async ({ ctx, meta, type, next }) => {
  const principal = ctx.principal;
  if (principal === null) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authProblem ?? NO_CREDENTIALS });
  }
  if (principal.scope === 'read' && type === 'mutation' && !meta?.readOnly) {
    throw new TRPCError({ code: 'FORBIDDEN', message: READ_ONLY_TOKEN });
  }
  if (meta?.sessionOnly && principal.sessionId === null) {
    throw new TRPCError({ code: 'FORBIDDEN', message: SESSION_REQUIRED });
  }
  const call = () => next({ ctx: { userId: principal.userId, principal } });
  const cost = meta?.cost;
  // Heavy calls (analyses) take turns, so a batch of them runs one after another.
  return withDomainErrors(
    await (cost && ctx.limits ? ctx.limits.inTurn(principal.userId, cost, call) : call()),
  );
});
