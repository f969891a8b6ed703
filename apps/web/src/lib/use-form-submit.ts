import { type FormEvent, useRef, useState } from 'react';
import type { z } from 'zod';
import { type FieldErrors, messageOf, serverFieldErrors } from './errors';
import { validate } from './validate';

/**
 * The submit cycle every form shares: validate with the server's own schema, send, and show the server's
 * field errors, or its message, if it refuses. While one submission is in flight a second is ignored — a
 * double click or Enter pressed twice lands before React has re-rendered a disabled button, so the guard is
 * a ref, not state. `pending` is for the button's label. `precheck` adds what the schema cannot know (an
 * amount typed in the user's locale, say); its messages win over the schema's for the same field.
 */
export function useFormSubmit<Schema extends z.ZodType>(
  schema: Schema,
  values: () => unknown,
  send: (data: z.output<Schema>) => Promise<void>,
  precheck?: () => FieldErrors,
) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const inFlight = useRef(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    setProblem(null);
    const checked = validate(schema, values());
    const early = precheck?.() ?? {};
    if (!checked.ok || Object.keys(early).length > 0) {
      setErrors({ ...(checked.ok ? {} : checked.errors), ...early });
      return;
    }
    setErrors({});
    inFlight.current = true;
    setPending(true);
    try {
      await send(checked.data);
    } catch (error) {
      // Field errors show at their fields; the form-level message only when there are none (it would
      // repeat the first of them).
      const fields = serverFieldErrors(error);
      setErrors(fields);
      setProblem(fields.non_field_errors?.[0] ?? (Object.keys(fields).length > 0 ? null : messageOf(error)));
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };
  return { errors, problem, pending, submit, setErrors };
}
