/// <reference lib="webworker" />
import type { Rect } from './edgeGeometry';
import { routeEdges, routePath, type RoutedEdgeInput } from './routeEdges';

/**
 * Cards as ids and a flat list of x, y, width and height, four numbers a card. The ids and the
 * edges are sent only when they differ from the last request's (null: the same as before), so
 * that what crosses to the worker as a card moves is one transferred list of numbers.
 */
export interface RouteRequest {
  seq: number;
  ids: string[] | null;
  boxes: Float64Array;
  edges: RoutedEdgeInput[] | null;
}

/**
 * Each routed edge's id, its SVG path, and its badge's centre (two numbers an edge); and the
 * left and top of every route's points (Infinity when there are none), for framing the map.
 */
export interface RouteAnswer {
  seq: number;
  ids: string[];
  paths: string[];
  badges: Float64Array;
  left: number;
  top: number;
}

// A large map's edges are routed here, off the main thread: routing 5,000 edges takes 20 to
// 40 ms, which held up a frame after every change that moved a card.
let ids: string[] = [];
let edges: RoutedEdgeInput[] = [];

self.onmessage = (event: MessageEvent<RouteRequest>) => {
  const { seq, boxes } = event.data;
  ids = event.data.ids ?? ids;
  edges = event.data.edges ?? edges;
  const rects = new Map<string, Rect>();
  ids.forEach((id, i) =>
    rects.set(id, {
      x: boxes[4 * i]!,
      y: boxes[4 * i + 1]!,
      width: boxes[4 * i + 2]!,
      height: boxes[4 * i + 3]!,
    }),
  );
  const routes = routeEdges(rects, edges);
  const answer: RouteAnswer = {
    seq,
    ids: [],
    paths: [],
    badges: new Float64Array(2 * routes.size),
    left: Infinity,
    top: Infinity,
  };
  for (const [id, route] of routes) {
    for (const point of route.points) {
      if (point.x < answer.left) answer.left = point.x;
      if (point.y < answer.top) answer.top = point.y;
    }
    answer.badges[2 * answer.ids.length] = route.badge.x;
    answer.badges[2 * answer.ids.length + 1] = route.badge.y;
    answer.ids.push(id);
    answer.paths.push(routePath(route.points));
  }
  self.postMessage(answer, [answer.badges.buffer]);
};
