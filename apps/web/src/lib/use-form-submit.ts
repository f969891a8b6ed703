import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { type FieldErrors, messageOf, serverFieldErrors } from './errors';
import { validate } from './validate';

/**
 * The submit cycle every form shares: validate with the server's own schema, send, and show the server's
 * field errors, or its message, if it refuses.
 */
export function useFormSubmit<Schema extends z.ZodType>(
  schema: Schema,
  values: () => unknown,
  send: (data: z.output<Schema>) => Promise<void>,
) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const checked = validate(schema, values());
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    try {
      await send(checked.data);
    } catch (error) {
      // Field errors show at their fields; the form-level message only when there are none (it would
      // repeat the first of them).
      const fields = serverFieldErrors(error);
      setErrors(fields);
      setProblem(fields.non_field_errors?.[0] ?? (Object.keys(fields).length > 0 ? null : messageOf(error)));
    }
  };
  return { errors, problem, submit };
}
