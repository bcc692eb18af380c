import { useSyncExternalStore } from 'react';

/**
 * A debater's own shorthand, expanded as they type on the flow: `c1` becomes "Contention 1"
 * when followed by a space or Enter. The list is the user's, kept in this browser
 * (localStorage), not in the map: it goes with the person, not with the round.
 */
export interface Abbreviation {
  /** What is typed: one word, no spaces. */
  readonly short: string;
  /** What it becomes. */
  readonly long: string;
}

export const ABBREVIATIONS_KEY = 'clashmap.flow.abbreviations';

/** The longest shorthand and expansion kept, in characters. */
const MAX_SHORT = 20;
const MAX_LONG = 200;
/** The most abbreviations kept. */
export const MAX_ABBREVIATIONS = 200;

/** Why a shorthand cannot be added to `list`, or null when it can. */
export function abbreviationProblem(
  list: readonly Abbreviation[],
  short: string,
  long: string,
): string | null {
  if (short === '') return 'Type the shorthand.';
  if (/\s/.test(short)) return 'A shorthand is one word, with no spaces.';
  if (short.length > MAX_SHORT) return `A shorthand has at most ${MAX_SHORT} characters.`;
  if (long.trim() === '') return 'Type what the shorthand stands for.';
  if (long.length > MAX_LONG) return `An expansion has at most ${MAX_LONG} characters.`;
  if (list.some((a) => a.short.toLowerCase() === short.toLowerCase()))
    return `“${short}” is already a shorthand.`;
  if (list.length >= MAX_ABBREVIATIONS) return `At most ${MAX_ABBREVIATIONS} shorthands are kept.`;
  return null;
}

/**
 * The text with the word just before `caret` expanded, if it is a shorthand (case is ignored):
 * the new text and caret, or null when there is nothing to expand. Call it when a space or
 * Enter is typed, before the key's own effect.
 */
export function expandBeforeCaret(
  text: string,
  caret: number,
  list: readonly Abbreviation[],
): { text: string; caret: number } | null {
  if (list.length === 0) return null;
  const before = text.slice(0, caret);
  const match = /(^|\s)(\S+)$/.exec(before);
  if (!match) return null;
  const word = match[2]!.toLowerCase();
  const found = list.find((a) => a.short.toLowerCase() === word);
  if (!found) return null;
  const start = caret - match[2]!.length;
  return {
    text: text.slice(0, start) + found.long + text.slice(caret),
    caret: start + found.long.length,
  };
}

/** Reads a stored list, keeping only well-formed entries (the storage is the user's to edit). */
export function parseAbbreviations(stored: string | null): Abbreviation[] {
  if (stored === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const list: Abbreviation[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const { short, long } = item as Record<string, unknown>;
    if (typeof short !== 'string' || typeof long !== 'string') continue;
    if (abbreviationProblem(list, short, long) === null) list.push({ short, long });
  }
  return list;
}

let cached: { stored: string | null; list: Abbreviation[] } | null = null;
const listeners = new Set<() => void>();

function readStored(): string | null {
  try {
    return localStorage.getItem(ABBREVIATIONS_KEY);
  } catch {
    return null;
  }
}

/** The user's abbreviations now (the same array while the stored list is unchanged). */
export function currentAbbreviations(): Abbreviation[] {
  const stored = readStored();
  if (!cached || cached.stored !== stored) cached = { stored, list: parseAbbreviations(stored) };
  return cached.list;
}

/** Keeps the list in this browser; false (and nothing changed) when the browser refuses. */
export function saveAbbreviations(list: readonly Abbreviation[]): boolean {
  try {
    localStorage.setItem(ABBREVIATIONS_KEY, JSON.stringify(list));
  } catch {
    return false;
  }
  for (const listener of listeners) listener();
  return true;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed the list.
  const onStorage = (event: StorageEvent) => {
    if (event.key === ABBREVIATIONS_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The user's abbreviations, re-read when they change here or in another tab. */
export function useAbbreviations(): Abbreviation[] {
  return useSyncExternalStore(subscribe, currentAbbreviations, () => []);
}
