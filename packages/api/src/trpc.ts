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
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: DATABASE_UNAVAILABLE_MESSAGE,
      cause: result.error.cause,
    });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

/** Requires a valid access token; narrows `ctx.userId` to a number. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.userId === null) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authProblem ?? NO_CREDENTIALS });
  }
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});
