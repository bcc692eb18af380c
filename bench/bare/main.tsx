// The baseline for the benchmark: React Flow with default nodes and edges and nothing else,
// drawing the same graph at the same positions as Clashmap's layout. Like the app it pans on
// scroll and zooms out to 0.1, so that the bench's wheel-pan gesture means the same on both.
import {
  ReactFlow,
  type Edge,
  type Node,
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

// The graph on screen, as a tiny external store: the bench replaces it, the page renders it.
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
let flow: ReactFlowInstance | null = null;

function Bare() {
  const graph = useSyncExternalStore(subscribe, () => current);
  return (
    <ReactFlow
      key={graph.serial}
      defaultNodes={graph.nodes}
      defaultEdges={graph.edges}
      fitView
      minZoom={0.1}
      panOnScroll
      onInit={(instance: ReactFlowInstance) => {
        flow = instance;
      }}
    />
  );
}

declare global {
  interface Window {
    /** Fetches a graph (untimed), starts the clock, renders it; resolves to the start time. */
    __benchOpenBare: (url: string) => Promise<number>;
    /** Moves the view, so that gestures are measured where the bench measured them in the app. */
    __benchSetViewport: (viewport: Viewport) => Promise<boolean>;
  }
}

let serial = 0;
window.__benchOpenBare = async (url) => {
  const text = await (await fetch(url)).text();
  // The clock starts where Clashmap's starts: with the file's text in hand, before parsing.
  const start = performance.now();
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
  return start;
};

window.__benchSetViewport = (viewport) => flow?.setViewport(viewport) ?? Promise.resolve(false);

createRoot(document.getElementById('root')!).render(<Bare />);
