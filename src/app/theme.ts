import { useSyncExternalStore } from 'react';

/** The editor's colour theme: a preference of this browser, not part of any map. */
export type Theme = 'light' | 'dark';

const KEY = 'clashmap:theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function stored(): Theme | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage unavailable: follow the system
  }
}

const systemTheme = (): Theme => (window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light');

/** The theme in force: the one chosen here, else the system's. */
export const currentTheme = (): Theme => stored() ?? systemTheme();

const listeners = new Set<() => void>();

/** Shows `theme` on the page (`<html data-theme>`, where the stylesheet reads it). */
function show(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener();
}

/** Puts the theme in force on the page. */
export function applyTheme(): void {
  show(currentTheme());
}

/** Chooses a theme and remembers it in this browser (it still applies when it cannot). */
export function setTheme(theme: Theme): void {
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Not remembered, but applied for this visit.
  }
  show(theme);
}

// The system's choice and another tab's choice apply here too: watched once, while anything
// on the page shows the theme.
const onStorage = (event: StorageEvent) => {
  if (event.key === KEY) applyTheme();
};

let systemQuery: MediaQueryList | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    systemQuery = window.matchMedia?.(DARK_QUERY);
    systemQuery?.addEventListener('change', applyTheme);
    window.addEventListener('storage', onStorage);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      systemQuery?.removeEventListener('change', applyTheme);
      window.removeEventListener('storage', onStorage);
    }
  };
}

const read = (): Theme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');

/** The theme on the page, kept up to date. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, read, () => 'light');
}
