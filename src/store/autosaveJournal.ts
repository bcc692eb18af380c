import {
  applyChange,
  diffMaps,
  isEmptyChange,
  type MapChange,
  type MapFields,
  type Placed,
  type TableChange,
} from '../model/change';
import { changeProblem } from '../model/checkChange';
import type { ClashMap } from '../model/map';

/**
 * Incremental autosave: the browser keeps a snapshot of the map as file text and, after it, a
 * journal of the changes made since, each stored as it is made. An edit on a 5,000-card map
 * then stores the records it touched, not the 2.5 MB of the map; the snapshot is rewritten
 * only when the journal is long, when another tab wrote, or when something outside the
 * records changed (the assumptions kept with the map).
 *
 * A journal entry holds only what replaying needs: the records as they are after the change,
 * the places of added records and the ids of removed ones (never the records as they were).
 * Entries are plain objects, stored by IndexedDB's structured clone.
 */
export interface TablePatch<T> {
  /** Records added, with their index after the change. */
  add: Placed<T>[];
  /** Records changed, as they are after the change. */
  put: T[];
  /** Ids of the records removed. */
  remove: string[];
}

export interface JournalEntry {
  nodes: TablePatch<ClashMap['nodes'][number]>;
  edges: TablePatch<ClashMap['edges'][number]>;
  sources: TablePatch<ClashMap['sources'][number]>;
  /** The map's own fields after the change, when they changed. */
  fields?: MapFields;
}

/**
 * The snapshot's journal: `count` changes made since the snapshot whose rev is `base`, each
 * stored under a key of its own (so that a write adds one entry and rewrites none).
 */
export interface Journal {
  base: number;
  count: number;
}

/** How many entries a journal holds before the next write makes a new snapshot instead. */
export const JOURNAL_LIMIT = 200;

function patchOf<T>(table: TableChange<T>): TablePatch<T> {
  return {
    add: [...table.added.values()].map(({ index, record }) => ({ index, record })),
    put: [...table.updated.values()].map(({ to }) => to),
    remove: [...table.removed.keys()],
  };
}

/**
 * The journal entry that turns `before` into `after` (two maps as autosave writes them);
 * 'unchanged' when they hold the same records and fields; null when they differ in something a
 * change does not hold (the assumptions kept with the map, its format or version): then only a
 * new snapshot stores it.
 */
export function journalEntry(before: ClashMap, after: ClashMap): JournalEntry | 'unchanged' | null {
  if (before.format !== after.format || before.version !== after.version) return null;
  if (
    before.assumptions !== after.assumptions &&
    JSON.stringify(before.assumptions ?? null) !== JSON.stringify(after.assumptions ?? null)
  )
    return null;
  const change = diffMaps(before, after);
  if (isEmptyChange(change)) return 'unchanged';
  return {
    nodes: patchOf(change.nodes),
    edges: patchOf(change.edges),
    sources: patchOf(change.sources),
    ...(change.fields ? { fields: change.fields.to } : {}),
  };
}

function tableOfPatch<T extends { id: string }>(
  records: readonly T[],
  patch: TablePatch<T>,
): TableChange<T> {
  const byId = new Map<string, Placed<T>>();
  const removed = new Map<string, Placed<T>>();
  if (patch.remove.length > 0) {
    records.forEach((record, index) => byId.set(record.id, { index, record }));
    for (const id of patch.remove) {
      const placed = byId.get(id);
      if (placed) removed.set(id, placed);
    }
  }
  return {
    added: new Map(patch.add.map((placed) => [placed.record.id, placed])),
    // Replaying applies a change forwards only: what a record was is not needed.
    updated: new Map(patch.put.map((record) => [record.id, { from: record, to: record }])),
    removed,
  };
}

/**
 * The map after replaying `entries` on it, in order, each change checked as the store checks an
 * edit before it commits (records against their schemas, invariants where it touched). A change
 * that fails the check stops the replay: `map` is the map before it, and `problem` says why.
 */
export function replayJournal(
  map: ClashMap,
  entries: readonly JournalEntry[],
): { map: ClashMap; problem: string | null } {
  let next = map;
  for (const entry of entries) {
    const change: MapChange = {
      nodes: tableOfPatch(next.nodes, entry.nodes),
      edges: tableOfPatch(next.edges, entry.edges),
      sources: tableOfPatch(next.sources, entry.sources),
      ...(entry.fields ? { fields: { from: entry.fields, to: entry.fields } } : {}),
    };
    const after = applyChange(next, change);
    const problem = changeProblem(after, change);
    if (problem) return { map: next, problem };
    next = after;
  }
  return { map: next, problem: null };
}
