import type { ClashMap } from '../model/map';
import type { Point } from '../model/node';
import { makeRoom } from '../layout/makeRoom';
import { estimateNodeSize, type CardLook, type Size } from '../layout/nodeSize';
import {
  allFlowNodes,
  patchFlowNodes,
  toFlowEdges,
  type CardInputs,
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
  /** The cards the user dropped last: they keep their places, and the cards they cover move. */
  pinned: ReadonlySet<string>;
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
  roomFrom?: ProjectionInputs;
  /** Cards drawn below their places so that they do not overlap others (see `makeRoom`). */
  room: ReadonlyMap<string, Point>;
  nodesFrom?: ProjectionInputs;
  nodes: ArgumentFlowNode[];
  edgesFrom?: ProjectionInputs;
  edges: ArgumentFlowEdge[];
  /**
   * Sizes React Flow measured for cards the store does not record (a large map's cards that
   * fit in the room their estimates left them), with what each was measured for. Not an input
   * of the memo: it only goes with a card's flow node when that node is made anew (selected,
   * opened for typing, moved), so that React Flow keeps its size and does not re-measure it.
   */
  drawnSizes: Map<string, DrawnSize>;
}

/** A size React Flow measured for a card, and what the card showed then. */
export type DrawnSize = Size & CardLook;

export const newProjectionMemo = (): ProjectionMemo => ({
  room: new Map(),
  nodes: [],
  edges: [],
  drawnSizes: new Map(),
});

const ROOM_INPUTS = ['autoPositions', 'measured', 'pinned'] as const;

/**
 * The cards that are drawn below their places so that no card overlaps another, memoised on
 * what decides it: the nodes, their automatic places, their measured sizes and the pinned
 * cards. A drag does not recompute it: the dragged cards are drawn where the pointer is until
 * the drop, and then the cards under them make room.
 */
export function selectRoom(
  state: ProjectionInputs & { projection: ProjectionMemo },
): ReadonlyMap<string, Point> {
  const memo = state.projection;
  const from = memo.roomFrom;
  if (from && from.map.nodes === state.map.nodes && ROOM_INPUTS.every((k) => from[k] === state[k]))
    return memo.room;
  memo.room = makeRoom(
    state.map.nodes.map((node) => ({
      id: node.id,
      at: node.position ?? state.autoPositions.get(node.id) ?? { x: 0, y: 0 },
      size: state.measured.get(node.id) ?? estimateNodeSize(node),
    })),
    state.pinned,
  );
  memo.roomFrom = pickInputs(state);
  return memo.room;
}

const NODE_INPUTS = [
  'autoPositions',
  'measured',
  'dragging',
  'pinned',
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
  const inputs: CardInputs = {
    map: state.map,
    autoPositions: state.autoPositions,
    selected: new Set(state.selectedNodeIds),
    editingId: state.editingNodeId,
    measured: state.measured,
    dragging: state.dragging,
    room: selectRoom(state),
    drawnSizes: memo.drawnSizes,
  };
  const touched = from ? cardsTouched(from, state) : null;
  memo.nodes = touched
    ? patchFlowNodes(inputs, memo.nodes, touched)
    : allFlowNodes(inputs, memo.nodes);
  memo.nodesFrom = pickInputs(state);
  return memo.nodes;
}

/** The most cards a change may name and still be patched in (a select-all is made whole). */
const PATCH_MAX = 64;

/**
 * The cards whose flow nodes can differ between `from` and `state`, when only the drag, the
 * selection or the editor changed (and few cards): null when anything else changed, and every
 * card is looked at again.
 */
function cardsTouched(from: ProjectionInputs, state: ProjectionInputs): Set<string> | null {
  if (
    from.map.nodes !== state.map.nodes ||
    from.map.sources !== state.map.sources ||
    from.autoPositions !== state.autoPositions ||
    from.measured !== state.measured ||
    from.pinned !== state.pinned
  )
    return null;
  const ids = new Set<string>();
  if (from.dragging !== state.dragging) {
    for (const id of from.dragging.keys()) ids.add(id);
    for (const id of state.dragging.keys()) ids.add(id);
  }
  if (from.selectedNodeIds !== state.selectedNodeIds) {
    for (const id of from.selectedNodeIds) ids.add(id);
    for (const id of state.selectedNodeIds) ids.add(id);
  }
  if (from.editingNodeId !== state.editingNodeId) {
    if (from.editingNodeId !== null) ids.add(from.editingNodeId);
    if (state.editingNodeId !== null) ids.add(state.editingNodeId);
  }
  return ids.size <= PATCH_MAX ? ids : null;
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
  pinned: state.pinned,
  selectedNodeIds: state.selectedNodeIds,
  selectedEdgeIds: state.selectedEdgeIds,
  editingNodeId: state.editingNodeId,
});

/**
 * Where the canvas draws a node: mid-drag, below its place to make room for another card,
 * saved, or laid out automatically.
 */
export function drawnPosition(
  state: ProjectionInputs & { projection: ProjectionMemo },
  id: string,
): Point | undefined {
  const dragged = state.dragging.get(id) ?? selectRoom(state).get(id);
  if (dragged) return dragged;
  const node = state.map.nodes.find((n) => n.id === id);
  return node ? (node.position ?? state.autoPositions.get(id) ?? { x: 0, y: 0 }) : undefined;
}
