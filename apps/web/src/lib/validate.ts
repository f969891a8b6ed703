import type { z } from 'zod';
import type { FieldErrors } from './errors';
import { fieldErrorsOf } from './schemas';

/** Validates a form with the very schema the server uses; field errors on failure. */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  values: unknown,
): { ok: true; data: z.output<Schema> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: fieldErrorsOf(result.error) };
}
