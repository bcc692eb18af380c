import type { ClashMap } from '../model/map';
import type { Point } from '../model/node';
import type { Size } from '../layout/nodeSize';
import {
  toFlowEdges,
  toFlowNodes,
  type ArgumentFlowEdge,
  type ArgumentFlowNode,
} from './flowAdapter';

/**
 * What the canvas view keeps of its own, beside the document: never saved, never in the undo
 * history, and not shared with the other views (the presenter frames its own steps, the
 * outline lists the map in reading order).
 */
export interface CanvasView {
  /** Where nodes without a saved position are drawn, by node id. */
  autoPositions: ReadonlyMap<string, Point>;
  /** The sizes the canvas measured, by node id. */
  measured: ReadonlyMap<string, Size>;
  /** Where the nodes being dragged are drawn until the drop commits their place. */
  dragging: ReadonlyMap<string, Point>;
  /** The canvas's selection, in map order. */
  selectedNodeIds: readonly string[];
  selectedEdgeIds: readonly string[];
  /** The card open for typing. */
  editingNodeId: string | null;
}

/** The inputs of the projection: the document and the canvas view. */
export type ProjectionInputs = CanvasView & { map: ClashMap };

/** The per-store memo behind the selectors below (one per store, kept in its state). */
export interface ProjectionMemo {
  nodesFrom?: ProjectionInputs;
  nodes: ArgumentFlowNode[];
  edgesFrom?: ProjectionInputs;
  edges: ArgumentFlowEdge[];
}

export const newProjectionMemo = (): ProjectionMemo => ({ nodes: [], edges: [] });

const NODE_INPUTS = [
  'autoPositions',
  'measured',
  'dragging',
  'selectedNodeIds',
  'editingNodeId',
] as const;

/**
 * The canvas's React Flow nodes: a memoised selector over the document and the canvas view.
 * The same inputs give the same array; changed inputs give a new array in which every node
 * that did not change keeps its object, so only changed cards re-render.
 */
export function selectFlowNodes(
  state: ProjectionInputs & { projection: ProjectionMemo },
): ArgumentFlowNode[] {
  const memo = state.projection;
  const from = memo.nodesFrom;
  if (
    from &&
    from.map.nodes === state.map.nodes &&
    from.map.sources === state.map.sources &&
    NODE_INPUTS.every((key) => from[key] === state[key])
  )
    return memo.nodes;
  memo.nodes = toFlowNodes(
    state.map,
    state.autoPositions,
    memo.nodes,
    new Set(state.selectedNodeIds),
    state.editingNodeId,
    state.measured,
    state.dragging,
  );
  memo.nodesFrom = pickInputs(state);
  return memo.nodes;
}

/** The canvas's React Flow edges, memoised like `selectFlowNodes`. */
export function selectFlowEdges(
  state: ProjectionInputs & { projection: ProjectionMemo },
): ArgumentFlowEdge[] {
  const memo = state.projection;
  const from = memo.edgesFrom;
  if (
    from &&
    from.map.edges === state.map.edges &&
    from.map.nodes === state.map.nodes &&
    from.selectedEdgeIds === state.selectedEdgeIds
  )
    return memo.edges;
  memo.edges = toFlowEdges(state.map, memo.edges, new Set(state.selectedEdgeIds));
  memo.edgesFrom = pickInputs(state);
  return memo.edges;
}

const pickInputs = (state: ProjectionInputs): ProjectionInputs => ({
  map: state.map,
  autoPositions: state.autoPositions,
  measured: state.measured,
  dragging: state.dragging,
  selectedNodeIds: state.selectedNodeIds,
  selectedEdgeIds: state.selectedEdgeIds,
  editingNodeId: state.editingNodeId,
});

/** Where the canvas draws a node: mid-drag, saved, or laid out automatically. */
export function drawnPosition(state: ProjectionInputs, id: string): Point | undefined {
  const dragged = state.dragging.get(id);
  if (dragged) return dragged;
  const node = state.map.nodes.find((n) => n.id === id);
  return node ? (node.position ?? state.autoPositions.get(id) ?? { x: 0, y: 0 }) : undefined;
}
