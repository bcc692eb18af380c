import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import type { Edge } from '../model/edge';
import { isChecked } from '../model/evidence';
import type { ClashMap } from '../model/map';
import type { MapNode, Point } from '../model/node';
import { argumentParts, describeArgument, nodeIndexOf } from '../model/arguments';
import { relationKind } from '../model/relations/registry';
import { quoteMismatch } from '../model/evidence';
import type { Source } from '../model/source';
import { showsAlike, type Size } from '../layout/nodeSize';
import { beforeDrawn } from './beforeDrawn';
import type { DrawnSize } from './canvasProjection';

// Quote checks are cached per quote list (records are immutable; a moved node keeps its list),
// for the sources they were checked against, so selection changes, moves and edits elsewhere do
// not re-check every quote.
const brokenCache = new WeakMap<
  readonly MapNode['evidence'][number][],
  { sources: readonly Source[]; count: number }
>();

/** How many of a node's quotes do not match their source text (or have no source). */
export function countBrokenQuotes(node: MapNode, sources: readonly Source[]): number {
  if (node.evidence.length === 0) return 0;
  const cached = brokenCache.get(node.evidence);
  if (cached && cached.sources === sources) return cached.count;
  let count = 0;
  for (const evidence of node.evidence) {
    const source = sources.find((s) => s.id === evidence.sourceId);
    if (!source || quoteMismatch(evidence, source)) count++;
  }
  brokenCache.set(node.evidence, { sources, count });
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

const KIND_LABEL = { position: 'Position', claim: 'Claim', argument: 'Argument' } as const;

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

/**
 * A card's accessible name, cached by its record: a drag tick, a selection or an edit elsewhere
 * remakes no card's name (at 5,000 cards that was most of a drag frame). An argument is named
 * by what it joins, so its name is remade when the map's nodes or edges change.
 */
const cardNames = new WeakMap<
  MapNode,
  { broken: number; nodes?: readonly MapNode[]; edges?: readonly Edge[]; name: string }
>();

function cardName(
  map: ClashMap,
  node: MapNode,
  brokenQuotes: number,
  looksAlike: ArgumentFlowNode | undefined,
): string {
  const cached = cardNames.get(node);
  if (node.kind === 'argument') {
    if (cached && cached.nodes === map.nodes && cached.edges === map.edges) return cached.name;
    const name = describeArgument(map, node.id);
    cardNames.set(node, { broken: 0, nodes: map.nodes, edges: map.edges, name });
    return name;
  }
  if (cached && cached.broken === brokenQuotes) return cached.name;
  // A card that only moved (a layout or a drag makes new records) keeps its name: the name is
  // made of its kind, text and quotes alone.
  const known = looksAlike?.ariaLabel;
  if (known !== undefined && looksAlike?.data.brokenQuotes === brokenQuotes) {
    cardNames.set(node, { broken: brokenQuotes, name: known });
    return known;
  }
  const name =
    nodeAccessibleName(node) +
    (brokenQuotes > 0
      ? ` Warning: ${brokenQuotes} quote${brokenQuotes === 1 ? ' does' : 's do'} not match the source.`
      : '');
  cardNames.set(node, { broken: brokenQuotes, name });
  return name;
}

const NO_SIZES: ReadonlyMap<string, Size> = new Map();
const NO_POINTS: ReadonlyMap<string, Point> = new Map();

/** What decides a card's flow node, beside its record. */
export interface CardInputs {
  map: ClashMap;
  autoPositions: ReadonlyMap<string, Point>;
  selected: ReadonlySet<string>;
  editingId: string | null;
  measured: ReadonlyMap<string, Size>;
  dragging: ReadonlyMap<string, Point>;
  room: ReadonlyMap<string, Point>;
  /** What React Flow measured of cards the store does not record (see ProjectionMemo). */
  drawnSizes?: ReadonlyMap<string, DrawnSize>;
}

/**
 * The size React Flow measured for this card as it now reads, if it did and it still does. A
 * card's flow node made anew (selected, opened for typing, moved) carries it: without it React
 * Flow would forget the size, measure the card again, and every line would be routed twice
 * (once with the estimate, once with the size) for a click.
 */
function drawnSizeOf(sizes: ReadonlyMap<string, DrawnSize> | undefined, node: MapNode) {
  const drawn = sizes?.get(node.id);
  return drawn && showsAlike(drawn, node)
    ? { width: drawn.width, height: drawn.height }
    : undefined;
}

/** What React Flow is told of a card it has not measured: as before for a card drawn alike. */
function declared(node: MapNode, alike: ArgumentFlowNode | undefined) {
  if (alike?.initialWidth !== undefined && alike.initialHeight !== undefined && alike.handles)
    return {
      initialWidth: alike.initialWidth,
      initialHeight: alike.initialHeight,
      handles: alike.handles,
    };
  return beforeDrawn(node);
}

/** One card's flow node: `old` itself when nothing it shows changed. */
function flowNodeOf(
  inputs: CardInputs,
  node: MapNode,
  old: ArgumentFlowNode | undefined,
): ArgumentFlowNode {
  const { map, autoPositions, selected, editingId, measured, dragging, room } = inputs;
  const dragged = dragging.get(node.id);
  const position = dragged ??
    room.get(node.id) ??
    node.position ??
    autoPositions.get(node.id) ?? { x: 0, y: 0 };
  // The size the store records, or else the one React Flow measured (see ProjectionMemo).
  const size = measured.get(node.id) ?? drawnSizeOf(inputs.drawnSizes, node);
  const isSelected = selected.has(node.id);
  const editing = editingId === node.id;
  const brokenQuotes = countBrokenQuotes(node, map.sources);
  // The old card drawn the same way (the same kind, text and quotes; it may have moved): its
  // name and the size first declared for it hold for this record too.
  const was = old?.data.node;
  const alike =
    was !== undefined &&
    (was === node ||
      (was.kind === node.kind && was.text === node.text && was.evidence === node.evidence))
      ? old
      : undefined;
  const ariaLabel = cardName(map, node, brokenQuotes, alike);
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
    old.ariaLabel === ariaLabel &&
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
    ...(editing ? { zIndex: EDITING_Z_INDEX } : {}),
    ...(size ? { measured: { width: size.width, height: size.height } } : declared(node, alike)),
    data: sameData && old ? old.data : { node, editing, brokenQuotes },
    ariaLabel,
  };
}

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
  return allFlowNodes(
    { map, autoPositions, selected, editingId, measured, dragging, room },
    previous,
  );
}

/** `toFlowNodes` over its inputs in one object (the canvas projection's call). */
export function allFlowNodes(
  inputs: CardInputs,
  previous: readonly ArgumentFlowNode[],
): ArgumentFlowNode[] {
  let before: Map<string, ArgumentFlowNode> | null = null;
  // Nodes keep their order from one call to the next, so the old node is usually at the same
  // index; the lookup by id is made only when it is not.
  const oldNode = (id: string, i: number) =>
    previous[i]?.id === id
      ? previous[i]
      : (before ??= new Map(previous.map((n) => [n.id, n]))).get(id);
  const next = inputs.map.nodes.map((node, i) => flowNodeOf(inputs, node, oldNode(node.id, i)));
  return sameElements(next, previous) ? (previous as ArgumentFlowNode[]) : next;
}

const indexes = new WeakMap<readonly MapNode[], Map<string, number>>();

/** Where each node is in `nodes`, by id (made once per nodes array). */
function indexOfIds(nodes: readonly MapNode[]): Map<string, number> {
  let index = indexes.get(nodes);
  if (!index) {
    index = new Map();
    for (let i = 0; i < nodes.length; i++) if (!index.has(nodes[i]!.id)) index.set(nodes[i]!.id, i);
    indexes.set(nodes, index);
  }
  return index;
}

/**
 * `previous` (the flow nodes made from these very `map.nodes`, in their order) with only the
 * cards named by `ids` made again: what a drag tick, a new selection or the editor opening
 * changes, without a pass over every card of the map.
 */
export function patchFlowNodes(
  inputs: CardInputs,
  previous: readonly ArgumentFlowNode[],
  ids: Iterable<string>,
): ArgumentFlowNode[] {
  const { map } = inputs;
  const index = indexOfIds(map.nodes);
  let next: ArgumentFlowNode[] | null = null;
  for (const id of ids) {
    const i = index.get(id);
    if (i === undefined) continue;
    const old = previous[i];
    const made = flowNodeOf(inputs, map.nodes[i]!, old);
    if (made !== old) (next ??= previous.slice())[i] = made;
  }
  return next ?? (previous as ArgumentFlowNode[]);
}

/**
 * A card being edited is drawn above the relations' badges (1001, see styles.css; React Flow
 * raises a selected card by 1000): nothing covers what is being typed, and the text caret,
 * which Chromium draws as a layer of its own, has nothing drawn over it. Anything drawn over the
 * caret must be layered too, and with the badges above it the first key typed re-rastered most
 * of the view (about 20 tiles, 60 ms, on a 1,000-card map).
 */
export const EDITING_Z_INDEX = 2;

/**
 * True when `next` holds the very objects of `previous`, in order: the caller then keeps the
 * previous array, and React Flow, seeing the same array, rebuilds no lookup and reruns none of
 * its subscribers.
 */
function sameElements<T>(next: readonly T[], previous: readonly T[]): boolean {
  return next.length === previous.length && next.every((item, i) => item === previous[i]);
}

/**
 * An edge's accessible name, cached by its record with the node records it was made from: a
 * name is remade only when the edge or the text at either end changes, not for every edge
 * whenever the map does.
 */
const edgeNames = new WeakMap<Edge, { from?: MapNode; to?: MapNode; name: string }>();

function edgeName(
  edge: Edge,
  nodes: ReadonlyMap<string, MapNode>,
  conclusionText: (argumentId: string) => string,
): string {
  const from = nodes.get(edge.from);
  const to = nodes.get(edge.to);
  const cached = edgeNames.get(edge);
  // An argument end is named by its conclusion, which the cache does not watch: made afresh.
  const viaArgument = from?.kind === 'argument' || to?.kind === 'argument';
  if (
    !viaArgument &&
    cached &&
    (cached.from === from || cached.from?.text === from?.text) &&
    (cached.to === to || cached.to?.text === to?.text)
  ) {
    // The entry is this cache's own: updated in place, nothing allocated when every card moved.
    cached.from = from;
    cached.to = to;
    return cached.name;
  }
  const verb = relationKind(edge.kind).names.verb;
  const end = (node: MapNode | undefined, id: string) =>
    node?.kind === 'argument'
      ? `the argument${node.scheme ? ` (${node.scheme})` : ''} for “${conclusionText(id)}”`
      : `“${node?.text ?? id}”`;
  const name = `${end(from, edge.from)} ${verb} ${end(to, edge.to)}`;
  edgeNames.set(edge, { from, to, name });
  return name;
}

/**
 * React Flow edges for the map, named for assistive technology by the texts they join. An edge
 * whose record, name and selection are unchanged keeps its flow edge; when every edge does,
 * the previous array itself is returned.
 */
export function toFlowEdges(
  map: ClashMap,
  previous: readonly ArgumentFlowEdge[],
  selected: ReadonlySet<string>,
): ArgumentFlowEdge[] {
  let before: Map<string, ArgumentFlowEdge> | null = null;
  const oldEdge = (id: string, i: number) =>
    previous[i]?.id === id
      ? previous[i]
      : (before ??= new Map(previous.map((e) => [e.id, e]))).get(id);
  const nodes = nodeIndexOf(map.nodes);
  let parts: ReturnType<typeof argumentParts> | null = null;
  const conclusionText = (argumentId: string) => {
    parts ??= argumentParts(map);
    const conclusion = parts.get(argumentId)?.conclusions[0];
    return conclusion === undefined ? '' : (nodes.get(conclusion)?.text ?? conclusion);
  };
  const next = map.edges.map((edge, i): ArgumentFlowEdge => {
    const old = oldEdge(edge.id, i);
    const isSelected = selected.has(edge.id);
    const name = edgeName(edge, nodes, conclusionText);
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
  return sameElements(next, previous) ? (previous as ArgumentFlowEdge[]) : next;
}
