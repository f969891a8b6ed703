import { useEffect, useState } from 'react';

/**
 * Keyset pages: each page starts after the last row of the previous one, so page 200 costs what page 1
 * does. The cursors walked so far are kept to go back; a new `key` (other filters) starts again at page 1.
 */
export function useCursorPages(key: string) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts again from the first page
  useEffect(() => setCursors([undefined]), [key]);
  return {
    cursor: cursors.at(-1),
    pageNumber: cursors.length,
    next: (cursor: string | null) => {
      if (cursor) setCursors((current) => [...current, cursor]);
    },
    previous: () => setCursors((current) => (current.length > 1 ? current.slice(0, -1) : current)),
  };
}
