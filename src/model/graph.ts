import type { Edge } from './edge';
import type { ClashMap } from './map';
import type { MapNode } from './node';
import { edgeKindRank } from './relations/registry';

/** Lookups a reader of the map needs again and again: nodes by id, and who points at whom. */
export interface MapIndex {
  nodeById: ReadonlyMap<string, MapNode>;
  /** Edges arriving at a node (its supporters and rebutters), in file order. */
  incoming: ReadonlyMap<string, readonly Edge[]>;
  /** Edges leaving a node (what it supports or rebuts), in file order. */
  outgoing: ReadonlyMap<string, readonly Edge[]>;
}

/** Builds the lookups for a map in one pass. */
export function indexMap(map: ClashMap): MapIndex {
  const nodeById = new Map<string, MapNode>();
  const incoming = new Map<string, Edge[]>();
  const outgoing = new Map<string, Edge[]>();
  for (const node of map.nodes) {
    nodeById.set(node.id, node);
    incoming.set(node.id, []);
    outgoing.set(node.id, []);
  }
  for (const edge of map.edges) {
    incoming.get(edge.to)?.push(edge);
    outgoing.get(edge.from)?.push(edge);
  }
  return { nodeById, incoming, outgoing };
}

/**
 * For each node, the node it chiefly answers (the layout draws it under that one): what it supports, failing that what it rebuts
 * (first in file order). Chains that loop are cut, so every node ends at a root.
 */
export function primaryParents(map: ClashMap): Map<string, string | null> {
  const index = indexMap(map);
  const preferred = new Map<string, string | null>();
  for (const node of map.nodes) {
    if (node.kind === 'position') {
      preferred.set(node.id, null);
      continue;
    }
    const out = index.outgoing.get(node.id) ?? [];
    // The first edge of the kind that comes first in the registry (what it supports).
    let target: Edge | undefined;
    for (const e of out)
      if (!target || edgeKindRank(e.kind) < edgeKindRank(target.kind)) target = e;
    preferred.set(node.id, target && index.nodeById.has(target.to) ? target.to : null);
  }
  // Cut cycles: walk each chain; a node met twice on one walk becomes a root.
  const state = new Map<string, 'walking' | 'done'>();
  for (const node of map.nodes) {
    const chain: string[] = [];
    let current: string | null = node.id;
    while (current !== null && !state.has(current)) {
      state.set(current, 'walking');
      chain.push(current);
      current = preferred.get(current) ?? null;
    }
    if (current !== null && state.get(current) === 'walking') preferred.set(current, null);
    for (const id of chain) state.set(id, 'done');
  }
  return preferred;
}

/** For each node, the position its chain of primary parents leads to (null when none). */
export function leadingPositions(map: ClashMap): Map<string, string | null> {
  const parents = primaryParents(map);
  const kinds = new Map(map.nodes.map((n) => [n.id, n.kind]));
  const result = new Map<string, string | null>();
  for (const node of map.nodes) {
    const path: string[] = [];
    let current: string | null = node.id;
    while (current !== null && !result.has(current)) {
      path.push(current);
      if (kinds.get(current) === 'position') break;
      current = parents.get(current) ?? null;
    }
    const found: string | null =
      current === null
        ? null
        : kinds.get(current) === 'position'
          ? current
          : (result.get(current) ?? null);
    for (const id of path) result.set(id, found);
  }
  return result;
}
