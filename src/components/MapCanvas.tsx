import {
  Background,
  Controls,
  MiniMap,
  Panel,
  useNodesInitialized,
  useReactFlow,
  useStore as useFlowStore,
  useStoreApi,
  type NodeTypes,
  type EdgeTypes,
  type Connection,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { EDGE_KINDS, isEdgeKind } from '../model/relations/registry';
import type { ArgumentFlowNode } from '../store/flowAdapter';
import { selectFlowEdges, selectFlowNodes } from '../store/canvasProjection';
import { useClashmap, useClashmapStore } from '../store/StoreContext';
import { ArgumentEdge, EdgeMarkers } from './edges/ArgumentEdge';
import { drawnRoutes, RoutedFlow, VIEW_SETTLE_MS } from './edges/edgeRoutes';
import { ArgumentNode } from './nodes/ArgumentNode';
import { useTheme } from '../app/theme';
import type { Rect } from '../layout/edgeGeometry';
import { estimateNodeSize } from '../layout/nodeSize';
import type { Edge } from '../model/edge';
import type { ClashMap } from '../model/map';
import { ARROW_DIRECTIONS, focusNeighbour } from './canvasFocus';
import { JunctionNode } from './nodes/JunctionNode';
import { FAR_ZOOM, LARGE_MAP_NODES } from './canvasScale';
import { Lazy, lazyPart } from './Lazy';
import { KeepSelectionInView } from './KeepSelectionInView';

// The legend loads when first unfolded: it starts folded away.
const Legend = lazyPart(() => import('./Legend').then((m) => ({ default: m.Legend })));

// Declared once at module level: new objects on each render would remount every node.
const nodeTypes: NodeTypes = {
  position: ArgumentNode,
  claim: ArgumentNode,
  argument: JunctionNode,
};
const edgeTypes: EdgeTypes = { argument: ArgumentEdge };

const FRAME_PADDING = 32;
export { LARGE_MAP_NODES, FAR_ZOOM };
/**
 * Above this many nodes the overview map is left out: React Flow's MiniMap draws every node,
 * each with its own store subscription, and redraws them on every drag. In its place the
 * canvas says why, and Fit map to view shows the whole map.
 */
export const OVERVIEW_MAX_NODES = 1_000;
/** Below this zoom node text is too small to read, so the first view pans instead of shrinking. */
const MIN_READABLE_ZOOM = 0.7;
/** How much of the relations crossing above the cards the first view of a tall map shows (px). */
const STREET_BAND = 140;

/**
 * The rectangle around the nodes (positions and measured sizes; no sub-flows here) and around
 * the routed edges, whose lanes and streets run left of and above the cards.
 */
export function boundsOf(nodes: readonly ArgumentFlowNode[], edges: readonly Edge[]): Bounds {
  const cards = cardBounds(nodes);
  if (nodes.length === 0) return cards;
  let { x: minX, y: minY } = cards;
  for (const route of drawnRoutes(cards.rects, edges).values()) {
    for (const point of route.points) {
      minX = Math.min(minX, point.x);
      minY = Math.min(minY, point.y);
    }
  }
  return reaching(cards, minX, minY);
}

/** `cards` widened left and up to take in lines that reach `left` and `top`. */
export function reaching(cards: Bounds, left: number, top: number): Bounds {
  const x = Math.min(cards.x, left);
  const y = Math.min(cards.y, top);
  const { width, height, cardsTop } = cards;
  return { x, y, width: cards.x + width - x, height: cards.y + height - y, cardsTop };
}

export type Bounds = { x: number; y: number; width: number; height: number; cardsTop: number };

/** The cards' bounds, and their rectangles (measured, or estimated), by id. */
export function cardBounds(
  nodes: readonly ArgumentFlowNode[],
): Bounds & { rects: Map<string, Rect> } {
  const rects = new Map<string, Rect>();
  if (nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0, cardsTop: 0, rects };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const estimate = estimateNodeSize(node.data.node);
    const rect = {
      ...node.position,
      width: node.measured?.width || estimate.width,
      height: node.measured?.height || estimate.height,
    };
    rects.set(node.id, rect);
    minX = Math.min(minX, rect.x);
    minY = Math.min(minY, rect.y);
    maxX = Math.max(maxX, rect.x + rect.width);
    maxY = Math.max(maxY, rect.y + rect.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY, cardsTop: minY, rects };
}

/** Where the view starts on a map with these bounds, in a canvas `width` × `height` px. */
function firstView(bounds: Bounds, width: number, height: number) {
  const fitWidth = (width - 2 * FRAME_PADDING) / Math.max(bounds.width, 1);
  const fitBoth = Math.min(fitWidth, (height - 2 * FRAME_PADDING) / Math.max(bounds.height, 1));
  const zoom = Math.min(
    1,
    Math.max(MIN_READABLE_ZOOM, fitBoth >= MIN_READABLE_ZOOM ? fitBoth : fitWidth),
  );
  const x = Math.max(FRAME_PADDING, (width - bounds.width * zoom) / 2) - bounds.x * zoom;
  // A map taller than the view starts from its top: the first cards, with at most a band of
  // the relations that cross above them. (A large map stacks hundreds of those crossings
  // above its cards; starting from the topmost one showed a screen without a card.)
  const fits = bounds.height * zoom <= height - 2 * FRAME_PADDING;
  const top = fits ? bounds.y : Math.max(bounds.y, bounds.cardsTop - STREET_BAND / zoom);
  const shown = fits ? bounds.height : bounds.height - (top - bounds.y);
  const y = Math.max(FRAME_PADDING, (height - shown * zoom) / 2) - top * zoom;
  return { x, y, zoom };
}

/**
 * Once the canvas has measured the nodes: lay out unplaced nodes with their real sizes, then
 * frame the map at a readable zoom, fitting its width and starting from the top. Shows the
 * progress note of a large map until it is framed.
 */
function MeasuredLayout({ count }: { count: number }) {
  const store = useClashmapStore();
  const flowStore = useStoreApi();
  const initialized = useNodesInitialized();
  const pending = useClashmap((s) => s.layoutPending);
  const large = count > LARGE_MAP_NODES;
  const { setViewport } = useReactFlow();
  // A large map draws only what is in view, so its other nodes are never measured: it is laid
  // out with the sizes measured so far (and estimates) once the first nodes have been drawn, as
  // soon as their sizes come in (or after 150 ms, when none is in view). Waiting 150 ms every
  // time was a tenth of the time a 1,000-node map took to open.
  const drawn = useClashmap((s) => s.measured.size > 0);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    if (!pending || !large) return;
    const timer = setTimeout(() => setWaited(true), 150);
    return () => {
      clearTimeout(timer);
      setWaited(false);
    };
  }, [pending, large]);

  // On a large map the framing (which routes every edge to find the lanes and streets around
  // the cards) runs in the worker after the new layout is committed.
  const [framing, setFraming] = useState(false);
  const framings = useRef(0);
  // The map being laid out and framed, while that runs: an effect run meanwhile leaves it be.
  const relaying = useRef<ClashMap | null>(null);
  useEffect(
    () => () => {
      framings.current++;
    },
    [],
  );

  useEffect(() => {
    if (!pending || !(initialized || waited || (large && drawn))) return;
    const show = (bounds: Bounds) => {
      const { width, height } = flowStore.getState();
      void setViewport(firstView(bounds, width, height));
    };
    const laidOut = () => {
      store.getState().relayoutWithSizes(store.getState().measured);
      return boundsOf(store.flowNodes(), store.getState().map.edges);
    };
    if (!large) return show(laidOut());
    const { map } = store.getState();
    if (relaying.current === map) return;
    relaying.current = map;
    const framing = ++framings.current;
    // A map opened meanwhile (or this canvas gone) stops this run: its own run lays it out.
    const stale = () => framing !== framings.current;
    // The progress note stays up until the map is framed (its lines routed in the worker).
    setFraming(true);
    void import('./largeMaps')
      .then((m) => m.layOutLarge(store, stale))
      .catch(() => (stale() ? null : laidOut()))
      .then((bounds) => {
        if (stale()) return;
        if (bounds) show(bounds);
        setFraming(false);
      })
      .finally(() => {
        if (relaying.current === map) relaying.current = null;
      });
  }, [initialized, waited, drawn, pending, large, store, flowStore, setViewport]);

  if (!large || !(pending || framing)) return null;
  return (
    <Panel position="top-center" className="cm-progress" role="status">
      Laying out {count.toLocaleString('en-US')} nodes…
    </Panel>
  );
}

// Module level: a new function on every render would redraw every minimap node on every drag tick.
const minimapNodeClass = (node: { type?: string }) => `cm-minimap-${node.type ?? 'claim'}`;

const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** How far a press may move and still be a click, in screen px (React Flow's own default). */
const CLICK_SLOP_PX = 1;

/** `ids` with `id` taken out if it is there, else added: a card toggled in the selection. */
const toggled = (ids: readonly string[], id: string) =>
  ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id];

/** Where a mouse or touch event is, on screen. */
function pointOf(event: MouseEvent | TouchEvent | React.MouseEvent): {
  clientX: number;
  clientY: number;
} {
  if ('clientX' in event) return event;
  return event.touches[0] ?? event.changedTouches[0] ?? { clientX: 0, clientY: 0 };
}

/**
 * Puts the canvas's zoom in the CSS variable --cm-zoom, for what must keep its size on screen
 * whatever the zoom (touch targets: a finger does not shrink when the map does). Only this
 * component re-renders as the zoom changes.
 */
function ZoomVariable({ target }: { target: RefObject<HTMLDivElement | null> }) {
  const zoom = useFlowStore((s) => s.transform[2]);
  useEffect(() => {
    target.current?.style.setProperty('--cm-zoom', String(zoom));
  }, [target, zoom]);
  return null;
}

/**
 * Marks the canvas "far" (zoomed out below FAR_ZOOM), set on the element directly so that
 * crossing the threshold re-renders no card: the styles do the rest (see .is-far).
 */
function FarView({ target }: { target: RefObject<HTMLDivElement | null> }) {
  const far = useFlowStore((s) => s.transform[2] < FAR_ZOOM);
  useEffect(() => {
    target.current?.classList.toggle('is-far', far);
  }, [target, far]);
  return null;
}

/** The map canvas: nodes, edges, controls, minimap and legend. */
export function MapCanvas({
  onAddAt,
  legendOpen = true,
  onFoldLegend,
  overviewOpen = true,
}: {
  onAddAt?: (position: { x: number; y: number }) => void;
  /** The legend and the overview map: shown over the canvas, folded away with the toolbar. */
  legendOpen?: boolean;
  onFoldLegend?: () => void;
  overviewOpen?: boolean;
}) {
  const nodes = useClashmap(selectFlowNodes);
  const edges = useClashmap(selectFlowEdges);
  const applyNodeChanges = useClashmap((s) => s.applyNodeChanges);
  const onEdgesChange = useClashmap((s) => s.applyEdgeChanges);
  const title = useClashmap((s) => s.map.title);
  const large = useClashmap((s) => s.map.nodes.length > LARGE_MAP_NODES);
  const count = useClashmap((s) => s.map.nodes.length);
  const store = useClashmapStore();
  const theme = useTheme();
  const { screenToFlowPosition } = useReactFlow();
  const canvas = useRef<HTMLDivElement>(null);
  // Marks the canvas while the view pans or zooms (wheel included), for the styles that make
  // large maps cheap to move; set on the element directly so moving re-renders nothing.
  // While the view moves, the sizes of the cards measured as they come into view are held back
  // and taken in together once it has been still for VIEW_SETTLE_MS: each batch of them re-laid
  // out their columns and made room on the whole map (a pass over every card of a large map),
  // a frame or more for each step of a pan. The cards are drawn meanwhile where the layout made
  // from estimates put them, which err large.
  const moving = useRef(false);
  // The press of a card being followed (see onNodeDragStart).
  const press = useRef<{ x: number; y: number; far: boolean } | null>(null);
  const held = useRef<NodeChange<ArgumentFlowNode>[]>([]);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);
  const onNodesChange = useCallback(
    (changes: NodeChange<ArgumentFlowNode>[]) => {
      if (moving.current && changes.every((c) => c.type === 'dimensions')) {
        held.current.push(...changes);
        return;
      }
      const waiting = held.current;
      held.current = [];
      // A press that moved no further than a click's slop is a click: where it ends it puts the
      // card back, and nothing is moved (no undo step, no card pinned where a hand shook).
      if (press.current && !press.current.far)
        changes = changes.map((c) =>
          c.type === 'position' && !c.dragging ? { ...c, position: undefined } : c,
        );
      applyNodeChanges(waiting.length ? [...waiting, ...changes] : changes);
    },
    [applyNodeChanges],
  );
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    // Only a move made by hand (a pan, a zoom) holds sizes back: a move the app makes (framing a
    // map it opened, a glide to a card) is over before anyone acts, and what is measured after
    // it is taken in at once rather than with the next key pressed.
    if (event) moving.current = true;
    clearTimeout(settle.current);
    canvas.current?.classList.add('is-moving');
  }, []);
  const onMoveEnd = useCallback(() => {
    canvas.current?.classList.remove('is-moving');
    clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      moving.current = false;
      if (held.current.length) onNodesChange([]);
    }, VIEW_SETTLE_MS);
  }, [onNodesChange]);
  // A card's drag starts at the press (see onNodeClick), so each press is followed until it has
  // moved further than a click does; then the canvas is marked as dragging, as for moving the
  // view. (A `:has(.dragging)` rule did this before, but it made every change inside the
  // canvas, a typed character included, recompute every edge's style.)
  const onNodeDragStart = useCallback((event: MouseEvent | TouchEvent | React.MouseEvent) => {
    const { clientX: x, clientY: y } = pointOf(event);
    press.current = { x, y, far: false };
  }, []);
  const onNodeDrag = useCallback((event: MouseEvent | TouchEvent | React.MouseEvent) => {
    const at = press.current;
    if (!at || at.far) return;
    const { clientX, clientY } = pointOf(event);
    if (Math.hypot(clientX - at.x, clientY - at.y) <= CLICK_SLOP_PX) return;
    at.far = true;
    canvas.current?.classList.add('is-dragging');
  }, []);
  const onNodeDragStop = useCallback(() => {
    press.current = null;
    canvas.current?.classList.remove('is-dragging');
  }, []);

  const onConnect = useCallback(
    (connection: Connection) => {
      // Each node has one source handle per relation kind, with the kind as its id.
      const kind = isEdgeKind(connection.sourceHandle) ? connection.sourceHandle : EDGE_KINDS[0];
      store.getState().connect(connection.source, connection.target, kind);
    },
    [store],
  );
  // The drag starts at the press (nodeDragThreshold 0), so the first pointer move already moves
  // the card: with React Flow's default the drag started on the first move and the card moved
  // from the second, a frame or two late. React Flow then selects a card when it is pressed, not
  // when clicked; but a press with Shift (React Flow's key for the selection box) never reaches
  // the drag, so Shift+click is handled here: it adds the card to the selection, or takes it out.
  const onNodeClick = useCallback(
    (event: React.MouseEvent, node: { id: string }) => {
      if (!event.shiftKey) return;
      const state = store.getState();
      state.select(toggled(state.selectedNodeIds, node.id), state.selectedEdgeIds);
    },
    [store],
  );
  const onNodeDoubleClick = useCallback(
    (_: React.MouseEvent, node: { id: string }) => store.getState().startEditing(node.id),
    [store],
  );
  // Keyboard on a card: the arrow keys follow the argument from card to card, selecting each
  // (Shift+arrows are left to React Flow, which moves the selected card). Tab only moves focus;
  // the shortcuts act on a focused card (see useShortcuts).
  const onKeyDownCapture = useCallback(
    (event: React.KeyboardEvent) => {
      const target = event.target;
      // Shift+Space adds the focused card to the selection, or takes it out: several cards
      // chosen from the keyboard (to support a claim together, or mark contraries).
      if (
        event.key === ' ' &&
        event.shiftKey &&
        target instanceof HTMLElement &&
        target.classList.contains('react-flow__node') &&
        target.dataset.id
      ) {
        event.preventDefault();
        event.stopPropagation();
        const state = store.getState();
        state.select(toggled(state.selectedNodeIds, target.dataset.id), []);
        return;
      }
      const direction = ARROW_DIRECTIONS[event.key];
      if (!direction || !(target instanceof HTMLElement)) return;
      if (!target.classList.contains('react-flow__node') || !target.dataset.id) return;
      if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      event.stopPropagation();
      focusNeighbour(store, target.dataset.id, direction);
    },
    [store],
  );
  const onDoubleClick = useCallback(
    (event: React.MouseEvent) => {
      // Only a double-click on empty canvas adds a node.
      if (
        !(event.target instanceof Element) ||
        !event.target.classList.contains('react-flow__pane')
      )
        return;
      onAddAt?.(screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [onAddAt, screenToFlowPosition],
  );

  return (
    <div
      ref={canvas}
      className={`cm-canvas${large ? ' cm-canvas--large' : ''}`}
      role="region"
      aria-label={`Map: ${title}`}
      id="map"
      tabIndex={-1}
      onDoubleClick={onDoubleClick}
      onKeyDownCapture={onKeyDownCapture}
    >
      <EdgeMarkers />
      <RoutedFlow
        colorMode={theme}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        panOnScroll
        onlyRenderVisibleElements={large}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        onNodeDragStart={onNodeDragStart}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        nodeDragThreshold={0}
        minZoom={0.1}
        maxZoom={2}
        attributionPosition="top-right"
      >
        <MeasuredLayout count={count} />
        {/* Loaded with the canvas, not later: arriving later, it moved the view at a moment of
            its own (under a click or a drag already under way). */}
        <KeepSelectionInView />
        <ZoomVariable target={canvas} />
        {large && <FarView target={canvas} />}
        {count === 0 && (
          <Panel position="top-center" className="cm-empty-hint">
            <section aria-label="How to start">
              <h2>An empty map</h2>
              <p>
                Add a position with <kbd>P</kbd> or <strong>+ Position</strong>, then claims with{' '}
                <kbd>C</kbd>; or double-click the canvas. Select a card and press <kbd>S</kbd> to
                support it or <kbd>R</kbd> to rebut it.
              </p>
              <p>
                Or open a map file (<strong>Open…</strong>) or import Argdown, AIF or Kialo (
                <strong>Import…</strong>). Press <kbd>?</kbd> for every shortcut.
              </p>
            </section>
          </Panel>
        )}
        <Background gap={24} />
        <Controls showInteractive={false} />
        {overviewOpen && count > OVERVIEW_MAX_NODES && (
          <Panel position="bottom-right" className="cm-progress cm-minimap-off">
            <p role="status">
              No overview map above {OVERVIEW_MAX_NODES.toLocaleString('en-US')} cards (this map has{' '}
              {count.toLocaleString('en-US')}): it would slow every pan and drag.{' '}
              <strong>Fit</strong> shows the whole map.
            </p>
          </Panel>
        )}
        {overviewOpen && count <= OVERVIEW_MAX_NODES && (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Map overview"
            nodeClassName={minimapNodeClass}
            className="cm-minimap"
          />
        )}

        {legendOpen && (
          <Lazy>
            <Panel position="bottom-left" className="cm-legend-panel">
              <Legend onFold={() => onFoldLegend?.()} />
            </Panel>
          </Lazy>
        )}
      </RoutedFlow>
    </div>
  );
}
