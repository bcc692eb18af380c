import * as Y from 'yjs';
import { diffMaps, isEmptyChange, type MapChange, type TableChange } from '../model/change';
import { edgeSchema } from '../model/edge';
import { emptyMap, type ClashMap } from '../model/map';
import { repairMap } from '../model/merge';
import { mapNodeSchema } from '../model/node';
import { presentationSchema } from '../model/presentation';
import { roundSchema } from '../model/round';
import { sourceSchema } from '../model/source';
import type { ClashmapStore } from '../store/store';

/**
 * The map in a Yjs document, for editing it with other people.
 *
 * The store stays the document every view reads, and every edit still takes its one checked
 * path (`commitMap`), whoever makes it; this binding only carries changes between the store and
 * a `Y.Doc`. A local commit is written into the Y.Doc as one transaction; a peer's transaction
 * is read back as a map, repaired, and committed with origin 'remote', so it never enters this
 * person's undo history. Solo use has no binding at all, and no second code path.
 *
 * Layout of the Y.Doc: for each table (`sources`, `nodes`, `edges`) a Y.Map from id to a Y.Map
 * of the record's fields (plain JSON values, so two people changing different fields of one
 * node both keep their change), and a Y.Array of ids that holds the table's order. The map's
 * own fields (title, description, presentation) are entries of the Y.Map `fields`.
 */

const TABLES = ['sources', 'nodes', 'edges'] as const;
type Table = (typeof TABLES)[number];
type RecordOf<T extends Table> = ClashMap[T][number];

const SCHEMAS = { sources: sourceSchema, nodes: mapNodeSchema, edges: edgeSchema } as const;
const NOUNS = { sources: 'source', nodes: 'node', edges: 'relation' } as const;
const MAP_FIELDS = ['title', 'description', 'presentation', 'round'] as const;

/** The origin this binding gives the transactions it writes. */
export const LOCAL_ORIGIN = Symbol('clashmap-local');

type Json = unknown;

const recordsOf = (doc: Y.Doc, table: Table) => doc.getMap<Y.Map<Json>>(`records:${table}`);
const orderOf = (doc: Y.Doc, table: Table) => doc.getArray<string>(`order:${table}`);
const fieldsOf = (doc: Y.Doc) => doc.getMap<Json>('fields');

/*
 * Lists of records with ids inside a record (a node's quotes) or among the map's fields (the
 * presentation's steps) are kept as lists, not as one value: a Y.Map of id → record and a
 * Y.Array of ids for their order. So two people who each add a quote to one card at once both
 * keep theirs (one JSON value would keep only the last write). A document written before
 * lists were kept this way holds plain arrays; those are read as they are, and become lists at
 * their next change.
 */
const LIST = '$list';
/** The fields of a record that are lists of records with ids. */
const LISTS: Readonly<Record<Table, readonly string[]>> = {
  nodes: ['evidence'],
  edges: [],
  sources: [],
};

interface Identified {
  id: string;
}

function listToY(items: readonly Identified[]): Y.Map<Json> {
  const list = new Y.Map<Json>();
  const byId = new Y.Map<Json>();
  for (const item of items) byId.set(item.id, item);
  const order = new Y.Array<string>();
  order.push(items.map((item) => item.id));
  list.set(LIST, 1);
  list.set('items', byId);
  list.set('order', order);
  return list;
}

const isList = (value: unknown): value is Y.Map<Json> =>
  value instanceof Y.Map && value.get(LIST) === 1;

/** Writes `after` over the list kept under `key` of `parent`, changing only what changed. */
function writeList(
  parent: Y.Map<Json>,
  key: string,
  before: readonly Identified[] | undefined,
  after: readonly Identified[],
) {
  const list = parent.get(key);
  if (!isList(list) || !before) {
    parent.set(key, listToY(after));
    return;
  }
  const byId = list.get('items') as Y.Map<Json>;
  const order = list.get('order') as Y.Array<string>;
  const was = new Map(before.map((item) => [item.id, item] as const));
  const now = new Set(after.map((item) => item.id));
  for (const item of after) {
    const old = was.get(item.id);
    if (!old || !sameJson(old, item)) byId.set(item.id, item);
  }
  for (const id of was.keys()) if (!now.has(id)) byId.delete(id);
  // The order: removed ids go, new ids go in at their place; kept ids that changed places are
  // written again in the new order.
  const kept = before.map((item) => item.id).filter((id) => now.has(id));
  const keptAfter = after.map((item) => item.id).filter((id) => was.has(id));
  const ids = order.toArray();
  if (kept.some((id, i) => id !== keptAfter[i])) {
    order.delete(0, order.length);
    order.push(after.map((item) => item.id));
    return;
  }
  for (let i = ids.length - 1; i >= 0; i--) if (!now.has(ids[i]!)) order.delete(i, 1);
  after.forEach((item, index) => {
    if (!was.has(item.id)) order.insert(Math.min(index, order.length), [item.id]);
  });
}

/** A list read back from its JSON: in its order, each id once, then any without a place. */
function readList(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const list = value as { [LIST]?: unknown; items?: unknown; order?: unknown };
  if (list[LIST] !== 1) return value;
  const items = (typeof list.items === 'object' && list.items) || {};
  const byId = new Map(Object.entries(items as Record<string, unknown>));
  const out: unknown[] = [];
  const seen = new Set<string>();
  const take = (id: unknown) => {
    if (typeof id !== 'string' || seen.has(id) || !byId.has(id)) return;
    seen.add(id);
    out.push(byId.get(id));
  };
  if (Array.isArray(list.order)) list.order.forEach(take);
  [...byId.keys()].sort().forEach(take);
  return out;
}

/** A record's fields as plain JSON, its lists read back as arrays. */
function recordFromY(table: Table, y: Y.Map<Json>): Record<string, unknown> {
  const json = y.toJSON() as Record<string, unknown>;
  for (const key of LISTS[table]) if (key in json) json[key] = readList(json[key]);
  return json;
}

function recordToY(table: Table, record: object): Y.Map<Json> {
  const y = new Y.Map<Json>();
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (LISTS[table].includes(key) && Array.isArray(value)) y.set(key, listToY(value));
    else y.set(key, value);
  }
  return y;
}

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function writeTable<T extends { id: string }>(doc: Y.Doc, table: Table, change: TableChange<T>) {
  const records = recordsOf(doc, table);
  const order = orderOf(doc, table);
  if (change.removed.size > 0) {
    const ids = order.toArray();
    // From the end, so earlier indexes stay valid.
    for (let i = ids.length - 1; i >= 0; i--) if (change.removed.has(ids[i]!)) order.delete(i, 1);
    for (const id of change.removed.keys()) records.delete(id);
  }
  for (const [id, { from, to }] of change.updated) {
    const y = records.get(id);
    if (!y) {
      records.set(id, recordToY(table, to));
      continue;
    }
    const before = from as Record<string, unknown>;
    const after = to as Record<string, unknown>;
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (sameJson(before[key], after[key])) continue;
      if (after[key] === undefined) y.delete(key);
      else if (LISTS[table].includes(key) && Array.isArray(after[key]))
        writeList(y, key, before[key] as Identified[] | undefined, after[key] as Identified[]);
      else y.set(key, after[key]);
    }
  }
  const added = [...change.added.entries()].sort((a, b) => a[1].index - b[1].index);
  for (const [id, { index, record }] of added) {
    records.set(id, recordToY(table, record));
    order.insert(Math.min(index, order.length), [id]);
  }
}

/** Writes one change into the Y.Doc, as one transaction with `origin`. */
export function writeChange(doc: Y.Doc, change: MapChange, origin: unknown = LOCAL_ORIGIN) {
  doc.transact(() => {
    for (const table of TABLES)
      writeTable(doc, table, change[table] as TableChange<{ id: string }>);
    if (change.fields) {
      const fields = fieldsOf(doc);
      const { from, to } = change.fields;
      for (const key of MAP_FIELDS) {
        if (sameJson(from[key], to[key])) continue;
        if (to[key] === undefined) fields.delete(key);
        else if (key === 'presentation' && to.presentation)
          writeList(fields, key, from.presentation?.steps, to.presentation.steps);
        else fields.set(key, to[key]);
      }
    }
  }, origin);
}

/** The presentation in the map's fields, as JSON: its steps are kept as a list. */
function presentationOf(fields: Y.Map<Json>): unknown {
  const value = fields.get('presentation');
  if (isList(value)) return { steps: readList(value.toJSON()) };
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

/** Puts a whole map into an empty Y.Doc (the first person to share a map does this). */
export function seedDoc(doc: Y.Doc, map: ClashMap, origin: unknown = LOCAL_ORIGIN) {
  writeChange(doc, diffMaps(emptyMap(map.title), map), origin);
  doc.transact(() => fieldsOf(doc).set('title', map.title), origin);
}

/** What reading a Y.Doc gave: the map, and what had to be left out or fixed, in words. */
export interface ReadResult {
  map: ClashMap;
  repairs: string[];
}

/**
 * Reads the map out of the Y.Doc. Records in `dirty` (and every record, when `previous` is
 * null) are read and checked against their schema; the others are taken from `previous`, so
 * an edit far away keeps every other record's identity. A record that is not valid (a peer is
 * not trusted) is left out and reported. The result is then repaired like any merge: a
 * relation whose node someone else deleted goes, and so on.
 */
export function readDoc(
  doc: Y.Doc,
  previous: ClashMap | null,
  dirty: Readonly<Record<Table, ReadonlySet<string>>> | null = null,
): ReadResult {
  const problems: string[] = [];
  const read = <T extends Table>(table: T): RecordOf<T>[] => {
    const records = recordsOf(doc, table);
    const before = new Map<string, RecordOf<T>>();
    if (previous) for (const r of previous[table] as RecordOf<T>[]) before.set(r.id, r);
    const seen = new Set<string>();
    const out: RecordOf<T>[] = [];
    const take = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const kept = before.get(id);
      if (kept && dirty && !dirty[table].has(id) && records.has(id)) {
        out.push(kept);
        return;
      }
      const y = records.get(id);
      if (!(y instanceof Y.Map)) return;
      const parsed = SCHEMAS[table].safeParse(recordFromY(table, y));
      if (parsed.success) out.push(parsed.data as RecordOf<T>);
      else {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        problems.push(
          `A ${NOUNS[table]} from another person was left out: ${where}${issue?.message ?? 'not valid'}.`,
        );
      }
    };
    for (const id of orderOf(doc, table).toArray()) take(id);
    // Records without a place in the order (a peer that wrote only half) come last, by id.
    for (const id of [...records.keys()].sort()) take(id);
    return out;
  };

  const fields = fieldsOf(doc);
  const map: ClashMap = {
    ...emptyMap(),
    sources: read('sources'),
    nodes: read('nodes'),
    edges: read('edges'),
  };
  const title = fields.get('title');
  const titleOk = typeof title === 'string' && title.trim() !== '';
  map.title = titleOk ? title : (previous?.title ?? 'Untitled map');
  const description = fields.get('description');
  if (typeof description === 'string') map.description = description;
  const presentationJson = presentationOf(fields);
  const presentation = presentationSchema.safeParse(presentationJson);
  if (presentationJson !== undefined) {
    if (presentation.success) map.presentation = presentation.data;
    else problems.push('Presentation steps from another person were not valid and were left out.');
  }
  const round = roundSchema.safeParse(fields.get('round'));
  if (fields.get('round') !== undefined) {
    if (round.success) map.round = round.data;
    else problems.push('The debate round from another person was not valid and was left out.');
  }
  // Keep the identity of arrays that did not change, so views that memoise on them stay put.
  if (previous) {
    for (const table of TABLES) {
      const now = map[table] as readonly object[];
      const was = previous[table] as readonly object[];
      if (now.length === was.length && now.every((r, i) => r === was[i])) {
        (map as unknown as Record<Table, unknown>)[table] = was;
      }
    }
    if (sameJson(map.presentation, previous.presentation)) map.presentation = previous.presentation;
    if (sameJson(map.round, previous.round)) map.round = previous.round;
  }
  const sourcesKnown = previous?.sources ?? [];
  const repaired = repairMap(map, sourcesKnown);
  return { map: repaired.map, repairs: [...problems, ...repaired.repairs] };
}

/** A live link between a store and a Y.Doc; `destroy` ends it. */
export interface Binding {
  destroy(): void;
}

/**
 * Links a store to a Y.Doc: the store's commits go into the Y.Doc, and peers' transactions
 * come into the store as remote changes (repaired, and the repair written back so every copy
 * holds the same map). The Y.Doc must already hold the map (`seedDoc`) or be empty, in which
 * case it is seeded from the store.
 */
export function bindStore(store: ClashmapStore, doc: Y.Doc, peerName = 'another person'): Binding {
  let applying = false;
  const dirty: Record<Table, Set<string>> = {
    sources: new Set(),
    nodes: new Set(),
    edges: new Set(),
  };

  if (
    orderOf(doc, 'nodes').length === 0 &&
    recordsOf(doc, 'nodes').size === 0 &&
    !fieldsOf(doc).has('title')
  ) {
    seedDoc(doc, store.getState().map);
  } else {
    const { map, repairs } = readDoc(doc, null);
    take(map, repairs);
  }

  function take(map: ClashMap, repairs: string[]) {
    applying = true;
    try {
      if (!store.getState().applyRemote(map, repairs, peerName) || repairs.length === 0) return;
      // What this copy had to fix goes back into the Y.Doc, so every copy holds the same map.
      // (Every copy makes the same fix, so writing it twice changes nothing.)
      const fix = diffMaps(readRaw(), store.getState().map);
      if (!isEmptyChange(fix)) writeChange(doc, fix);
    } finally {
      applying = false;
    }
  }

  /** The Y.Doc's map as it is, with nothing repaired: what a fix is measured against. */
  function readRaw(): ClashMap {
    const fields = fieldsOf(doc);
    const raw = {
      ...emptyMap(),
      title: fields.get('title'),
      description: fields.get('description'),
      presentation: presentationOf(fields),
      round: fields.get('round'),
    } as ClashMap;
    for (const table of TABLES) {
      const records = recordsOf(doc, table);
      (raw as unknown as Record<Table, unknown[]>)[table] = orderOf(doc, table)
        .toArray()
        .flatMap((id) => {
          const y = records.get(id);
          return y instanceof Y.Map ? [recordFromY(table, y)] : [];
        });
    }
    return raw;
  }

  const observers = TABLES.map((table) => {
    const observer = (
      events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
      transaction: Y.Transaction,
    ) => {
      if (transaction.origin === LOCAL_ORIGIN) return;
      for (const event of events) {
        if (event.path.length > 0) dirty[table].add(String(event.path[0]));
        else if (event.target === recordsOf(doc, table))
          for (const id of event.keys.keys()) dirty[table].add(id);
      }
    };
    recordsOf(doc, table).observeDeep(observer);
    return () => recordsOf(doc, table).unobserveDeep(observer);
  });

  const afterTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL_ORIGIN || transaction.changed.size === 0) return;
    const previous = store.getState().map;
    const { map, repairs } = readDoc(doc, previous, dirty);
    for (const table of TABLES) dirty[table].clear();
    take(map, repairs);
  };
  doc.on('afterTransaction', afterTransaction);

  const unsubscribe = store.subscribe((state, prior) => {
    if (applying || state.map === prior.map) return;
    const change = diffMaps(prior.map, state.map);
    if (!isEmptyChange(change)) writeChange(doc, change);
  });

  return {
    destroy() {
      unsubscribe();
      doc.off('afterTransaction', afterTransaction);
      for (const stop of observers) stop();
    },
  };
}
