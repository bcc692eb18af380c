import type { Edge } from './edge';
import type { ClashMap } from './map';
import type { MapNode } from './node';

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
