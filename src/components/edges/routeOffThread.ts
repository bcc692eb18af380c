import type { Rect } from '../../layout/edgeGeometry';
import type { RoutedEdgeInput } from '../../layout/routeEdges';
import type { RouteAnswer, RouteRequest } from '../../layout/route.worker';

/** Above this many edges, the canvas routes them in a worker (see route.worker.ts). */
export const ROUTE_OFF_THREAD_EDGES = 1_000;

export interface DrawnRoute {
  path: string;
  badgeX: number;
  badgeY: number;
}

/** The drawn routes of a routing, and the left and top of all their points. */
export interface RoutedAnswer {
  routes: Map<string, DrawnRoute>;
  left: number;
  top: number;
}

let worker: Worker | null = null;
let failed = typeof Worker === 'undefined';
let seq = 0;
// What the worker holds from the last request: the cards' ids and the edges.
let sentIds: string[] | null = null;
let sentEdges: readonly RoutedEdgeInput[] | null = null;
const waiting = new Map<number, (answer: RoutedAnswer | null) => void>();

function routeWorker(): Worker | null {
  if (failed) return null;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('../../layout/route.worker.ts', import.meta.url), {
      type: 'module',
      name: 'clashmap-routes',
    });
  } catch {
    failed = true;
    return null;
  }
  worker.onmessage = (event: MessageEvent<RouteAnswer>) => {
    const { seq: answered, ids, paths, badges, left, top } = event.data;
    const done = waiting.get(answered);
    waiting.delete(answered);
    if (!done) return;
    const routes = new Map<string, DrawnRoute>();
    ids.forEach((id, i) =>
      routes.set(id, { path: paths[i]!, badgeX: badges[2 * i]!, badgeY: badges[2 * i + 1]! }),
    );
    done({ routes, left, top });
  };
  // A worker that cannot start (or fails) leaves routing to the main thread from then on.
  worker.onerror = () => {
    failed = true;
    sentIds = sentEdges = null;
    worker?.terminate();
    worker = null;
    for (const done of waiting.values()) done(null);
    waiting.clear();
  };
  return worker;
}

/**
 * Routes the edges in the worker: resolves to their drawn routes (and where they reach left
 * and up), or to null when no worker can route them (then the caller routes them itself).
 */
export function routeOffThread(
  rects: ReadonlyMap<string, Rect>,
  edges: readonly RoutedEdgeInput[],
): Promise<RoutedAnswer | null> {
  const target = routeWorker();
  if (!target) return Promise.resolve(null);
  const ids = [...rects.keys()];
  const boxes = new Float64Array(4 * ids.length);
  ids.forEach((id, i) => {
    const r = rects.get(id)!;
    boxes.set([r.x, r.y, r.width, r.height], 4 * i);
  });
  const sameIds = sentIds !== null && sameList(sentIds, ids);
  const sameEdges =
    sentEdges !== null &&
    sentEdges.length === edges.length &&
    edges.every((e, i) => {
      const o = sentEdges![i]!;
      return e.id === o.id && e.from === o.from && e.to === o.to;
    });
  const request: RouteRequest = {
    seq: ++seq,
    ids: sameIds ? null : ids,
    boxes,
    edges: sameEdges ? null : edges.map(({ id, from, to }) => ({ id, from, to })),
  };
  sentIds = ids;
  sentEdges = edges;
  return new Promise((resolve) => {
    waiting.set(request.seq, resolve);
    target.postMessage(request, [boxes.buffer]);
  });
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
