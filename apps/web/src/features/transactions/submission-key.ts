import { useRef } from 'react';

/** A random key; `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The idempotency key of a form's submission: the same key while the same values are sent again (a retry
 * after a lost answer is then answered with the first result instead of saving twice), a fresh one once the
 * values change or the last submission was saved.
 */
export function useSubmissionKey() {
  const current = useRef<{ key: string; fingerprint: string } | null>(null);
  return {
    keyFor(values: unknown): string {
      const fingerprint = JSON.stringify(values);
      if (current.current?.fingerprint !== fingerprint) current.current = { key: newKey(), fingerprint };
      return current.current.key;
    },
    /** The submission was saved: the next one is a new draft. */
    saved() {
      current.current = null;
    },
  };
}
