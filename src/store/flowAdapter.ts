import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import type { Edge } from '../model/edge';
import type { ClashMap } from '../model/map';
import type { MapNode, Point } from '../model/node';

export type ArgumentNodeData = { node: MapNode };
export type ArgumentFlowNode = FlowNode<ArgumentNodeData, MapNode['kind']>;
export type ArgumentEdgeData = { edge: Edge };
export type ArgumentFlowEdge = FlowEdge<ArgumentEdgeData, 'argument'>;

const KIND_LABEL = { position: 'Position', claim: 'Claim' } as const;

/** What a screen reader says for a node: its kind, text and quotes. */
export function nodeAccessibleName(node: MapNode): string {
  const quotes = node.evidence.map((e) => ` Quote from ${e.speaker}: “${e.quote}”`).join('');
  return `${KIND_LABEL[node.kind]}: ${node.text}${quotes}`;
}

/**
 * React Flow nodes for the map. A node whose document object is unchanged keeps its previous
 * flow node (and so its measured size, selection and data identity), so memoised node
 * components do not re-render.
 */
export function toFlowNodes(
  map: ClashMap,
  autoPositions: Readonly<Record<string, Point>>,
  previous: readonly ArgumentFlowNode[],
): ArgumentFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return map.nodes.map((node) => {
    const position = node.position ?? autoPositions[node.id] ?? { x: 0, y: 0 };
    const old = before.get(node.id);
    if (
      old &&
      old.data.node === node &&
      old.position.x === position.x &&
      old.position.y === position.y
    ) {
      return old;
    }
    return {
      ...(old ?? {}),
      id: node.id,
      type: node.kind,
      position,
      data: old && old.data.node === node ? old.data : { node },
      ariaLabel: nodeAccessibleName(node),
    };
  });
}

/** React Flow edges for the map, labelled for assistive technology. */
export function toFlowEdges(
  map: ClashMap,
  previous: readonly ArgumentFlowEdge[] = [],
): ArgumentFlowEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  const text = new Map(map.nodes.map((n) => [n.id, n.text]));
  return map.edges.map((edge) => {
    const old = before.get(edge.id);
    if (old && old.data?.edge === edge) return old;
    const verb = edge.kind === 'support' ? 'supports' : 'rebuts';
    return {
      ...(old ?? {}),
      id: edge.id,
      source: edge.from,
      target: edge.to,
      type: 'argument',
      data: { edge },
      ariaLabel: `“${text.get(edge.from) ?? edge.from}” ${verb} “${text.get(edge.to) ?? edge.to}”`,
    };
  });
}
