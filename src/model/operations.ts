import { argumentParts, argumentsBrokenBy } from './arguments';
import type { Edge, EdgeKind } from './edge';
import {
  capitalised,
  endpointsAllowed,
  endpointsMessage,
  relationKind,
} from './relations/registry';
import {
  anchorQuote,
  EVIDENCE_ID_PREFIX,
  quoteMismatch,
  type Evidence,
  type EvidenceDraft,
} from './evidence';
import { freshId } from './ids';
import type { ClashMap } from './map';
import { changeOf, fieldsChange, joinChanges, NO_CHANGE, tableOf, type MapChange } from './change';
import { speechOf } from './debateFormats';
import type { MapNode, NodeKind, Point } from './node';
import { formatOfMap } from './round';

/**
 * The outcome of an edit that the model may refuse: the change it makes, or the reason in words.
 * Every operation here returns a `MapChange` (records added, updated and removed, by id), which
 * the store checks, applies and keeps for undo; none of them edits or copies the map itself.
 */
export type EditResult = { ok: true; change: MapChange } | { ok: false; reason: string };

/** Every id in use in the map (sources, nodes and edges share one namespace). */
export function takenIds(map: ClashMap): Set<string> {
  return new Set([
    ...map.sources.map((s) => s.id),
    ...map.nodes.map((n) => n.id),
    ...map.edges.map((e) => e.id),
  ]);
}

/** Every quote id in use in the map (quotes have their own namespace). */
export function quoteIds(map: ClashMap): Set<string> {
  const ids = new Set<string>();
  for (const node of map.nodes) for (const quote of node.evidence) ids.add(quote.id);
  return ids;
}

/** A quote with a fresh id that no quote in `taken` has; the id is added to `taken`. */
export function withQuoteId(draft: EvidenceDraft, taken: Set<string>): Evidence {
  const id = freshId(EVIDENCE_ID_PREFIX, taken);
  taken.add(id);
  return { ...draft, id };
}

const ID_PREFIX: Record<NodeKind, string> = { position: 'pos', claim: 'claim', argument: 'arg' };

/** A new, empty node of the given kind, with a fresh id. */
export function newNode(map: ClashMap, kind: NodeKind, text: string, position?: Point): MapNode {
  const id = freshId(ID_PREFIX[kind], takenIds(map));
  return { id, kind, text, evidence: [], ...(position ? { position } : {}) };
}

/** Adds a node at the end of the map. */
export function addNode(map: ClashMap, node: MapNode): MapChange {
  return changeOf({ nodes: tableOf({ added: [{ index: map.nodes.length, record: node }] }) });
}

/** Changes a node's fields (text, kind, evidence, tags, notes, position); its id stays. */
export function updateNode(
  map: ClashMap,
  id: string,
  patch: Partial<Omit<MapNode, 'id'>>,
): MapChange {
  const node = map.nodes.find((n) => n.id === id);
  if (!node) return NO_CHANGE;
  const next = { ...node, ...patch } as MapNode;
  // Optional fields set to undefined or emptied are dropped, so files stay minimal.
  if (next.tags !== undefined && next.tags.length === 0) delete next.tags;
  if (next.notes !== undefined && next.notes === '') delete next.notes;
  for (const key of Object.keys(next) as (keyof MapNode)[])
    if (next[key] === undefined) delete next[key];
  // An edit that changes nothing is no change, so it makes no undo step.
  if (sameJson(next, node)) return NO_CHANGE;
  return changeOf({ nodes: tableOf({ updated: [{ from: node, to: next }] }) });
}

/** Structural equality for small plain records (nodes, edges, sources), key order ignored. */
export function sameJson(a: object, b: object): boolean {
  const keysA = Object.keys(a).sort();
  const keysB = Object.keys(b).sort();
  if (keysA.length !== keysB.length || keysA.some((k, i) => k !== keysB[i])) return false;
  return keysA.every(
    (k) =>
      JSON.stringify((a as Record<string, unknown>)[k]) ===
      JSON.stringify((b as Record<string, unknown>)[k]),
  );
}

/** Why `from` may not gain an edge of `kind` to `to`, or null when it may. */
export function connectionProblem(
  map: ClashMap,
  from: string,
  to: string,
  kind: EdgeKind,
  ignoreEdge?: string,
): string | null {
  if (from === to) return 'A node cannot support or rebut itself.';
  const fromNode = map.nodes.find((n) => n.id === from);
  const toNode = map.nodes.find((n) => n.id === to);
  if (!fromNode || !toNode) return 'Both ends of a connection must be nodes on the map.';
  if (!endpointsAllowed(kind, fromNode.kind, toNode.kind))
    return `${capitalised(endpointsMessage(kind, fromNode.kind, toNode.kind))}.`;
  const symmetric = relationKind(kind).symmetric;
  const twin = map.edges.find(
    (e) =>
      e.id !== ignoreEdge &&
      e.kind === kind &&
      ((e.from === from && e.to === to) || (symmetric && e.from === to && e.to === from)),
  );
  if (twin) return `These nodes are already connected by a ${relationKind(kind).names.noun} edge.`;
  return null;
}

/** Adds an edge `from` → `to`, unless it would be a self-loop or a duplicate. */
export function connect(
  map: ClashMap,
  from: string,
  to: string,
  kind: EdgeKind,
  id?: string,
): EditResult {
  const problem = connectionProblem(map, from, to, kind);
  if (problem) return { ok: false, reason: problem };
  const taken = takenIds(map);
  if (id !== undefined && taken.has(id))
    return { ok: false, reason: `The id "${id}" is already in use.` };
  const edge: Edge = { id: id ?? freshId('e', taken), from, to, kind };
  return {
    ok: true,
    change: changeOf({ edges: tableOf({ added: [{ index: map.edges.length, record: edge }] }) }),
  };
}

/**
 * Adds a node and, in the same change, an edge of `kind` from it to `to` (a reply). Refused,
 * whole, when the edge would be.
 */
export function addReply(map: ClashMap, node: MapNode, to: string, kind: EdgeKind): EditResult {
  const added = addNode(map, node);
  const withNode: ClashMap = { ...map, nodes: [...map.nodes, node] };
  const joined = connect(withNode, node.id, to, kind);
  return joined.ok ? { ok: true, change: joinChanges(added, joined.change) } : joined;
}

/** Changes an edge's kind or note; refuses a kind change that would duplicate another edge. */
export function updateEdge(
  map: ClashMap,
  id: string,
  patch: { kind?: EdgeKind; note?: string | undefined },
): EditResult {
  const edge = map.edges.find((e) => e.id === id);
  if (!edge) return { ok: false, reason: 'That connection no longer exists.' };
  if (patch.kind && patch.kind !== edge.kind) {
    const problem = connectionProblem(map, edge.from, edge.to, patch.kind, id);
    if (problem) return { ok: false, reason: problem };
  }
  const next: Edge = { ...edge, ...patch };
  if (next.note === undefined || next.note === '') delete next.note;
  if (sameJson(next, edge)) return { ok: true, change: NO_CHANGE };
  return {
    ok: true,
    change: changeOf({ edges: tableOf({ updated: [{ from: edge, to: next }] }) }),
  };
}

/**
 * Removes nodes and edges; edges that touch a removed node go too. Presentation steps lose the
 * removed nodes, and a step left empty goes. Claims on a removed position's sheet stay, on no
 * sheet.
 */
export function removeElements(
  map: ClashMap,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): MapChange {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  // An argument left with no premise or no conclusion cannot stand alone: it goes too.
  for (const id of argumentsBrokenBy(map, goneNodes, goneEdges)) goneNodes.add(id);
  const nodes = map.nodes.flatMap((record, index) =>
    goneNodes.has(record.id) ? [{ index, record }] : [],
  );
  const edges = map.edges.flatMap((record, index) =>
    goneEdges.has(record.id) || goneNodes.has(record.from) || goneNodes.has(record.to)
      ? [{ index, record }]
      : [],
  );
  if (nodes.length === 0 && edges.length === 0) return NO_CHANGE;
  const removed = new Set(nodes.map((n) => n.record.id));
  const offSheet = map.nodes.flatMap((from): { from: MapNode; to: MapNode }[] => {
    if (from.kind !== 'claim' || from.sheet === undefined) return [];
    if (!removed.has(from.sheet) || removed.has(from.id)) return [];
    const { sheet: _gone, ...to } = from;
    return [{ from, to }];
  });
  const steps = map.presentation?.steps;
  const keptSteps = steps
    ?.map((step) =>
      step.nodes.some((id) => removed.has(id))
        ? { ...step, nodes: step.nodes.filter((id) => !removed.has(id)) }
        : step,
    )
    .filter((step) => step.nodes.length > 0);
  const stepsChanged =
    steps !== undefined &&
    keptSteps !== undefined &&
    (keptSteps.length !== steps.length || keptSteps.some((step, i) => step !== steps[i]));
  return joinChanges(
    changeOf({
      nodes: tableOf({ removed: nodes, updated: offSheet }),
      edges: tableOf({ removed: edges }),
    }),
    stepsChanged ? fieldsChange(map, { presentation: { steps: keptSteps } }) : NO_CHANGE,
  );
}

/** Saves positions for the given nodes. */
export function moveNodes(map: ClashMap, positions: ReadonlyMap<string, Point>): MapChange {
  // Round first (and turn -0 into 0) so that a move within the same pixel changes nothing.
  const round = (n: number) => Math.round(n) || 0;
  const updated: { from: MapNode; to: MapNode }[] = [];
  for (const node of map.nodes) {
    const target = positions.get(node.id);
    if (!target) continue;
    const to = { x: round(target.x), y: round(target.y) };
    if (node.position && node.position.x === to.x && node.position.y === to.y) continue;
    updated.push({ from: node, to: { ...node, position: to } });
  }
  return updated.length ? changeOf({ nodes: tableOf({ updated }) }) : NO_CHANGE;
}

/** A piece of a map copied for pasting: some nodes and the edges among them. */
export interface Fragment {
  nodes: MapNode[];
  edges: Edge[];
}

/** Copies the given nodes and the edges that run between them. */
export function copyFragment(map: ClashMap, nodeIds: Iterable<string>): Fragment {
  const ids = new Set(nodeIds);
  // An argument comes along when its premises and conclusion do, and stays behind without them.
  for (const [id, own] of argumentParts(map)) {
    if ([...own.premises, ...own.conclusions].every((part) => ids.has(part))) ids.add(id);
    else ids.delete(id);
  }
  return {
    nodes: map.nodes.filter((n) => ids.has(n.id)),
    edges: map.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
  };
}

/**
 * Pastes a fragment with fresh ids, shifted by `offset`. Quotes whose source is not in this map
 * are dropped (their offsets would mean nothing here). Returns the new node ids.
 */
export function pasteFragment(
  map: ClashMap,
  fragment: Fragment,
  offset: Point,
  fallbackPosition: (node: MapNode) => Point | undefined = () => undefined,
): { change: MapChange; nodeIds: string[] } {
  const taken = takenIds(map);
  const takenQuotes = quoteIds(map);
  const sources = new Map(map.sources.map((s) => [s.id, s]));
  const rename = new Map<string, string>();
  const nodes = fragment.nodes.map((node) => {
    const id = freshId(ID_PREFIX[node.kind], taken);
    taken.add(id);
    rename.set(node.id, id);
    const base = node.position ?? fallbackPosition(node);
    return {
      ...node,
      id,
      evidence: node.evidence.flatMap((e) => {
        // A quote survives the paste only where this map's source of that id holds it;
        // it is re-anchored there, or dropped.
        // Each pasted quote is a new record with an id of its own.
        const source = sources.get(e.sourceId);
        if (!source) return [];
        const { id: _copied, ...draft } = e;
        if (!quoteMismatch(e, source)) return [withQuoteId(draft, takenQuotes)];
        const at = anchorQuote(source.text ?? '', e.quote, e.start);
        return at ? [withQuoteId({ ...draft, ...at }, takenQuotes)] : [];
      }),
      ...(base
        ? { position: { x: Math.round(base.x + offset.x), y: Math.round(base.y + offset.y) } }
        : {}),
    };
  });
  // A pasted claim stays on its sheet when the sheet was pasted with it (under its new id) or is
  // on this map; else it goes on no sheet. Speeches this map's round does not have are dropped.
  const format = formatOfMap(map);
  const positions = new Set(map.nodes.filter((n) => n.kind === 'position').map((n) => n.id));
  const placed = nodes.map((node): MapNode => {
    let next: MapNode = node;
    if (next.kind === 'claim' && next.sheet !== undefined) {
      const sheet = rename.get(next.sheet) ?? (positions.has(next.sheet) ? next.sheet : undefined);
      const { sheet: _old, ...rest } = next;
      next = sheet === undefined ? rest : { ...rest, sheet };
    }
    if (next.speech !== undefined && !speechOf(format, next.speech)) {
      const { speech: _s, conceded: _c, ...rest } = next;
      next = rest;
    }
    if (next.conceded !== undefined && !speechOf(format, next.conceded)) {
      const { conceded: _c, ...rest } = next;
      next = rest;
    }
    return next;
  });
  const edges = fragment.edges.flatMap((edge) => {
    const from = rename.get(edge.from);
    const to = rename.get(edge.to);
    if (!from || !to) return [];
    const id = freshId('e', taken);
    taken.add(id);
    return [{ ...edge, id, from, to }];
  });
  return {
    change: changeOf({
      nodes: tableOf({
        added: placed.map((record, i) => ({ index: map.nodes.length + i, record })),
      }),
      edges: tableOf({
        added: edges.map((record, i) => ({ index: map.edges.length + i, record })),
      }),
    }),
    nodeIds: placed.map((n) => n.id),
  };
}
