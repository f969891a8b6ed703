import { TRPCClientError } from '@trpc/client';
import { fieldMessages, friendlyMessage } from './messages';
import { OFFLINE, RestError } from './rest-errors';

export type FieldErrors = Record<string, string[]>;

/** What a change made offline gets: the same words as the offline banner. */
export const OFFLINE_NOW = "You're offline — changes can't be saved until you're back online.";

/** The field errors a failed call carries (from the shared zod schemas on the server), if any, for people. */
export function serverFieldErrors(error: unknown): FieldErrors {
  if (error instanceof TRPCClientError) {
    const fields = (error.data as { fieldErrors?: FieldErrors | null } | undefined)?.fieldErrors;
    return fieldMessages(fields ?? {});
  }
  return {};
}

/**
 * A sentence for the user that says what to do: the server's message for expected errors (rephrased for
 * people where the server speaks to developers, see messages.ts), a generic one otherwise.
 */
export function messageOf(error: unknown): string {
  if (error instanceof RestError) return error.message;
  if (error instanceof TRPCClientError) {
    const data = error.data as
      | { httpStatus?: number; path?: string; retryAfterSeconds?: number | null }
      | undefined;
    const status = data?.httpStatus ?? 0;
    if (status === 429 && data?.retryAfterSeconds)
      return friendlyMessage(
        `Request was throttled. Expected available in ${data.retryAfterSeconds} seconds.`,
      );
    if (status >= 400 && status < 500) return friendlyMessage(error.message, data?.path);
    if (status === 0) return typeof navigator !== 'undefined' && !navigator.onLine ? OFFLINE_NOW : OFFLINE;
  }
  return 'Something went wrong on our side. Please try again.';
}
