import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import type { Edge } from '../model/edge';
import { isChecked } from '../model/evidence';
import type { ClashMap } from '../model/map';
import type { MapNode, Point } from '../model/node';
import { relationKind } from '../model/relations/registry';
import { quoteMismatch } from '../model/evidence';
import type { Source } from '../model/source';
import type { Size } from '../layout/nodeSize';

// Quote checks are cached per node object (nodes are immutable), for the sources they were
// checked against, so selection changes and edits elsewhere do not re-check every quote.
const brokenCache = new WeakMap<MapNode, { sources: readonly Source[]; count: number }>();

/** How many of a node's quotes do not match their source text (or have no source). */
export function countBrokenQuotes(node: MapNode, sources: readonly Source[]): number {
  if (node.evidence.length === 0) return 0;
  const cached = brokenCache.get(node);
  if (cached && cached.sources === sources) return cached.count;
  let count = 0;
  for (const evidence of node.evidence) {
    const source = sources.find((s) => s.id === evidence.sourceId);
    if (!source || quoteMismatch(evidence, source)) count++;
  }
  brokenCache.set(node, { sources, count });
  return count;
}

export type ArgumentNodeData = {
  node: MapNode;
  editing: boolean;
  /** How many of the node's quotes no longer match their source. */
  brokenQuotes: number;
};
export type ArgumentFlowNode = FlowNode<ArgumentNodeData, MapNode['kind']>;
export type ArgumentEdgeData = { edge: Edge };
export type ArgumentFlowEdge = FlowEdge<ArgumentEdgeData, 'argument'>;

const KIND_LABEL = { position: 'Position', claim: 'Claim' } as const;

/** What a screen reader says for a node: its kind, text and quotes. */
export function nodeAccessibleName(node: MapNode): string {
  const quotes = node.evidence
    .map(
      (e) =>
        ` Quote from ${e.speaker}: “${e.quote}”${isChecked(e) ? '' : ' (not checked against a text)'}`,
    )
    .join('');
  return `${KIND_LABEL[node.kind]}: ${node.text}${quotes}`;
}

const NO_SIZES: ReadonlyMap<string, Size> = new Map();
const NO_POINTS: ReadonlyMap<string, Point> = new Map();

/**
 * React Flow nodes for the map. Positions come from the node (or the automatic layout, or a
 * drag in progress, or `room`: cards moved down to make room for another); sizes from what the canvas measured. A node whose document object,
 * position, size, selection and editing state are unchanged keeps its previous flow node, so
 * memoised node components do not re-render.
 */
export function toFlowNodes(
  map: ClashMap,
  autoPositions: ReadonlyMap<string, Point>,
  previous: readonly ArgumentFlowNode[],
  selected: ReadonlySet<string>,
  editingId: string | null,
  measured: ReadonlyMap<string, Size> = NO_SIZES,
  dragging: ReadonlyMap<string, Point> = NO_POINTS,
  room: ReadonlyMap<string, Point> = NO_POINTS,
): ArgumentFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return map.nodes.map((node): ArgumentFlowNode => {
    const dragged = dragging.get(node.id);
    const position = dragged ??
      room.get(node.id) ??
      node.position ??
      autoPositions.get(node.id) ?? { x: 0, y: 0 };
    const size = measured.get(node.id);
    const isSelected = selected.has(node.id);
    const editing = editingId === node.id;
    const old = before.get(node.id);
    const brokenQuotes = countBrokenQuotes(node, map.sources);
    const sameData =
      old !== undefined &&
      old.data.node === node &&
      old.data.editing === editing &&
      old.data.brokenQuotes === brokenQuotes;
    if (
      old &&
      sameData &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      (old.selected ?? false) === isSelected &&
      (old.dragging ?? false) === (dragged !== undefined) &&
      old.measured?.width === size?.width &&
      old.measured?.height === size?.height
    ) {
      return old;
    }
    return {
      id: node.id,
      type: node.kind,
      position,
      selected: isSelected,
      ...(dragged ? { dragging: true } : {}),
      ...(size ? { measured: { width: size.width, height: size.height } } : {}),
      data: sameData && old ? old.data : { node, editing, brokenQuotes },
      ariaLabel:
        nodeAccessibleName(node) +
        (brokenQuotes > 0
          ? ` Warning: ${brokenQuotes} quote${brokenQuotes === 1 ? ' does' : 's do'} not match the source.`
          : ''),
    };
  });
}

function edgeName(edge: Edge, text: ReadonlyMap<string, string>): string {
  const verb = relationKind(edge.kind).names.verb;
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
