import dagre from '@dagrejs/dagre';
import type { ClashMap } from '../model/map';
import type { Point } from '../model/node';
import { estimateNodeSize, type Size } from './nodeSize';

export interface LayoutOptions {
  /** Measured or estimated size of each node; defaults to an estimate from its text. */
  sizeOf?: (id: string) => Size | undefined;
  nodeGap?: number;
  rankGap?: number;
}

/**
 * Layered layout in the reading order of a debate flow sheet: positions in the left column,
 * the claims that answer them to their right, answers to those further right.
 * Returns each node's top-left corner.
 */
export function layoutMap(map: ClashMap, options: LayoutOptions = {}): Record<string, Point> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({
    rankdir: 'RL',
    nodesep: options.nodeGap ?? 28,
    ranksep: options.rankGap ?? 110,
    marginx: 0,
    marginy: 0,
    // tight-tree stays fast on large maps with long edges (network-simplex can take seconds).
    ranker: 'tight-tree',
  });
  graph.setDefaultEdgeLabel(() => ({}));
  const sizes = new Map<string, Size>();
  for (const node of map.nodes) {
    const size = options.sizeOf?.(node.id) ?? estimateNodeSize(node);
    sizes.set(node.id, size);
    graph.setNode(node.id, { width: size.width, height: size.height });
  }
  for (const edge of map.edges) {
    if (sizes.has(edge.from) && sizes.has(edge.to)) graph.setEdge(edge.from, edge.to, {}, edge.id);
  }
  dagre.layout(graph);
  const positions: Record<string, Point> = {};
  for (const node of map.nodes) {
    const placed = graph.node(node.id);
    const size = sizes.get(node.id)!;
    positions[node.id] = { x: Math.round(placed.x - size.width / 2), y: Math.round(placed.y - size.height / 2) };
  }
  return positions;
}
