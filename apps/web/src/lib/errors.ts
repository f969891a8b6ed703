import { TRPCClientError } from '@trpc/client';
import { RestError } from './rest-errors';

export type FieldErrors = Record<string, string[]>;

/** The field errors a failed call carries (from the shared zod schemas on the server), if any. */
export function serverFieldErrors(error: unknown): FieldErrors {
  if (error instanceof TRPCClientError) {
    const fields = (error.data as { fieldErrors?: FieldErrors | null } | undefined)?.fieldErrors;
    return fields ?? {};
  }
  return {};
}

/** A sentence for the user: the server's message for expected errors, a generic one otherwise. */
export function messageOf(error: unknown): string {
  if (error instanceof RestError) return error.message;
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus ?? 0;
    if (status >= 400 && status < 500) return error.message;
    if (status === 0) return 'Cannot reach finsight. Check your connection and try again.';
  }
  return 'Something went wrong on our side. Please try again.';
}
