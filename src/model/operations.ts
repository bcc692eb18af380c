import type { Edge, EdgeKind } from './edge';
import { freshId } from './ids';
import type { ClashMap } from './map';
import type { MapNode, NodeKind, Point } from './node';

/** The outcome of an edit that the model may refuse, with the reason in words. */
export type EditResult = { ok: true; map: ClashMap } | { ok: false; reason: string };

/** Every id in use in the map (sources, nodes and edges share one namespace). */
export function takenIds(map: ClashMap): Set<string> {
  return new Set([
    ...map.sources.map((s) => s.id),
    ...map.nodes.map((n) => n.id),
    ...map.edges.map((e) => e.id),
  ]);
}

/** A new, empty node of the given kind, with a fresh id. */
export function newNode(map: ClashMap, kind: NodeKind, text: string, position?: Point): MapNode {
  const id = freshId(kind === 'position' ? 'pos' : 'claim', takenIds(map));
  return { id, kind, text, evidence: [], ...(position ? { position } : {}) };
}

/** Adds a node at the end of the map. */
export function addNode(map: ClashMap, node: MapNode): ClashMap {
  return { ...map, nodes: [...map.nodes, node] };
}

/** Changes a node's fields (text, kind, evidence, tags, notes, position); its id stays. */
export function updateNode(
  map: ClashMap,
  id: string,
  patch: Partial<Omit<MapNode, 'id'>>,
): ClashMap {
  let changed = false;
  const nodes = map.nodes.map((node) => {
    if (node.id !== id) return node;
    changed = true;
    const next = { ...node, ...patch } as MapNode;
    // Optional fields set to undefined or emptied are dropped, so files stay minimal.
    if (next.tags !== undefined && next.tags.length === 0) delete next.tags;
    if (next.notes !== undefined && next.notes === '') delete next.notes;
    for (const key of Object.keys(next) as (keyof MapNode)[])
      if (next[key] === undefined) delete next[key];
    return next;
  });
  return changed ? { ...map, nodes } : map;
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
  const ids = new Set(map.nodes.map((n) => n.id));
  if (!ids.has(from) || !ids.has(to)) return 'Both ends of a connection must be nodes on the map.';
  const twin = map.edges.find(
    (e) => e.id !== ignoreEdge && e.from === from && e.to === to && e.kind === kind,
  );
  if (twin)
    return `These nodes are already connected by a ${kind === 'support' ? 'support' : 'rebuttal'} edge.`;
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
  const edge: Edge = { id: id ?? freshId('e', takenIds(map)), from, to, kind };
  return { ok: true, map: { ...map, edges: [...map.edges, edge] } };
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
  return { ok: true, map: { ...map, edges: map.edges.map((e) => (e.id === id ? next : e)) } };
}

/** Removes nodes and edges; edges that touch a removed node go too. */
export function removeElements(
  map: ClashMap,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): ClashMap {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  if (goneNodes.size === 0 && goneEdges.size === 0) return map;
  return {
    ...map,
    nodes: map.nodes.filter((n) => !goneNodes.has(n.id)),
    edges: map.edges.filter(
      (e) => !goneEdges.has(e.id) && !goneNodes.has(e.from) && !goneNodes.has(e.to),
    ),
  };
}

/** Saves positions for the given nodes. */
export function moveNodes(map: ClashMap, positions: Readonly<Record<string, Point>>): ClashMap {
  let changed = false;
  const nodes = map.nodes.map((node) => {
    const to = positions[node.id];
    if (!to || (node.position && node.position.x === to.x && node.position.y === to.y)) return node;
    changed = true;
    return { ...node, position: { x: Math.round(to.x), y: Math.round(to.y) } };
  });
  return changed ? { ...map, nodes } : map;
}

/** A piece of a map copied for pasting: some nodes and the edges among them. */
export interface Fragment {
  nodes: MapNode[];
  edges: Edge[];
}

/** Copies the given nodes and the edges that run between them. */
export function copyFragment(map: ClashMap, nodeIds: Iterable<string>): Fragment {
  const ids = new Set(nodeIds);
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
): { map: ClashMap; nodeIds: string[] } {
  const taken = takenIds(map);
  const sources = new Set(map.sources.map((s) => s.id));
  const rename = new Map<string, string>();
  const nodes = fragment.nodes.map((node) => {
    const id = freshId(node.kind === 'position' ? 'pos' : 'claim', taken);
    taken.add(id);
    rename.set(node.id, id);
    const base = node.position ?? fallbackPosition(node);
    return {
      ...node,
      id,
      evidence: node.evidence.filter((e) => sources.has(e.sourceId)),
      ...(base
        ? { position: { x: Math.round(base.x + offset.x), y: Math.round(base.y + offset.y) } }
        : {}),
    };
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
    map: { ...map, nodes: [...map.nodes, ...nodes], edges: [...map.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}
