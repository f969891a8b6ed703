import { useSyncExternalStore } from 'react';

/**
 * Light, dark, or whatever the system says. The choice lives in localStorage; index.html's inline script sets
 * `data-theme` on <html> before the first paint, and this module keeps it in step afterwards (and applies it
 * itself should the script not have run). styles.css reads the attribute, and `prefers-color-scheme` when
 * there is none.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const STORAGE_KEY = 'finsight.theme';
const listeners = new Set<() => void>();

function read(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

let current = read();

/** The browser's own bar takes the theme's colour too (index.html has one per system scheme). */
const BAR_COLOURS: Record<Exclude<ThemeChoice, 'system'>, string> = { light: '#0f766e', dark: '#0e1319' };

function apply(choice: ThemeChoice) {
  const root = document.documentElement;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const own = meta.media.includes('dark') ? BAR_COLOURS.dark : BAR_COLOURS.light;
    meta.content = choice === 'system' ? own : BAR_COLOURS[choice];
  }
}
apply(current);

window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  current = read();
  apply(current);
  for (const listener of listeners) listener();
});

export function setTheme(choice: ThemeChoice): void {
  current = choice;
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Private mode without storage: the choice holds until the tab closes.
  }
  apply(choice);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useTheme(): ThemeChoice {
  return useSyncExternalStore(subscribe, () => current);
}
