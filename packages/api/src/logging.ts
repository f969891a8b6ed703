import type { FastifyRequest } from 'fastify';

/** Properties that carry the values a statement ran with (postgres.js, Drizzle, PGlite name them so). */
const VALUE_KEYS = new Set(['parameters', 'params', 'args', 'values', 'input', 'body']);
const MAX_CAUSES = 5;

/** Drizzle writes a failed statement's values into the message after "params:". */
function withoutValues(text: string): string {
  const at = text.indexOf('\nparams:');
  return at < 0 ? text : `${text.slice(0, at)}\nparams: [redacted]`;
}

interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  code?: unknown;
  query?: unknown;
  cause?: LoggedError;
}

/**
 * How errors are logged: type, message, stack, code and SQL text, but never the values a statement ran with
 * (a note, an email, a password hash) — those stay out of the logs, whatever the driver put on the error.
 */
export function serializeError(error: Error): {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
} {
  const result = logged(error, 0) as LoggedError;
  return { ...result, stack: result.stack ?? '' };
}

function logged(error: unknown, depth: number): LoggedError | unknown {
  if (!(error instanceof Error)) return error;
  const record = error as Error & Record<string, unknown>;
  const result: LoggedError = {
    type: error.constructor?.name ?? 'Error',
    message: withoutValues(error.message),
    ...(error.stack ? { stack: withoutValues(error.stack) } : {}),
  };
  for (const [key, value] of Object.entries(record)) {
    if (VALUE_KEYS.has(key) || key === 'cause' || typeof value === 'function') continue;
    if (
      key === 'code' ||
      key === 'query' ||
      key === 'severity' ||
      key === 'routine' ||
      key === 'constraint_name'
    ) {
      (result as unknown as Record<string, unknown>)[key] =
        typeof value === 'string' ? withoutValues(value) : value;
    }
  }
  if (record.cause !== undefined && depth < MAX_CAUSES)
    result.cause = logged(record.cause, depth + 1) as LoggedError;
  return result;
}

/** How requests are logged: method and path, never the query string (tRPC inputs, search text, tokens). */
export function serializeRequest(request: FastifyRequest) {
  const url = request.url ?? '';
  const mark = url.indexOf('?');
  return {
    method: request.method,
    url: mark < 0 ? url : `${url.slice(0, mark)}?[redacted]`,
    remoteAddress: request.ip,
  };
}
