import { useSyncExternalStore } from 'react';

/**
 * What printing draws besides the canvas: the outline and the handout's pages. Neither is
 * needed to draw the first map, so they load after it (main.tsx) or when the handout is first
 * printed. The browser's own Print menu gives no time to load anything (its `beforeprint` is
 * synchronous), so they are kept here once loaded and rendered from here, without suspending.
 */
export interface PrintParts {
  OutlineView: typeof import('./OutlineView').OutlineView;
  HandoutPages: typeof import('./HandoutPages').HandoutPages;
}

let parts: PrintParts | null = null;
let loading: Promise<PrintParts> | null = null;
const listeners = new Set<() => void>();

/** Loads the print parts (once; a failed load is tried again on the next call). */
export function loadPrintParts(): Promise<PrintParts> {
  loading ??= Promise.all([import('./OutlineView'), import('./HandoutPages')]).then(
    ([outline, handout]) => {
      parts = { OutlineView: outline.OutlineView, HandoutPages: handout.HandoutPages };
      for (const listener of listeners) listener();
      return parts;
    },
  );
  loading.catch(() => (loading = null));
  return loading;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The print parts once loaded, else null. */
export const usePrintParts = () => useSyncExternalStore(subscribe, () => parts);
