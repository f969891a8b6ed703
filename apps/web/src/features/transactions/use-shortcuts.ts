import { useEffect, useRef } from 'react';

/** Where a typed key is text, not a command. */
const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/**
 * Single-key shortcuts for a page ("n", "/", "?"). Ignored while the user types in a field, while a dialog
 * is open, and with Ctrl, Alt or Cmd held (those belong to the browser and the system).
 */
export function useShortcuts(handlers: Record<string, () => void>) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
        return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(TYPING) || document.querySelector('dialog[open]')) return;
      const handler = latest.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
