import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '@finsight/core';
import { AppError, type FieldErrors, fieldErrorsOf } from '@finsight/core/schemas';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { RateLimitedError } from './auth/auth-throttle';
import { NO_CREDENTIALS } from './auth/jwt';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
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
  if (isDatabaseUnavailable(cause)) {
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause });
  }
  return result;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(async ({ next }) => withDomainErrors(await next()));

/**
 * Requires a valid access token; narrows `ctx.userId` to a number. One middleware rather than a second
 * `.use()` on publicProcedure: every middleware step costs tRPC two copies of the call's options, a fifth of a
 * single query's CPU (docs/benchmarks.md).
 */
export const protectedProcedure = t.procedure.use(async ({ ctx, next }) => {
  if (ctx.userId === null) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authProblem ?? NO_CREDENTIALS });
  }
  return withDomainErrors(await next({ ctx: { userId: ctx.userId } }));
});
