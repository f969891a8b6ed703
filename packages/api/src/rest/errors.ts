import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  isUnknownUser,
  USER_NOT_FOUND,
} from '@finsight/core';
import { AppError, type AppErrorCode, type FieldErrors, fieldErrorsOf } from '@finsight/core/schemas';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodError } from 'zod';
import { RateLimitedError } from '../auth/auth-throttle';
import { snakeCase } from './serializers';

/** The HTTP status of each AppError code — the same table tRPC uses for its codes. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
};

/** Field errors keyed by the wire names (`categoryId` -> `category`, `createdAt` -> `created_at`). */
export function wireFieldErrors(fields: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([key, messages]) => [snakeCase(key), messages]));
}

export function validationError(error: ZodError): AppError {
  return new AppError('BAD_REQUEST', 'Invalid input.', fieldErrorsOf(error));
}

/**
 * DRF's error bodies: `{"field": ["message"]}` for validation problems, `{"detail": "..."}` otherwise.
 * A uniqueness conflict on a field is a validation error there (400); a state conflict (deleting a
 * category in use) is a 409.
 */
export function sendAppError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
  if (error.fieldErrors && (error.code === 'BAD_REQUEST' || error.code === 'CONFLICT')) {
    return reply.status(400).send(wireFieldErrors(error.fieldErrors));
  }
  if (error.code === 'UNAUTHORIZED') reply.header('www-authenticate', 'Bearer realm="api"');
  return reply.status(HTTP_STATUS[error.code]).send({ detail: error.message });
}

/**
 * Root error handler: AppErrors as above, an unreachable database as 503, Fastify's own client errors with
 * their message, the rest hidden.
 */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  // The id the log line has, so whoever meets an error can quote it.
  reply.header('x-request-id', request.id);
  if (error instanceof AppError) return sendAppError(reply, error);
  if (isUnknownUser(error)) return sendAppError(reply, new AppError('UNAUTHORIZED', USER_NOT_FOUND));
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    return reply.status(503).header('retry-after', '5').send({ detail: DATABASE_UNAVAILABLE_MESSAGE });
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = 'code' in error ? error.code : undefined;
    const detail =
      code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? `Unsupported media type "${request.headers['content-type'] ?? ''}" in request.`
        : code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? `JSON parse error - ${error.message}`
          : error.message;
    return reply.status(status).send({ detail });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ detail: 'Internal server error.' });
}
