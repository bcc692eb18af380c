import { useCallback, useState } from 'react';

/**
 * Whether the legend or the overview map is open: folded away until the user opens it, on
 * every screen (open, they cover cards at the canvas's corners), then as the user last left
 * it, remembered in this browser.
 */
export function useOverlayOpen(name: 'legend' | 'overview'): [boolean, (open: boolean) => void] {
  const key = `clashmap:${name}Open`;
  const [open, setOpen] = useState(() => {
    try {
      return localStorage.getItem(key) === 'true';
    } catch {
      return false;
    }
  });
  const set = useCallback(
    (next: boolean) => {
      setOpen(next);
      try {
        localStorage.setItem(key, String(next));
      } catch {
        // Not remembered, but applied for this visit.
      }
    },
    [key],
  );
  return [open, set];
}
