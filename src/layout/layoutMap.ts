import { indexMap, primaryParents } from '../model/graph';
import type { ClashMap } from '../model/map';
import type { MapNode, Point } from '../model/node';
import { EDGE_KINDS, edgeKindRank } from '../model/relations/registry';
import type { Rect } from './edgeGeometry';
import { estimateNodeSize, type Size } from './nodeSize';
import { columnIndex, columnsOf, gapWidthFor, lanesPerGap } from './routeEdges';

export interface LayoutOptions {
  /** Measured size of a node, where the canvas knows it; otherwise estimated from its text. */
  sizeOf?: (id: string) => Size | undefined;
}

/** Spacing of the flow-sheet layout, in canvas pixels. */
export const LAYOUT_SPACING = {
  columnGap: 96,
  rowGap: 18,
  /** Extra space before each reply that answers a column's head directly. */
  groupGap: 14,
  indent: 28,
} as const;

/**
 * A debate flow-sheet layout: each position heads a column; under it, indented as an outline,
 * the claims that support it, then those that rebut it, each followed by its own replies.
 * Claims that lead to no position get columns of their own at the right. Each gap between
 * columns is widened to hold the lanes its edges need (see routeEdges), so that edges keep to
 * lines of their own. Near linear in map size. Returns each node's top-left corner.
 */
export function layoutMap(map: ClashMap, options: LayoutOptions = {}): Map<string, Point> {
  const parents = primaryParents(map);
  const index = indexMap(map);
  const sizeOf = (node: MapNode) => options.sizeOf?.(node.id) ?? estimateNodeSize(node);

  const children = new Map<string, MapNode[]>();
  const roots: MapNode[] = [];
  for (const node of map.nodes) {
    const parent = parents.get(node.id) ?? null;
    if (parent === null) roots.push(node);
    else {
      const list = children.get(parent) ?? [];
      list.push(node);
      children.set(parent, list);
    }
  }
  // Under each parent, replies grouped by relation kind in registry order (supporters before
  // rebutters), each group in file order. Every child has an edge to its primary parent.
  const kindOfLink = (child: MapNode, parentId: string) => {
    const link = (index.outgoing.get(child.id) ?? []).find((e) => e.to === parentId);
    return link ? edgeKindRank(link.kind) : EDGE_KINDS.length;
  };
  for (const [parentId, list] of children) {
    list.sort((a, b) => kindOfLink(a, parentId) - kindOfLink(b, parentId));
  }
  // Positions first, then claims that answer nothing (each a column of its own).
  roots.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'position' ? -1 : 1));

  const positions = new Map<string, Point>();
  let columnX = 0;
  for (const root of roots) {
    let y = 0;
    let columnWidth = 0;
    // Iterative pre-order walk so that a very deep chain cannot overflow the stack.
    const stack: Array<{ node: MapNode; depth: number }> = [{ node: root, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      const size = sizeOf(node);
      if (depth === 1 && y > 0) y += LAYOUT_SPACING.groupGap;
      const x = columnX + depth * LAYOUT_SPACING.indent;
      positions.set(node.id, { x, y });
      y += size.height + LAYOUT_SPACING.rowGap;
      columnWidth = Math.max(columnWidth, x - columnX + size.width);
      const kids = children.get(node.id) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, depth: depth + 1 });
    }
    columnX += columnWidth + LAYOUT_SPACING.columnGap;
  }
  return widenGaps(map, positions, sizeOf);
}

/** A node's size before and after it changed. */
export interface Resize {
  from: Size;
  to: Size;
}

/**
 * The layout after some nodes changed size (a card's text was edited), redone for their columns
 * only: the cards below each one in its column move by its change in height, and the other
 * columns stay. `before` is `layoutMap`'s answer with the old sizes; `sizeOf` gives the sizes of
 * the nodes that did not change. The answer is `layoutMap`'s with the new sizes, or undefined
 * where only a whole layout gives that: a column's width changed, or a gap between columns now
 * needs another number of edge lanes (a whole layout makes each gap as wide as its lanes need).
 * `before` must itself be such an answer (every gap as wide as its lanes need), as the
 * automatic layout always is.
 */
export function relayoutResized(
  map: ClashMap,
  before: ReadonlyMap<string, Point>,
  resized: ReadonlyMap<string, Resize>,
  sizeOf: (node: MapNode) => Size,
): Map<string, Point> | undefined {
  const oldRects = new Map<string, Rect>();
  for (const node of map.nodes) {
    const at = before.get(node.id);
    if (!at) return undefined;
    oldRects.set(node.id, { x: at.x, y: at.y, ...(resized.get(node.id)?.from ?? sizeOf(node)) });
  }
  const columns = columnsOf(oldRects.values());
  // The changes in height in each column, at the top of the card that changed.
  const grown = new Map<number, Array<{ y: number; by: number }>>();
  for (const [id, { from, to }] of resized) {
    const rect = oldRects.get(id);
    if (!rect) continue;
    const c = columnIndex(columns, rect);
    const right = columns[c]!.right;
    // The column's width would change: every column right of it moves, and so may its lanes.
    if (rect.x + to.width > right || (to.width < from.width && rect.x + from.width >= right))
      return undefined;
    if (to.height === from.height) continue;
    const list = grown.get(c) ?? [];
    list.push({ y: rect.y, by: to.height - from.height });
    grown.set(c, list);
  }
  const positions = new Map<string, Point>();
  const newRects = new Map<string, Rect>();
  for (const node of map.nodes) {
    const rect = oldRects.get(node.id)!;
    let y = rect.y;
    // The cards below a changed one in its column (the layout stacks a column top-down).
    for (const change of grown.get(columnIndex(columns, rect)) ?? []) {
      if (change.y < rect.y) y += change.by;
    }
    positions.set(node.id, { x: rect.x, y });
    newRects.set(node.id, { x: rect.x, y, ...(resized.get(node.id)?.to ?? sizeOf(node)) });
  }
  // Every gap must be as wide as a whole layout would make it for its lanes now. Only the gaps
  // left of the columns that grew can need another number of lanes: the lanes of gap c are
  // those of the edges that meet a card of column c (a card's edges also decide where its
  // ports lie), and no other card moved. So only those edges are planned, not the map's.
  if (grown.size === 0) return positions;
  const touching = new Set<string>();
  for (const node of map.nodes)
    if (grown.has(columnIndex(columns, oldRects.get(node.id)!))) touching.add(node.id);
  const edges = map.edges.filter((e) => touching.has(e.from) || touching.has(e.to));
  const { columns: after, lanes } = lanesPerGap(newRects, edges);
  if (after.length !== columns.length) return undefined;
  for (const i of grown.keys()) {
    if (i === 0) continue;
    const gap = after[i]!.left - after[i - 1]!.right;
    const wanted = Math.max(LAYOUT_SPACING.columnGap, gapWidthFor(lanes[i]!));
    if (Math.abs(gap - wanted) > 1e-6) return undefined;
  }
  return positions;
}

/** Moves columns apart where a gap is too narrow for the lanes of the edges that run in it. */
function widenGaps(
  map: ClashMap,
  positions: Map<string, Point>,
  sizeOf: (node: MapNode) => Size,
): Map<string, Point> {
  const rects = new Map<string, Rect>();
  for (const node of map.nodes) rects.set(node.id, { ...positions.get(node.id)!, ...sizeOf(node) });
  const { columns, lanes } = lanesPerGap(rects, map.edges);
  const shift: number[] = [];
  let total = 0;
  columns.forEach((column, i) => {
    const previous = columns[i - 1];
    if (previous) total += Math.max(0, gapWidthFor(lanes[i]!) - (column.left - previous.right));
    shift.push(total);
  });
  if (total === 0) return positions;
  for (const [id, rect] of rects) {
    const by = shift[columnIndex(columns, rect)]!;
    if (by > 0) positions.set(id, { x: rect.x + by, y: rect.y });
  }
  return positions;
}
