// The baselines for the benchmark: React Flow with default nodes and edges, drawing the same
// graph at the same positions as Clashmap's layout. Like the app it pans on scroll and zooms
// from 0.1 to 2, so that the bench's gestures mean the same on both.
//
// Two pages in one, chosen by `?mode=`:
// - `fair` (like for like): controlled by an external store as the app's canvas is (every
//   change goes through onNodesChange into the store and back), draws only the nodes in view
//   above the app's LARGE_MAP_NODES, and shows the overview map up to the app's
//   OVERVIEW_MAX_NODES, as the app does. Keys edit one node's label the way a card is edited:
//   a character appends, Enter commits, Ctrl+Z puts the old label back; each is one node
//   replaced in the store, the single-node update the app's edit ends in.
// - `all`: the first baseline, uncontrolled (defaultNodes), every node drawn, no overview.
import {
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  type Edge,
  type Node,
  type NodeChange,
  type ReactFlowInstance,
  type Viewport,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';

/** The graph as the bench hands it over: node boxes from Clashmap's layout, edges by end. */
export interface BareGraph {
  nodes: { id: string; x: number; y: number; width: number; label: string }[];
  edges: { id: string; source: string; target: string }[];
}

interface Shown {
  serial: number;
  nodes: Node[];
  edges: Edge[];
}

const params = new URLSearchParams(location.search);
const MODE = params.get('mode') === 'all' ? 'all' : 'fair';
// The app's canvas policy (MapCanvas.tsx's LARGE_MAP_NODES and OVERVIEW_MAX_NODES), which the
// bench reads from the app's source and passes in, so that the two cannot drift apart.
const LARGE_MAP_NODES = Number(params.get('visibleOnlyAbove') ?? 200);
const OVERVIEW_MAX_NODES = Number(params.get('overviewMax') ?? 1000);

// The graph on screen, as a tiny external store (the app keeps its map in zustand).
let current: Shown = { serial: 0, nodes: [], edges: [] };
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const show = (graph: Shown) => {
  current = graph;
  for (const listener of listeners) listener();
};
const onNodesChange = (changes: NodeChange[]) =>
  show({ ...current, nodes: applyNodeChanges(changes, current.nodes) });
let flow: ReactFlowInstance | null = null;
const onInit = (instance: ReactFlowInstance) => {
  flow = instance;
};

function Bare() {
  const graph = useSyncExternalStore(subscribe, () => current);
  if (MODE === 'all')
    return (
      <ReactFlow
        key={graph.serial}
        defaultNodes={graph.nodes}
        defaultEdges={graph.edges}
        fitView
        minZoom={0.1}
        maxZoom={2}
        panOnScroll
        onInit={onInit}
      />
    );
  const count = graph.nodes.length;
  return (
    <ReactFlow
      key={graph.serial}
      nodes={graph.nodes}
      edges={graph.edges}
      onNodesChange={onNodesChange}
      onlyRenderVisibleElements={count > LARGE_MAP_NODES}
      fitView
      minZoom={0.1}
      maxZoom={2}
      panOnScroll
      onInit={onInit}
    >
      {count <= OVERVIEW_MAX_NODES && <MiniMap pannable zoomable />}
    </ReactFlow>
  );
}

// Editing one node by keys (fair mode): the same single-node update as the app's edit.
let editing: { id: string; original: string } | null = null;
const replaceNode = (id: string, change: (node: Node) => Node) =>
  show({ ...current, nodes: current.nodes.map((n) => (n.id === id ? change(n) : n)) });
window.addEventListener('keydown', (event) => {
  if (!editing) return;
  const { id, original } = editing;
  if ((event.ctrlKey || event.metaKey) && event.key === 'z') {
    replaceNode(id, (n) => ({ ...n, className: '', data: { ...n.data, label: original } }));
  } else if (event.key === 'Enter') {
    replaceNode(id, (n) => ({ ...n, className: 'committed' }));
  } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
    replaceNode(id, (n) => ({
      ...n,
      className: '',
      data: { ...n.data, label: `${String(n.data.label)}${event.key}` },
    }));
  } else return;
  event.preventDefault();
});

declare global {
  interface Window {
    /** Fetches a graph (untimed), starts the clock, renders it; resolves to the start time. */
    __benchOpenBare: (url: string) => Promise<number>;
    /** Moves the view, so that gestures are measured where the bench measured them in the app. */
    __benchSetViewport: (viewport: Viewport) => Promise<boolean>;
    /** Keys now edit node `id`'s label (fair mode). */
    __benchEditBare: (id: string) => void;
  }
}

let serial = 0;
const showGraph = (text: string) => {
  const graph = JSON.parse(text) as BareGraph;
  serial += 1;
  show({
    serial,
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      position: { x: n.x, y: n.y },
      data: { label: n.label },
      style: { width: n.width },
    })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  });
};

window.__benchOpenBare = async (url) => {
  const text = await (await fetch(url)).text();
  // The clock starts where Clashmap's starts: with the file's text in hand, before parsing.
  const start = performance.now();
  showGraph(text);
  return start;
};
window.__benchSetViewport = (viewport) => flow?.setViewport(viewport) ?? Promise.resolve(false);
window.__benchEditBare = (id) => {
  const node = current.nodes.find((n) => n.id === id);
  editing = node ? { id, original: String(node.data.label) } : null;
};

createRoot(document.getElementById('root')!).render(<Bare />);
// First load: the page fetches its graph as it starts, as the app reads its first map.
const load = params.get('load');
if (load) void fetch(load).then(async (r) => showGraph(await r.text()));
