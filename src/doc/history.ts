import { createStore } from 'zustand/vanilla';
import type { MapChange } from '../model/change';

/** One undo step: the change the user made, and the document revisions before and after it. */
export interface HistoryEntry {
  change: MapChange;
  before: number;
  after: number;
}

export interface HistoryState {
  /** The user's own changes, oldest first. */
  past: readonly HistoryEntry[];
  /** Changes undone, most recently undone last. */
  future: readonly HistoryEntry[];
}

/** The most undo steps kept; the oldest go first. */
export const HISTORY_LIMIT = 500;

/**
 * One person's undo history: a list of changes, never snapshots, so memory grows with the size
 * of the edits and not with the size of the map. Only changes of origin 'user' are recorded.
 */
export function createHistory() {
  const store = createStore<HistoryState>(() => ({ past: [], future: [] }));
  return Object.assign(store, {
    /** Records a new step; a new edit discards whatever had been undone. */
    record(entry: HistoryEntry) {
      const { past } = store.getState();
      const next =
        past.length >= HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT + 1) : past.slice();
      next.push(entry);
      store.setState({ past: next, future: [] });
    },
    /** Takes the newest step off the past (to be undone) and keeps it for redo. */
    popUndo(): HistoryEntry | undefined {
      const { past, future } = store.getState();
      const entry = past[past.length - 1];
      if (entry) store.setState({ past: past.slice(0, -1), future: [...future, entry] });
      return entry;
    },
    /** Takes the most recently undone step back (to be redone). */
    popRedo(): HistoryEntry | undefined {
      const { past, future } = store.getState();
      const entry = future[future.length - 1];
      if (entry) store.setState({ past: [...past, entry], future: future.slice(0, -1) });
      return entry;
    },
    clear() {
      const { past, future } = store.getState();
      if (past.length || future.length) store.setState({ past: [], future: [] });
    },
  });
}

export type History = ReturnType<typeof createHistory>;
