import { useSyncExternalStore } from 'react';

/**
 * The size of the text on the map's cards, in percent: a preference of this browser, not part
 * of any map (a class's projector and a student's laptop want different sizes of one map).
 */
export const TEXT_SIZES = [90, 100, 115, 130, 150] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

const KEY = 'clashmap:textSize';
const DEFAULT: TextSize = 100;

const isTextSize = (value: number): value is TextSize =>
  (TEXT_SIZES as readonly number[]).includes(value);

function stored(): TextSize {
  try {
    const value = Number(localStorage.getItem(KEY));
    return isTextSize(value) ? value : DEFAULT;
  } catch {
    return DEFAULT; // storage unavailable
  }
}

const listeners = new Set<() => void>();

/** Shows `size` on the page (`<html data-text-size>`, where the stylesheet reads it). */
function show(size: TextSize): void {
  if (size === DEFAULT) delete document.documentElement.dataset.textSize;
  else document.documentElement.dataset.textSize = String(size);
  for (const listener of listeners) listener();
}

/** Puts the remembered text size in force on the page. */
export function applyTextSize(): void {
  show(stored());
}

/** The text size on the page. */
export function currentTextSize(): TextSize {
  const value = Number(document.documentElement.dataset.textSize ?? DEFAULT);
  return isTextSize(value) ? value : DEFAULT;
}

/** One step larger (+1) or smaller (-1), remembered in this browser; false at either end. */
export function stepTextSize(direction: 1 | -1): boolean {
  const next = TEXT_SIZES[TEXT_SIZES.indexOf(currentTextSize()) + direction];
  if (next === undefined) return false;
  try {
    localStorage.setItem(KEY, String(next));
  } catch {
    // Not remembered, but applied for this visit.
  }
  show(next);
  return true;
}

const onStorage = (event: StorageEvent) => {
  if (event.key === KEY) applyTextSize();
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

/** The text size on the page, kept up to date (another tab's choice applies here too). */
export function useTextSize(): TextSize {
  return useSyncExternalStore(subscribe, currentTextSize, () => DEFAULT);
}
