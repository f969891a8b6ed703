/**
 * The one error vocabulary of finsight. Codes are named like tRPC's so the API maps them one to one;
 * the REST adapter maps the same codes to HTTP statuses.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNPROCESSABLE_CONTENT'
  | 'TOO_MANY_REQUESTS';

/** Field path ("amount", "items.0.note") to messages; "non_field_errors" for the input as a whole. */
export type FieldErrors = Record<string, string[]>;

export const NON_FIELD_ERRORS = 'non_field_errors';

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Same answer for "missing" and "someone else's": the caller learns nothing about other users. */
export function notFound(): AppError {
  return new AppError('NOT_FOUND', 'Not found.');
}

export function fieldError(field: string, message: string): AppError {
  return new AppError('BAD_REQUEST', message, { [field]: [message] });
}
