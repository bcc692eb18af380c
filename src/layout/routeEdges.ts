import type { Rect } from './edgeGeometry';

/**
 * Orthogonal edge routing for the flow-sheet map: every edge runs in the free space between
 * cards, so that it never passes under a card it does not connect and no two edges share a line.
 *
 * - Cards are grouped into columns (cards whose horizontal extents overlap).
 * - An edge between two cards of one column leaves its source's left side, runs in a vertical
 *   lane in the gap left of the column, and enters its target's left side. Lanes are handed out
 *   per gap by interval colouring: two edges whose vertical stretches overlap never share a lane.
 *   Shorter stretches take the lanes nearest the cards, so nested edges do not cross.
 * - An edge between two columns climbs its source column's gap to a "street" above every card,
 *   crosses there (each street at its own height) and comes down the target column's gap. So
 *   every horizontal stretch in a gap belongs to a card of the column on its right, at that
 *   card's own height, and no two can lie on one line.
 * - Each card side spreads the edges that meet it over distinct points, so no two edges meet a
 *   card at one point; the badge of an edge sits just outside its target, on its entry line.
 *
 * Pure and deterministic; linear in the number of edges apart from the colouring, which is
 * linear per lane.
 */

export interface RoutedEdgeInput {
  id: string;
  from: string;
  to: string;
}

export interface Point2 {
  x: number;
  y: number;
}

export interface EdgeRoute {
  /** Corner points, from the source side to the target side; segments are horizontal or vertical. */
  points: Point2[];
  /** Centre of the edge's badge: on its entry line, just outside the target. */
  badge: Point2;
}

/** Spacing of routed edges, in canvas pixels. */
export const ROUTING = {
  /** Distance from a column's left side to its first lane. */
  laneStart: 34,
  /** Distance between neighbouring lanes (at most; a narrow gap packs them closer). */
  laneStep: 8,
  /** Free space kept between a gap's last lane and the column to its left. */
  laneMargin: 12,
  /** Distance of the first street above the topmost card, and between streets. */
  streetStart: 30,
  streetStep: 8,
  /** Distance between two edges meeting the same side of a card (at most). */
  portStep: 18,
  /** Distance kept between a card's corner and the nearest edge meeting its side. */
  portPad: 10,
  /** Distance between two edges meeting the top of a column's head (at most), and its margin. */
  topStep: 24,
  topPad: 24,
  /** Distance of a badge's centre from its target's side: clear of the card's connection handles. */
  badgeOffset: 20,
  /** A badge's width and height on the canvas, plus a pixel of air. */
  badgeSize: 18,
} as const;

export interface Column {
  left: number;
  right: number;
}

/** Which side of a card an edge meets: the left side, or the top of a column's head. */
type Side = 'left' | 'top';

interface Port {
  edge: number;
  end: 'from' | 'to';
  /** Where the edge goes from here, to order the points on a side (a height, or for the top, an x). */
  toward: number;
  /** The point on the card's side. */
  x: number;
  y: number;
  /** Which of the side's badge columns this edge's badge takes: 0 by the card, 1 one step out. */
  badgeColumn: number;
}

interface Vertical {
  edge: number;
  lo: number;
  hi: number;
  lane: number;
}

/** One end of a route: the card, the side it meets, and (for the left side) its lane's gap. */
interface End {
  rect: Rect;
  side: Side;
  port: Port;
  gap: number;
  vertical?: Vertical;
}

interface Plan {
  input: RoutedEdgeInput;
  kind: 'same' | 'street';
  from: End;
  to: End;
  street: number;
}

/** Columns: maximal groups of cards whose horizontal extents overlap, left to right. */
export function columnsOf(rects: Iterable<Rect>): Column[] {
  const sorted = [...rects].sort((a, b) => a.x - b.x);
  const columns: Column[] = [];
  for (const r of sorted) {
    const last = columns[columns.length - 1];
    if (last && r.x < last.right) last.right = Math.max(last.right, r.x + r.width);
    else columns.push({ left: r.x, right: r.x + r.width });
  }
  return columns;
}

/** The index of the column that holds `rect`. */
export function columnIndex(columns: readonly Column[], rect: Rect): number {
  let lo = 0;
  let hi = columns.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (columns[mid]!.left <= rect.x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const portAnchor = (rect: Rect) => rect.y + Math.min(rect.height / 2, 28);

/** Spreads the ports of one card side over distinct heights, ordered so that lanes nest. */
function placePorts(rect: Rect, ports: Port[]) {
  const centre = portAnchor(rect);
  // Edges heading up first (nearest destination at the top), then edges heading down
  // (farthest destination at the top): each edge's lane then stays clear of its neighbours'.
  ports.sort((a, b) => {
    const aUp = a.toward < centre;
    const bUp = b.toward < centre;
    if (aUp !== bUp) return aUp ? -1 : 1;
    return b.toward - a.toward || a.edge - b.edge;
  });
  const n = ports.length;
  const room = Math.max(0, rect.height - 2 * ROUTING.portPad);
  const step = n > 1 ? Math.min(ROUTING.portStep, room / (n - 1)) : 0;
  const span = step * (n - 1);
  const first =
    rect.height < 2 * ROUTING.portPad
      ? rect.y + rect.height / 2
      : Math.min(
          Math.max(centre - span / 2, rect.y + ROUTING.portPad),
          rect.y + rect.height - ROUTING.portPad - span,
        );
  // Badges are as tall as a port step at most; where the points are closer, every other badge
  // steps one badge further out, so that no two badges overlap.
  const stagger = step > 0 && step < ROUTING.badgeSize;
  ports.forEach((port, i) => {
    port.x = rect.x;
    port.y = first + i * step;
    port.badgeColumn = stagger ? i % 2 : 0;
  });
}

/** Spreads the ports on the top of a column's head over distinct points, in the order of where they lead. */
function placeTopPorts(rect: Rect, ports: Port[]) {
  ports.sort((a, b) => a.toward - b.toward || a.edge - b.edge);
  const n = ports.length;
  const room = Math.max(0, rect.width - 2 * ROUTING.topPad);
  const step = n > 1 ? Math.min(ROUTING.topStep, room / (n - 1)) : 0;
  const first = rect.x + rect.width / 2 - (step * (n - 1)) / 2;
  ports.forEach((port, i) => {
    port.x = first + i * step;
    port.y = rect.y;
    port.badgeColumn = 0;
  });
}

/** Interval colouring of one gap's verticals: shortest first, each in the innermost free lane. */
function assignLanes(verticals: Vertical[]): number {
  verticals.sort((a, b) => a.hi - a.lo - (b.hi - b.lo) || a.lo - b.lo || a.edge - b.edge);
  const lanes: Array<Array<[number, number]>> = [];
  const clearance = 4;
  for (const v of verticals) {
    let lane = 0;
    for (; lane < lanes.length; lane++) {
      const taken = lanes[lane]!;
      if (!taken.some(([lo, hi]) => v.lo - clearance < hi && lo < v.hi + clearance)) break;
    }
    if (lane === lanes.length) lanes.push([]);
    lanes[lane]!.push([v.lo, v.hi]);
    v.lane = lane;
  }
  return lanes.length;
}

/** How many lanes each gap needs (gap i lies left of column i), for a layout to make room. */
export function lanesPerGap(
  rects: ReadonlyMap<string, Rect>,
  edges: readonly RoutedEdgeInput[],
): { columns: Column[]; lanes: number[] } {
  const { columns, lanes } = plan(rects, edges);
  return { columns, lanes };
}

/** The width a gap needs for `lanes` lanes at full spacing, with a margin on either side. */
export const gapWidthFor = (lanes: number) =>
  ROUTING.laneStart + Math.max(0, lanes - 1) * ROUTING.laneStep + ROUTING.laneMargin + 8;

function plan(rects: ReadonlyMap<string, Rect>, edges: readonly RoutedEdgeInput[]) {
  const columns = columnsOf(rects.values());
  const top = Math.min(...[...rects.values()].map((r) => r.y), 0);
  const streetLevel = top - ROUTING.streetStart;
  const column = new Map<string, number>();
  // The head of each column: its topmost card, which edges from other columns reach from above.
  const heads: Array<string | undefined> = columns.map(() => undefined);
  for (const [id, rect] of rects) {
    const c = columnIndex(columns, rect);
    column.set(id, c);
    const head = heads[c];
    if (head === undefined || rect.y < rects.get(head)!.y) heads[c] = id;
  }

  const plans: Plan[] = [];
  const ports = new Map<string, Port[]>();
  const end = (node: string, edge: number, which: 'from' | 'to', side: Side, toward: number) => {
    const port: Port = { edge, end: which, toward, x: 0, y: 0, badgeColumn: 0 };
    const key = `${side}\u0000${node}`;
    const list = ports.get(key);
    if (list) list.push(port);
    else ports.set(key, [port]);
    return { rect: rects.get(node)!, side, port, gap: column.get(node)! };
  };
  for (const input of edges) {
    const from = rects.get(input.from);
    const to = rects.get(input.to);
    if (!from || !to || input.from === input.to) continue;
    const index = plans.length;
    const sc = column.get(input.from)!;
    const tc = column.get(input.to)!;
    if (sc === tc) {
      plans.push({
        input,
        kind: 'same',
        from: end(input.from, index, 'from', 'left', portAnchor(to)),
        to: end(input.to, index, 'to', 'left', portAnchor(from)),
        street: 0,
      });
    } else {
      // Between columns: over the top. A column's head is met on its top side, any other card
      // on its left side, from its column's gap.
      const sideOf = (id: string, c: number): Side => (heads[c] === id ? 'top' : 'left');
      const fromSide = sideOf(input.from, sc);
      const toSide = sideOf(input.to, tc);
      plans.push({
        input,
        kind: 'street',
        from: end(input.from, index, 'from', fromSide, fromSide === 'top' ? to.x : -Infinity),
        to: end(input.to, index, 'to', toSide, toSide === 'top' ? from.x : -Infinity),
        street: 0,
      });
    }
  }
  for (const [key, list] of ports) {
    const [side, node] = key.split('\u0000') as [Side, string];
    if (side === 'top') placeTopPorts(rects.get(node)!, list);
    else placePorts(rects.get(node)!, list);
  }

  const byGap: Vertical[][] = columns.map(() => []);
  plans.forEach((p, edge) => {
    if (p.kind === 'same') {
      const [a, b] = [p.from.port.y, p.to.port.y];
      const v = { edge, lo: Math.min(a, b), hi: Math.max(a, b), lane: 0 };
      p.from.vertical = p.to.vertical = v;
      byGap[p.from.gap]!.push(v);
      return;
    }
    for (const e of [p.from, p.to]) {
      if (e.side !== 'left') continue;
      e.vertical = { edge, lo: streetLevel, hi: e.port.y, lane: 0 };
      byGap[e.gap]!.push(e.vertical);
    }
  });
  const lanes = byGap.map((list) => assignLanes(list));
  return { columns, lanes, plans, streetLevel };
}

/** Routes every edge whose two cards have a rectangle; the others are left out. */
export function routeEdges(
  rects: ReadonlyMap<string, Rect>,
  edges: readonly RoutedEdgeInput[],
): Map<string, EdgeRoute> {
  const routes = new Map<string, EdgeRoute>();
  if (rects.size === 0) return routes;
  const { columns, lanes, plans, streetLevel } = plan(rects, edges);

  // Where each lane of each gap lies: from the column's side leftwards, packed closer when the
  // gap is narrow, never into the column on the left.
  const laneX = columns.map((col, g) => {
    const count = lanes[g]!;
    const prev = columns[g - 1];
    const gapWidth = prev ? col.left - prev.right : Infinity;
    const start = col.left - Math.min(ROUTING.laneStart, gapWidth / 3);
    const room = prev
      ? start - (prev.right + Math.min(ROUTING.laneMargin, gapWidth / 3))
      : Infinity;
    const step = count > 1 ? Math.min(ROUTING.laneStep, Math.max(0, room) / (count - 1)) : 0;
    return (lane: number) => start - lane * step;
  });

  // Where an end meets the street or its lane: its lane in its gap, or straight above its port.
  const laneOf = (e: End) => (e.vertical ? laneX[e.gap]!(e.vertical.lane) : e.port.x);

  // Streets: one height per street route whose horizontal stretch overlaps another's.
  const streets: Vertical[] = [];
  plans.forEach((p, edge) => {
    if (p.kind !== 'street') return;
    const [a, b] = [laneOf(p.from), laneOf(p.to)];
    streets.push({ edge, lo: Math.min(a, b), hi: Math.max(a, b), lane: 0 });
  });
  assignLanes(streets);
  for (const s of streets) plans[s.edge]!.street = s.lane;

  for (const p of plans) {
    const { from, to } = p;
    const x0 = laneOf(from);
    const x1 = laneOf(to);
    let points: Point2[];
    if (p.kind === 'street') {
      const y = streetLevel - p.street * ROUTING.streetStep;
      points = [
        { x: from.port.x, y: from.port.y },
        { x: x0, y: from.port.y },
        { x: x0, y },
        { x: x1, y },
        { x: x1, y: to.port.y },
        { x: to.port.x, y: to.port.y },
      ];
    } else {
      points = [
        { x: from.port.x, y: from.port.y },
        { x: x0, y: from.port.y },
        { x: x0, y: to.port.y },
        { x: to.port.x, y: to.port.y },
      ];
    }
    const offset = ROUTING.badgeOffset + to.port.badgeColumn * ROUTING.badgeSize;
    const badge =
      to.side === 'top'
        ? { x: to.port.x, y: to.port.y - offset }
        : { x: to.port.x - offset, y: to.port.y };
    routes.set(p.input.id, { points: withoutRepeats(points), badge });
  }
  return routes;
}

function withoutRepeats(points: Point2[]): Point2[] {
  const out: Point2[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    out.push(p);
  }
  return out;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** An SVG path through the route's corners, each corner rounded by up to `radius`. */
export function routePath(points: readonly Point2[], radius = 6): string {
  if (points.length === 0) return '';
  const parts = [`M${fmt(points[0]!.x)},${fmt(points[0]!.y)}`];
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const here = points[i]!;
    const next = points[i + 1]!;
    const inLength = Math.hypot(here.x - prev.x, here.y - prev.y);
    const outLength = Math.hypot(next.x - here.x, next.y - here.y);
    const r = Math.min(radius, inLength / 2, outLength / 2);
    if (r < 0.5) {
      parts.push(`L${fmt(here.x)},${fmt(here.y)}`);
      continue;
    }
    const a = {
      x: here.x - ((here.x - prev.x) / inLength) * r,
      y: here.y - ((here.y - prev.y) / inLength) * r,
    };
    const b = {
      x: here.x + ((next.x - here.x) / outLength) * r,
      y: here.y + ((next.y - here.y) / outLength) * r,
    };
    parts.push(
      `L${fmt(a.x)},${fmt(a.y)}`,
      `Q${fmt(here.x)},${fmt(here.y)} ${fmt(b.x)},${fmt(b.y)}`,
    );
  }
  const last = points[points.length - 1]!;
  parts.push(`L${fmt(last.x)},${fmt(last.y)}`);
  return parts.join(' ');
}
