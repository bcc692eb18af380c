import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import type { Edge } from '../model/edge';
import type { ClashMap } from '../model/map';
import type { MapNode, Point } from '../model/node';

export type ArgumentNodeData = { node: MapNode; editing: boolean };
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
 * React Flow nodes for the map. A node whose document object, position, selection and editing
 * state are unchanged keeps its previous flow node (and so its measured size and data
 * identity), so memoised node components do not re-render.
 */
export function toFlowNodes(
  map: ClashMap,
  autoPositions: Readonly<Record<string, Point>>,
  previous: readonly ArgumentFlowNode[],
  selected: ReadonlySet<string>,
  editingId: string | null,
): ArgumentFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return map.nodes.map((node): ArgumentFlowNode => {
    const position = node.position ?? autoPositions[node.id] ?? { x: 0, y: 0 };
    const isSelected = selected.has(node.id);
    const editing = editingId === node.id;
    const old = before.get(node.id);
    const sameData = old !== undefined && old.data.node === node && old.data.editing === editing;
    if (
      old &&
      sameData &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      (old.selected ?? false) === isSelected
    ) {
      return old;
    }
    return {
      ...(old ?? {}),
      id: node.id,
      type: node.kind,
      position,
      selected: isSelected,
      data: sameData && old ? old.data : { node, editing },
      ariaLabel: nodeAccessibleName(node),
    };
  });
}

function edgeName(edge: Edge, text: ReadonlyMap<string, string>): string {
  const verb = edge.kind === 'support' ? 'supports' : 'rebuts';
  return `“${text.get(edge.from) ?? edge.from}” ${verb} “${text.get(edge.to) ?? edge.to}”`;
}

/** React Flow edges for the map, named for assistive technology by the texts they join. */
export function toFlowEdges(
  map: ClashMap,
  previous: readonly ArgumentFlowEdge[],
  selected: ReadonlySet<string>,
): ArgumentFlowEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  const text = new Map(map.nodes.map((n) => [n.id, n.text]));
  return map.edges.map((edge): ArgumentFlowEdge => {
    const old = before.get(edge.id);
    const isSelected = selected.has(edge.id);
    const name = edgeName(edge, text);
    if (
      old &&
      old.data?.edge === edge &&
      (old.selected ?? false) === isSelected &&
      old.ariaLabel === name
    )
      return old;
    return {
      ...(old ?? {}),
      id: edge.id,
      source: edge.from,
      target: edge.to,
      type: 'argument',
      selected: isSelected,
      data: { edge },
      ariaLabel: name,
    };
  });
}
