import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';

/**
 * A page's success message ("Transaction added.") must not stay on screen once something goes wrong after it:
 * the two would contradict each other. Every error the shared components show (`FormError`, `ErrorState`)
 * calls `errorShown()`, and every notice kept with `useNotice` clears itself then.
 */
const clearers = new Set<() => void>();

export function errorShown(): void {
  for (const clear of clearers) clear();
}

/**
 * `useState` for a page's notice, cleared when an error shows anywhere on the page. A notice that is itself an
 * error (`{ error: true }`) stays: it is the news.
 */
export function useNotice<Notice>(): [Notice | null, Dispatch<SetStateAction<Notice | null>>] {
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => {
    const clear = () =>
      setNotice((current) =>
        current !== null && typeof current === 'object' && (current as { error?: unknown }).error === true
          ? current
          : null,
      );
    clearers.add(clear);
    return () => {
      clearers.delete(clear);
    };
  }, []);
  return [notice, setNotice];
}
