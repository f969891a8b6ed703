import { fieldErrorsOf as schemaFieldErrors } from '@finsight/core/schemas';
import type { z } from 'zod';
import { fieldMessages } from './messages';

/**
 * The shared schemas' field errors as the web app shows them: one sentence per field that says what to do
 * (messages.ts). lib/schemas.ts exports this in place of core's own, so a form checked in the browser says
 * the same as one refused by the server.
 */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  return fieldMessages(schemaFieldErrors(error));
}
