import type { Rect } from '../layout/edgeGeometry';
import type { Edge } from '../model/edge';
import { ROUTE_OFF_THREAD_EDGES, routeOffThread } from './edges/routeOffThread';
import { reaching, type Bounds } from './MapCanvas';

/**
 * The bounds of a large map's cards and lines, its lines routed in the worker (10,000 of them
 * are a 150 to 230 ms task on the page); `onPage` when there is no worker or few lines.
 */
export async function largeBoundsOf(
  cards: Bounds & { rects: ReadonlyMap<string, Rect> },
  edges: readonly Edge[],
  onPage: () => Bounds,
): Promise<Bounds> {
  if (edges.length <= ROUTE_OFF_THREAD_EDGES) return onPage();
  const answer = await routeOffThread(cards.rects, edges);
  return answer ? reaching(cards, answer.left, answer.top) : onPage();
}
