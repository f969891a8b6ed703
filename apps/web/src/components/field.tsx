import { cloneElement, type ReactElement, useEffect, useId } from 'react';
import { errorShown } from '../lib/notice';

/** A labelled form control with its error messages wired up for screen readers. */
export function Field({
  label,
  errors,
  hint,
  children,
}: {
  label: string;
  errors?: string[];
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const shown = errors?.join(' ') ?? '';
  // A field refused after a success message: the message would contradict what the form now says.
  useEffect(() => {
    if (shown) errorShown();
  }, [shown]);
  const described =
    [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-invalid': errors?.length ? true : undefined,
        'aria-describedby': described,
      })}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {errors?.length ? (
        <small id={errorId} className="error">
          {errors.join(' ')}
        </small>
      ) : null}
    </div>
  );
}
