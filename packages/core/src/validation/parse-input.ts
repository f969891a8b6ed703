import type { z } from 'zod';
import { AppError, type FieldErrors, NON_FIELD_ERRORS } from '../errors';
import { unstorableText } from './text';

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : NON_FIELD_ERRORS;
    const messages = fields[key] ?? [];
    messages.push(issue.message);
    fields[key] = messages;
  }
  return fields;
}

/**
 * Services validate their own input with the shared schema, whoever calls them (tRPC, REST, an LLM
 * tool, a script), and report problems as a BAD_REQUEST with field paths.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const badText = unstorableText(input);
  if (badText) throw invalid(badText);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(fieldErrorsOf(result.error));
}

function invalid(fieldErrors: FieldErrors): AppError {
  const first = Object.entries(fieldErrors)[0];
  const message = first
    ? `${first[0] === NON_FIELD_ERRORS ? 'Input' : first[0]}: ${first[1][0]}`
    : 'Invalid input.';
  return new AppError('BAD_REQUEST', message, fieldErrors);
}
