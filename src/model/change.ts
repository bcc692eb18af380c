import type { Edge } from './edge';
import type { ClashMap } from './map';
import type { MapNode } from './node';
import type { Presentation } from './presentation';
import type { Round } from './round';
import type { Source } from './source';

/**
 * Who made a change. Only the user's own changes enter their undo history; a load (opening a
 * file, the article, a share link, a class room's map) starts a new one; another tab's or a
 * peer's changes never enter it, nor do they when the deterministic repair pass had to fix the
 * merge ('repair': the repairs are committed with the changes they fix, and the user is told
 * what was repaired). What each origin does is decided in one place, the store's `remember`.
 */
export type Origin = 'user' | 'load' | 'remote' | 'repair';

/** A record with the index it has in its table (after the change for added, before for removed). */
export interface Placed<T> {
  index: number;
  record: T;
}

/** What a change does to one table of id-keyed records. */
export interface TableChange<T> {
  added: ReadonlyMap<string, Placed<T>>;
  updated: ReadonlyMap<string, { from: T; to: T }>;
  removed: ReadonlyMap<string, Placed<T>>;
}

/** The map's own fields that are not records: title, description, presentation steps, round. */
export interface MapFields {
  title: string;
  description?: string | undefined;
  presentation?: Presentation | undefined;
  round?: Round | undefined;
}

/**
 * One change to a map: records added, updated and removed, by id, per table, and the map's own
 * fields before and after. Every edit is one; it can be applied and inverted.
 */
export interface MapChange {
  nodes: TableChange<MapNode>;
  edges: TableChange<Edge>;
  sources: TableChange<Source>;
  fields?: { from: MapFields; to: MapFields } | undefined;
}

interface Identified {
  id: string;
}

/**
 * The one empty map every table change shares for a part it leaves empty (most changes touch
 * one record of one table): a change is kept by the undo history for as long as the user can
 * undo it, and an empty Map costs about as much memory as the rest of a small step. Never
 * written to (the parts are read-only maps).
 */
const NONE: ReadonlyMap<string, never> = new Map<string, never>();

/** `map`, or the shared empty map when it is empty. */
const orNone = <V>(map: ReadonlyMap<string, V>): ReadonlyMap<string, V> =>
  map.size === 0 ? NONE : map;

const EMPTY_TABLE: TableChange<never> = {
  added: NONE,
  updated: NONE,
  removed: NONE,
};

/** A table change of these parts (each kept only if it holds something), or EMPTY_TABLE. */
function tableOfMaps<T>(
  added: ReadonlyMap<string, Placed<T>>,
  updated: ReadonlyMap<string, { from: T; to: T }>,
  removed: ReadonlyMap<string, Placed<T>>,
): TableChange<T> {
  if (added.size === 0 && updated.size === 0 && removed.size === 0) return EMPTY_TABLE;
  return { added: orNone(added), updated: orNone(updated), removed: orNone(removed) };
}

function diffTable<T extends Identified>(
  before: readonly T[],
  after: readonly T[],
): TableChange<T> {
  if (before === after) return EMPTY_TABLE;
  const beforeIndex = new Map<string, number>();
  before.forEach((record, i) => beforeIndex.set(record.id, i));
  const added = new Map<string, Placed<T>>();
  const updated = new Map<string, { from: T; to: T }>();
  const removed = new Map<string, Placed<T>>();
  const kept = new Set<string>();
  // Records kept in both must keep their relative order; a record that moved is recorded as
  // removed and added again, so that applying the change restores the order exactly.
  let lastKeptBefore = -1;
  after.forEach((record, i) => {
    const at = beforeIndex.get(record.id);
    if (at === undefined || at < lastKeptBefore) {
      added.set(record.id, { index: i, record });
      return;
    }
    lastKeptBefore = at;
    kept.add(record.id);
    const old = before[at]!;
    if (old !== record) updated.set(record.id, { from: old, to: record });
  });
  before.forEach((record, i) => {
    if (!kept.has(record.id)) removed.set(record.id, { index: i, record });
  });
  return tableOfMaps(added, updated, removed);
}

const fieldsOf = (map: ClashMap): MapFields => ({
  title: map.title,
  ...(map.description !== undefined ? { description: map.description } : {}),
  ...(map.presentation !== undefined ? { presentation: map.presentation } : {}),
  ...(map.round !== undefined ? { round: map.round } : {}),
});

const sameFields = (a: ClashMap, b: ClashMap) =>
  a.title === b.title &&
  a.description === b.description &&
  a.presentation === b.presentation &&
  a.round === b.round;

/**
 * The change that turns `before` into `after`, comparing records by id and by reference (the
 * model's operations share every record they do not change, so this is linear and exact).
 */
export function diffMaps(before: ClashMap, after: ClashMap): MapChange {
  return {
    nodes: diffTable(before.nodes, after.nodes),
    edges: diffTable(before.edges, after.edges),
    sources: diffTable(before.sources, after.sources),
    ...(sameFields(before, after)
      ? {}
      : { fields: { from: fieldsOf(before), to: fieldsOf(after) } }),
  };
}

const tableIsEmpty = (table: TableChange<unknown>) =>
  table.added.size === 0 && table.updated.size === 0 && table.removed.size === 0;

/** True when the change changes nothing. */
export function isEmptyChange(change: MapChange): boolean {
  return (
    tableIsEmpty(change.nodes) &&
    tableIsEmpty(change.edges) &&
    tableIsEmpty(change.sources) &&
    change.fields === undefined
  );
}

/** How many records the change touches (a measure of its size, for history and tests). */
export function changeSize(change: MapChange): number {
  const size = (t: TableChange<unknown>) => t.added.size + t.updated.size + t.removed.size;
  return size(change.nodes) + size(change.edges) + size(change.sources) + (change.fields ? 1 : 0);
}

function applyTable<T extends Identified>(records: readonly T[], table: TableChange<T>): T[] {
  if (tableIsEmpty(table)) return records as T[];
  const next: T[] = [];
  for (const record of records) {
    if (table.removed.has(record.id)) continue;
    next.push(table.updated.get(record.id)?.to ?? record);
  }
  const inserts = [...table.added.values()].sort((a, b) => a.index - b.index);
  for (const { index, record } of inserts) next.splice(Math.min(index, next.length), 0, record);
  return next;
}

/** The map with the change applied. Records the change does not touch are shared, not copied. */
export function applyChange(map: ClashMap, change: MapChange): ClashMap {
  if (isEmptyChange(change)) return map;
  const next: ClashMap = {
    ...map,
    nodes: applyTable(map.nodes, change.nodes),
    edges: applyTable(map.edges, change.edges),
    sources: applyTable(map.sources, change.sources),
  };
  if (change.fields) {
    const { title, description, presentation, round } = change.fields.to;
    next.title = title;
    if (description === undefined) delete next.description;
    else next.description = description;
    if (presentation === undefined) delete next.presentation;
    else next.presentation = presentation;
    if (round === undefined) delete next.round;
    else next.round = round;
  }
  return next;
}

function invertTable<T>(table: TableChange<T>): TableChange<T> {
  if (tableIsEmpty(table)) return table;
  const updated = new Map<string, { from: T; to: T }>();
  for (const [id, { from, to }] of table.updated) updated.set(id, { from: to, to: from });
  return { added: table.removed, updated: orNone(updated), removed: table.added };
}

/** The change that undoes `change`: applying one then the other gives back the same map. */
export function invertChange(change: MapChange): MapChange {
  return {
    nodes: invertTable(change.nodes),
    edges: invertTable(change.edges),
    sources: invertTable(change.sources),
    ...(change.fields ? { fields: { from: change.fields.to, to: change.fields.from } } : {}),
  };
}

/** The change that changes nothing. */
export const NO_CHANGE: MapChange = {
  nodes: EMPTY_TABLE,
  edges: EMPTY_TABLE,
  sources: EMPTY_TABLE,
};

/** A table's change from lists of records (keyed by their ids). */
export function tableOf<T extends Identified>(parts: {
  added?: readonly Placed<T>[];
  updated?: readonly { from: T; to: T }[];
  removed?: readonly Placed<T>[];
}): TableChange<T> {
  const added = new Map((parts.added ?? []).map((p) => [p.record.id, p] as const));
  const updated = new Map((parts.updated ?? []).map((u) => [u.to.id, u] as const));
  const removed = new Map((parts.removed ?? []).map((p) => [p.record.id, p] as const));
  return tableOfMaps(added, updated, removed);
}

/** A change from the tables (and fields) it touches; the others are left unchanged. */
export function changeOf(parts: Partial<MapChange>): MapChange {
  return {
    nodes: parts.nodes ?? EMPTY_TABLE,
    edges: parts.edges ?? EMPTY_TABLE,
    sources: parts.sources ?? EMPTY_TABLE,
    ...(parts.fields ? { fields: parts.fields } : {}),
  };
}

/** The change to the map's own fields (title, description, steps) that sets `to` over them. */
export function fieldsChange(map: ClashMap, to: Partial<MapFields>): MapChange {
  const from = fieldsOf(map);
  const next: MapFields = { ...from };
  for (const key of Object.keys(to) as (keyof MapFields)[]) {
    if (to[key] === undefined) delete next[key];
    else (next as unknown as Record<string, unknown>)[key] = to[key];
  }
  const same =
    next.title === from.title &&
    next.description === from.description &&
    next.presentation === from.presentation &&
    next.round === from.round;
  return same ? NO_CHANGE : changeOf({ fields: { from, to: next } });
}

function joinTables<T>(a: TableChange<T>, b: TableChange<T>, table: string): TableChange<T> {
  if (tableIsEmpty(a)) return b;
  if (tableIsEmpty(b)) return a;
  const ids = (t: TableChange<T>) => [...t.added.keys(), ...t.updated.keys(), ...t.removed.keys()];
  const first = new Set(ids(a));
  const twice = ids(b).find((id) => first.has(id));
  if (twice !== undefined) throw new Error(`both changes touch ${table} record "${twice}"`);
  return tableOfMaps(
    new Map([...a.added, ...b.added]),
    new Map([...a.updated, ...b.updated]),
    new Map([...a.removed, ...b.removed]),
  );
}

/**
 * One change made of two that touch different records (a new claim and the relation that joins
 * it, say): applying it is applying `a`, then `b`.
 */
export function joinChanges(a: MapChange, b: MapChange): MapChange {
  if (a.fields && b.fields) throw new Error('both changes set the map’s own fields');
  return {
    nodes: joinTables(a.nodes, b.nodes, 'node'),
    edges: joinTables(a.edges, b.edges, 'edge'),
    sources: joinTables(a.sources, b.sources, 'source'),
    ...(a.fields || b.fields ? { fields: a.fields ?? b.fields } : {}),
  };
}

const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * A record with the fields that `step` changes set as `step` sets them, and every other field as
 * it is now; a field someone else has changed since `step` was made (it no longer holds what
 * `step` found there) is left as it is. Null when nothing would change.
 */
function rebaseRecord<T>(now: T, step: { from: T; to: T }): T | null {
  const from = step.from as Record<string, unknown>;
  const to = step.to as Record<string, unknown>;
  const current = now as Record<string, unknown>;
  let next: Record<string, unknown> | null = null;
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (sameValue(from[key], to[key]) || !sameValue(current[key], from[key])) continue;
    next ??= { ...current };
    if (to[key] === undefined) delete next[key];
    else next[key] = to[key];
  }
  return next as T | null;
}

function rebaseTable<T extends Identified>(
  records: readonly T[],
  step: TableChange<T>,
): TableChange<T> {
  if (tableIsEmpty(step)) return step;
  const index = new Map(records.map((record, i) => [record.id, i] as const));
  const added = new Map<string, Placed<T>>();
  const updated = new Map<string, { from: T; to: T }>();
  const removed = new Map<string, Placed<T>>();
  for (const [id, placed] of step.added) if (!index.has(id)) added.set(id, placed);
  for (const [id, change] of step.updated) {
    const at = index.get(id);
    if (at === undefined) continue;
    const now = records[at]!;
    const next = rebaseRecord(now, change);
    if (next) updated.set(id, { from: now, to: next });
  }
  for (const id of step.removed.keys()) {
    const at = index.get(id);
    if (at !== undefined) removed.set(id, { index: at, record: records[at]! });
  }
  return tableOfMaps(added, updated, removed);
}

/**
 * `step` (made on an earlier map) as a change to `map`, which others may have changed since:
 * it touches only the fields `step` touches, and only where they still hold what `step`
 * found. So undoing one's own edit never undoes someone else's: a field another person
 * changed afterwards keeps their value, a record they deleted stays deleted, and a record
 * `step` would add back is added only if it is not there already.
 */
export function rebaseChange(map: ClashMap, step: MapChange): MapChange {
  let fields: MapChange['fields'];
  if (step.fields) {
    const now = fieldsOf(map);
    const next = rebaseRecord(now, step.fields);
    if (next) fields = { from: now, to: next };
  }
  return {
    nodes: rebaseTable(map.nodes, step.nodes),
    edges: rebaseTable(map.edges, step.edges),
    sources: rebaseTable(map.sources, step.sources),
    ...(fields ? { fields } : {}),
  };
}
