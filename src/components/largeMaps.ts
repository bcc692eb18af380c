// What only large maps need (over LARGE_MAP_NODES nodes), loaded when one is opened: opening it
// in steps, laying it out with the first sizes measured, and framing it.
import type { Rect } from '../layout/edgeGeometry';
import type { Edge } from '../model/edge';
import { ROUTE_OFF_THREAD_EDGES, routeOffThread } from './edges/routeOffThread';
import { nextTask } from '../app/nextTask';
import type { ClashMap } from '../model/map';
import type { ClashmapStore, OpenOptions } from '../store/store';
import { boundsOf, cardBounds, reaching, type Bounds } from './MapCanvas';

/**
 * Lays a large map out again with the sizes of the cards drawn so far, and finds its bounds to
 * frame it: the new layout is made, drawn ahead and committed, each in a task of its own after
 * the open's (on a 10,000-node map together with it they were a task of 200 ms and more), and
 * the lines are routed in the worker. Null once `stale` (another map opened, the canvas gone).
 */
export async function layOutLarge(
  store: ClashmapStore,
  stale: () => boolean,
): Promise<Bounds | null> {
  await nextTask();
  if (stale()) return null;
  const prepared = store.getState().prepareRelayout(store.getState().measured);
  await nextTask();
  if (stale()) return null;
  prepared.project();
  await nextTask();
  if (stale()) return null;
  store.getState().relayoutWithSizes(prepared);
  await nextTask();
  if (stale()) return null;
  const nodes = store.flowNodes();
  const { edges } = store.getState().map;
  return largeBoundsOf(cardBounds(nodes), edges, () => boundsOf(nodes, edges));
}

/**
 * The bounds of a large map's cards and lines, its lines routed in the worker (10,000 of them
 * are a 150 to 230 ms task on the page); `onPage` when there is no worker or few lines.
 */
async function largeBoundsOf(
  cards: Bounds & { rects: ReadonlyMap<string, Rect> },
  edges: readonly Edge[],
  onPage: () => Bounds,
): Promise<Bounds> {
  if (edges.length <= ROUTE_OFF_THREAD_EDGES) return onPage();
  const answer = await routeOffThread(cards.rects, edges);
  return answer ? reaching(cards, answer.left, answer.top) : onPage();
}

/**
 * `showMap` for a large map, in three tasks: what opening it sets, then the canvas's drawing of
 * it, then the commit (React and React Flow taking it in). Together they were one task of 200 ms
 * and more at 10,000 nodes; input and painting can now come between them.
 */
export async function showMapInSteps(
  store: ClashmapStore,
  map: ClashMap,
  fileName: string | null,
  options: OpenOptions,
): Promise<void> {
  const prepared = store.getState().prepareOpen(map, options);
  await nextTask();
  prepared.project();
  await nextTask();
  store.getState().openMap(map, fileName, { ...options, prepared });
}
