import { createStore } from 'zustand/vanilla';
import { changeOf, tableOf, type MapChange, type Placed, type TableChange } from '../model/change';
import type { Edge } from '../model/edge';
import type { MapNode } from '../model/node';
import type { Source } from '../model/source';

/** One undo step: the change the user made, and the document revisions before and after it. */
export interface HistoryEntry {
  readonly change: MapChange;
  readonly before: number;
  readonly after: number;
}

export interface HistoryState {
  /** The user's own changes, oldest first. */
  past: readonly HistoryEntry[];
  /** Changes undone, most recently undone last. */
  future: readonly HistoryEntry[];
}

/** The most undo steps kept; the oldest go first. */
export const HISTORY_LIMIT = 500;

/** What the two values after a packed step's code are: index and record, or before and after. */
const ADDED = 0;
const UPDATED = 1;
const REMOVED = 2;

const tableSize = (table: TableChange<unknown>) =>
  table.added.size + table.updated.size + table.removed.size;

/**
 * Writes a table's records into a packed step from `at` on, each as (table * 3 + part, value,
 * value); returns where the next table starts.
 */
function packTable<T>(records: unknown[], at: number, t: number, table: TableChange<T>): number {
  const put = (code: number, a: unknown, b: unknown) => {
    records[at++] = t * 3 + code;
    records[at++] = a;
    records[at++] = b;
  };
  for (const { index, record } of table.added.values()) put(ADDED, index, record);
  for (const { from, to } of table.updated.values()) put(UPDATED, from, to);
  for (const { index, record } of table.removed.values()) put(REMOVED, index, record);
  return at;
}

/** One table of a packed step, as the change it was made from. */
function unpackTable<T extends { id: string }>(
  records: readonly unknown[],
  t: number,
): TableChange<T> {
  const added: Placed<T>[] = [];
  const updated: { from: T; to: T }[] = [];
  const removed: Placed<T>[] = [];
  for (let i = 0; i < records.length; i += 3) {
    const code = records[i] as number;
    if (Math.floor(code / 3) !== t) continue;
    const a = records[i + 1];
    const b = records[i + 2] as T;
    if (code % 3 === ADDED) added.push({ index: a as number, record: b });
    else if (code % 3 === UPDATED) updated.push({ from: a as T, to: b });
    else removed.push({ index: a as number, record: b });
  }
  return tableOf({ added, updated, removed });
}

/**
 * A step as the history keeps it: every record it touches in one flat array of triples (which
 * table and part; then index and record, or the record before and after), instead of a
 * MapChange's objects and Maps per table. A small edit touches a record or two and stays in
 * the history for as long as it can be undone, and a Map with one entry costs more memory than
 * the record it points to, so a step packed this way takes less than half as much. Reading
 * `change` (to undo or redo it) makes the same change again.
 */
class PackedEntry implements HistoryEntry {
  readonly before: number;
  readonly after: number;
  private readonly records: readonly unknown[];
  private readonly fields: MapChange['fields'];

  constructor({ change, before, after }: HistoryEntry) {
    this.before = before;
    this.after = after;
    // Made at its final length: an array grown by push keeps room for more.
    const records: unknown[] = new Array(
      3 * (tableSize(change.nodes) + tableSize(change.edges) + tableSize(change.sources)),
    );
    let at = packTable(records, 0, 0, change.nodes);
    at = packTable(records, at, 1, change.edges);
    packTable(records, at, 2, change.sources);
    this.records = records;
    this.fields = change.fields;
  }

  get change(): MapChange {
    return changeOf({
      nodes: unpackTable<MapNode>(this.records, 0),
      edges: unpackTable<Edge>(this.records, 1),
      sources: unpackTable<Source>(this.records, 2),
      ...(this.fields ? { fields: this.fields } : {}),
    });
  }
}

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
      next.push(new PackedEntry(entry));
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
