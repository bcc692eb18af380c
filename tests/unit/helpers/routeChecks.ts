import type { Rect } from '../../../src/layout/edgeGeometry';
import type { EdgeRoute, Point2, RoutedEdgeInput } from '../../../src/layout/routeEdges';

/** What the issue asks of edges, measured on routes: each problem as a readable line. */

interface Segment {
  a: Point2;
  b: Point2;
}

const segmentsOf = (points: readonly Point2[]): Segment[] =>
  points.slice(1).map((b, i) => ({ a: points[i]!, b }));

/** Does the segment pass through the inside of the rectangle (its border excluded, 1 px in)? */
function crosses(s: Segment, r: Rect): boolean {
  const inset = 1;
  const left = r.x + inset;
  const right = r.x + r.width - inset;
  const top = r.y + inset;
  const bottom = r.y + r.height - inset;
  const minX = Math.min(s.a.x, s.b.x);
  const maxX = Math.max(s.a.x, s.b.x);
  const minY = Math.min(s.a.y, s.b.y);
  const maxY = Math.max(s.a.y, s.b.y);
  return minX < right && maxX > left && minY < bottom && maxY > top;
}

/** Edges that pass under a card they do not connect. */
export function edgesUnderCards(
  routes: ReadonlyMap<string, EdgeRoute>,
  rects: ReadonlyMap<string, Rect>,
  edges: readonly RoutedEdgeInput[],
): string[] {
  const problems: string[] = [];
  for (const edge of edges) {
    const route = routes.get(edge.id);
    if (!route) continue;
    for (const [id, rect] of rects) {
      if (id === edge.from || id === edge.to) continue;
      if (segmentsOf(route.points).some((s) => crosses(s, rect)))
        problems.push(`${edge.id} (${edge.from} → ${edge.to}) passes under ${id}`);
    }
  }
  return problems;
}

/** Length over which two axis-parallel segments lie on one line (within `tolerance` px). */
function sharedLength(s: Segment, t: Segment, tolerance: number): number {
  const sVertical = Math.abs(s.a.x - s.b.x) < 0.01;
  const tVertical = Math.abs(t.a.x - t.b.x) < 0.01;
  if (sVertical !== tVertical) return 0;
  const [across, along] = sVertical ? (['x', 'y'] as const) : (['y', 'x'] as const);
  if (Math.abs(s.a[across] - t.a[across]) > tolerance) return 0;
  const lo = Math.max(Math.min(s.a[along], s.b[along]), Math.min(t.a[along], t.b[along]));
  const hi = Math.min(Math.max(s.a[along], s.b[along]), Math.max(t.a[along], t.b[along]));
  return Math.max(0, hi - lo);
}

/** Every unordered pair of entries of `map`, each once. */
function* pairs<K, V>(map: ReadonlyMap<K, V>): Generator<[[K, V], [K, V]]> {
  const list = [...map];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) yield [list[i]!, list[j]!];
}

/** Pairs of edges that run along one line for more than `limit` px. */
export function sharedLines(
  routes: ReadonlyMap<string, EdgeRoute>,
  limit: number,
  tolerance = 2,
): string[] {
  const problems: string[] = [];
  for (const [[a, ra], [b, rb]] of pairs(routes)) {
    let shared = 0;
    for (const s of segmentsOf(ra.points))
      for (const t of segmentsOf(rb.points)) shared += sharedLength(s, t, tolerance);
    if (shared > limit) problems.push(`${a} and ${b} share ${Math.round(shared)} px`);
  }
  return problems;
}

const distanceToRect = (p: Point2, r: Rect) =>
  Math.hypot(
    Math.max(r.x - p.x, 0, p.x - (r.x + r.width)),
    Math.max(r.y - p.y, 0, p.y - (r.y + r.height)),
  );

/** Badges that are not next to their own target (within `near` px, and nearer than any card). */
export function strayBadges(
  routes: ReadonlyMap<string, EdgeRoute>,
  rects: ReadonlyMap<string, Rect>,
  edges: readonly RoutedEdgeInput[],
  near = 20,
): string[] {
  const problems: string[] = [];
  for (const edge of edges) {
    const route = routes.get(edge.id);
    if (!route) continue;
    const own = distanceToRect(route.badge, rects.get(edge.to)!);
    if (own > near) problems.push(`${edge.id}: badge ${Math.round(own)} px from its target`);
    for (const [id, rect] of rects) {
      if (id !== edge.to && distanceToRect(route.badge, rect) < own)
        problems.push(`${edge.id}: badge nearer ${id} than its target ${edge.to}`);
    }
  }
  return problems;
}

/** Pairs of badges (squares of `size` px) that overlap. */
export function overlappingBadges(routes: ReadonlyMap<string, EdgeRoute>, size = 17): string[] {
  const problems: string[] = [];
  for (const [[a, ra], [b, rb]] of pairs(routes))
    if (Math.abs(ra.badge.x - rb.badge.x) < size && Math.abs(ra.badge.y - rb.badge.y) < size)
      problems.push(`the badges of ${a} and ${b} overlap`);
  return problems;
}
