import {
  ReactFlow,
  useStoreApi,
  type Edge,
  type InternalNode,
  type Node,
  type ReactFlowProps,
} from '@xyflow/react';
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { Rect } from '../../layout/edgeGeometry';
import { estimateNodeSize } from '../../layout/nodeSize';
import {
  routeEdges,
  routePath,
  type EdgeRoute,
  type RoutedEdgeInput,
} from '../../layout/routeEdges';
import type { MapNode } from '../../model/node';
import { ROUTE_OFF_THREAD_EDGES, routeOffThread, type DrawnRoute } from './routeOffThread';

export type { DrawnRoute };

const sameRoute = (a: DrawnRoute | undefined, b: DrawnRoute | undefined) =>
  a === b || (!!a && !!b && a.path === b.path && a.badgeX === b.badgeX && a.badgeY === b.badgeY);

/**
 * The routes of one canvas's edges, computed together (each edge's lane depends on the others)
 * and handed to each edge separately: an edge re-renders only when its own route changes.
 */
export class EdgeRouteStore {
  private routes = new Map<string, DrawnRoute>();
  private listeners = new Map<string, Set<() => void>>();

  get = (id: string): DrawnRoute | undefined => this.routes.get(id);

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  replace(next: Map<string, DrawnRoute>) {
    const previous = this.routes;
    for (const [id, route] of next) {
      const old = previous.get(id);
      if (sameRoute(old, route) && old) next.set(id, old);
    }
    this.routes = next;
    const changed = new Set<string>();
    for (const [id, route] of next) if (previous.get(id) !== route) changed.add(id);
    for (const id of previous.keys()) if (!next.has(id)) changed.add(id);
    for (const id of changed) this.listeners.get(id)?.forEach((listener) => listener());
  }
}

export const EdgeRoutesContext = createContext<EdgeRouteStore | null>(null);

const noSubscription = () => () => {};

/** This edge's route, or undefined before the first routing (or outside a routing canvas). */
export function useEdgeRoute(id: string): DrawnRoute | undefined {
  const routes = useContext(EdgeRoutesContext);
  return useSyncExternalStore(
    routes ? (listener) => routes.subscribe(id, listener) : noSubscription,
    () => routes?.get(id),
  );
}

/** A card's rectangle on the canvas: measured where drawn, estimated where not (yet). */
export function rectOfInternal(node: InternalNode): Rect {
  const { x, y } = node.internals.positionAbsolute;
  const doc = (node.data as { node?: MapNode } | undefined)?.node;
  const estimate = doc ? estimateNodeSize(doc) : { width: 0, height: 0 };
  return {
    x,
    y,
    width: node.measured.width || estimate.width,
    height: node.measured.height || estimate.height,
  };
}

const sameRects = (a: ReadonlyMap<string, Rect>, b: ReadonlyMap<string, Rect>) => {
  if (a.size !== b.size) return false;
  for (const [id, r] of a) {
    const o = b.get(id);
    if (!o || o.x !== r.x || o.y !== r.y || o.width !== r.width || o.height !== r.height)
      return false;
  }
  return true;
};

const sameInputs = (a: readonly RoutedEdgeInput[], b: readonly RoutedEdgeInput[]) =>
  a.length === b.length &&
  a.every((e, i) => {
    const o = b[i]!;
    return e === o || (e.id === o.id && e.from === o.from && e.to === o.to);
  });

/** The last routing asked for, kept: the framing of a new map and the canvas route the same. */
let lastRouting: {
  rects: ReadonlyMap<string, Rect>;
  edges: readonly RoutedEdgeInput[];
  routes: ReadonlyMap<string, EdgeRoute>;
} | null = null;

/** The last routing's answer, if it was for these very cards and edges. */
const lastRoutesFor = (rects: ReadonlyMap<string, Rect>, edges: readonly RoutedEdgeInput[]) => {
  const last = lastRouting;
  return last && sameInputs(last.edges, edges) && sameRects(last.rects, rects)
    ? last.routes
    : undefined;
};

/**
 * Routes for the given cards and edges, as the canvas draws them. The answer for the same cards
 * and edges as the last call's is that call's (routing 5,000 edges takes 20 to 40 ms); it must
 * not be changed.
 */
export function drawnRoutes(
  rects: ReadonlyMap<string, Rect>,
  edges: readonly RoutedEdgeInput[],
): ReadonlyMap<string, EdgeRoute> {
  const known = lastRoutesFor(rects, edges);
  if (known) return known;
  const routes = routeEdges(rects, edges);
  lastRouting = { rects, edges, routes };
  return routes;
}

/** True when `next` joins the same cards by the same edges, in the same order, as `previous`. */
function sameEdgeEnds(
  previous: readonly Pick<Edge, 'id' | 'source' | 'target'>[],
  next: readonly Pick<Edge, 'id' | 'source' | 'target'>[],
) {
  if (previous.length !== next.length) return false;
  for (let i = 0; i < next.length; i++) {
    const a = previous[i]!;
    const b = next[i]!;
    if (a !== b && (a.id !== b.id || a.source !== b.source || a.target !== b.target)) return false;
  }
  return true;
}

/**
 * Runs `work` once the frame being drawn has been painted: a change shows at once, and work
 * that only follows it (routing every edge again) does not hold that frame back. One channel
 * serves every call (a drag asks on every frame); `cancel` drops the call asked for last.
 */
function afterPainting(work: () => void): { ask: () => () => void; close: () => void } {
  const channel = new MessageChannel();
  let asked = 0;
  let frame = 0;
  channel.port1.onmessage = (event: MessageEvent<number>) => {
    if (event.data === asked) work();
  };
  return {
    ask: () => {
      const call = ++asked;
      frame = requestAnimationFrame(() => channel.port2.postMessage(call));
      return () => {
        if (asked === call) asked++;
        cancelAnimationFrame(frame);
      };
    },
    close: () => {
      asked++;
      cancelAnimationFrame(frame);
      channel.port1.close();
    },
  };
}

const drawnRoute = (route: EdgeRoute): DrawnRoute => ({
  path: routePath(route.points),
  badgeX: route.badge.x,
  badgeY: route.badge.y,
});

/** How long the view must have been still before edges are routed again after a pan or zoom. */
export const VIEW_SETTLE_MS = 150;

/**
 * Inside a <ReactFlow>: routes every edge between the shown cards once cards or edges changed,
 * after the frame that shows the change is painted (so an edit or a selection is drawn without
 * waiting for the routing; the lines follow a frame later). While a card is dragged nothing is
 * re-routed (the dragged card's own edges are drawn as curves that follow it); the drop routes
 * everything again. While the view pans or zooms nothing is re-routed either: cards coming into
 * view are measured then, and routing every edge again for each of them cost a frame or more
 * per step of a pan; the lines are routed once the view has been still for VIEW_SETTLE_MS.
 */
export function EdgeRouting({ routes }: { routes: EdgeRouteStore }) {
  const flowStore = useStoreApi<Node, Edge>();
  useEffect(() => {
    let cancel: (() => void) | null = null;
    let seenNodes: unknown = null;
    let seenEdges: unknown = null;
    let lastRects = new Map<string, Rect>();
    let lastEdges: Pick<Edge, 'id' | 'source' | 'target'>[] = [];
    let seenTransform = flowStore.getState().transform;
    let movedAt = -Infinity;
    let requests = 0;
    let stopped = false;
    const run = () => {
      cancel = null;
      const sinceMove = performance.now() - movedAt;
      if (sinceMove < VIEW_SETTLE_MS) {
        const timer = setTimeout(() => {
          cancel = null;
          schedule();
        }, VIEW_SETTLE_MS - sinceMove);
        cancel = () => clearTimeout(timer);
        return;
      }
      const { nodeLookup, edges } = flowStore.getState();
      for (const node of nodeLookup.values()) if (node.dragging) return;
      const rects = new Map<string, Rect>();
      for (const [id, node] of nodeLookup) if (!node.hidden) rects.set(id, rectOfInternal(node));
      const shown = edges.filter((e) => !e.hidden && rects.has(e.source) && rects.has(e.target));
      // A new selection (or anything else that leaves every card where it was and every edge
      // between the same cards) changes no route: skip the routing.
      if (sameEdgeEnds(lastEdges, shown) && sameRects(rects, lastRects)) return;
      lastRects = rects;
      lastEdges = shown;
      const inputs = shown.map((e) => ({ id: e.id, from: e.source, to: e.target }));
      const here = () => {
        const next = new Map<string, DrawnRoute>();
        for (const [id, route] of drawnRoutes(rects, inputs)) next.set(id, drawnRoute(route));
        routes.replace(next);
      };
      // A large map's edges are routed in a worker, even when the framing of a just-opened map
      // has routed these very cards (making 5,000 routes' lines here is a 40 to 60 ms task). Only
      // the newest routing is drawn: a worker's answer that comes after a later routing (in the
      // worker or here) is dropped.
      const asked = ++requests;
      if (inputs.length <= ROUTE_OFF_THREAD_EDGES) return here();
      void routeOffThread(rects, inputs).then((answer) => {
        if (asked !== requests || stopped) return;
        if (answer) routes.replace(answer.routes);
        else here();
      });
    };
    const painted = afterPainting(run);
    const schedule = () => {
      cancel ??= painted.ask();
    };
    const unsubscribe = flowStore.subscribe((state) => {
      if (state.transform !== seenTransform) {
        seenTransform = state.transform;
        movedAt = performance.now();
      }
      if (state.nodes === seenNodes && state.edges === seenEdges) return;
      seenNodes = state.nodes;
      seenEdges = state.edges;
      schedule();
    });
    schedule();
    return () => {
      stopped = true;
      unsubscribe();
      cancel?.();
      painted.close();
    };
  }, [flowStore, routes]);
  return null;
}

/**
 * A React Flow canvas whose edges are routed between its cards (see EdgeRouting): the editor's
 * canvas and the presenter's stage both draw the map this way.
 */
export function RoutedFlow<N extends Node, E extends Edge>(props: ReactFlowProps<N, E>) {
  const [routes] = useState(() => new EdgeRouteStore());
  const { children, ...rest } = props;
  return (
    <EdgeRoutesContext value={routes}>
      <ReactFlow {...rest}>
        <EdgeRouting routes={routes} />
        {children}
      </ReactFlow>
    </EdgeRoutesContext>
  );
}
