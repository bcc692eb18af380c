// How much memory undo history costs: 300 small edits on a 5,000-node map, each one undo step,
// through the store as the app makes them (text edits, moves, new claims, edge kinds). Heap is
// read after a full garbage collection before and after, and again once the history is cleared:
// what the clear frees is what the history held (its steps: the records they replace, and
// what records them), and what stays is the edits' own content (a new claim and its relation,
// the map's new arrays, their automatic places), which the map holds with or without history.
// For scale, the same run also reports what one whole-map copy costs, which is what each step
// kept when history held snapshots.
//
// The same edits are first made on a throwaway map, so that the code they run is compiled and
// its feedback gathered before the first reading: that heap belongs to the program, not to the
// edits, and would otherwise count against them (more or less, depending on what ran before).
// Each part runs in a function of its own, so that no local left on the stack keeps an old
// state alive. With `canvas`, the canvas's nodes and edges are made after opening and after
// every edit, as the app draws them (their memo and caches then count too).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { selectFlowEdges } from '../src/store/canvasProjection';
import { createClashmapStore, type ClashmapStore } from '../src/store/store';
import { generateMap } from './generate';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Used heap after full garbage collections, once three readings 100 ms apart agree: a
 * background compile job can hold on to objects for a while (the throwaway map of the warm-up,
 * say), and what it lets go of after the first reading would count as an edit shrinking the
 * heap.
 */
function heapAfterGc(): number {
  const readings: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 3; i++) gc();
    readings.push(process.memoryUsage().heapUsed);
    const last = readings.slice(-3);
    if (last.length === 3 && Math.max(...last) - Math.min(...last) < 16 * 1024)
      return Math.min(...last);
    Atomics.wait(pause, 0, 0, 100);
  }
  return readings[readings.length - 1]!;
}

export interface HistoryMemory {
  nodes: number;
  edits: number;
  undoSteps: number;
  /** Heap growth from the edits, history included, in MB. */
  growthMb: number;
  /** What stays of that growth once the history is cleared: the edits' own content, in MB. */
  contentMb: number;
  /** What the history itself holds for the edits (growth less content), in MB. */
  historyMb: number;
  /** The history's cost per undo step, in kB. */
  historyKbPerEdit: number;
  /** One whole-map copy (what a snapshot per step kept), in MB. */
  snapshotMb: number;
}

/** What the canvas makes of the store's state when it draws (nodes and edges). */
function draw(store: ClashmapStore): void {
  store.flowNodes();
  selectFlowEdges(store.getState());
}

function openGenerated(nodes: number, canvas: boolean): ClashmapStore {
  const store = createClashmapStore();
  store.getState().openMap(generateMap(nodes), null, { savedToFile: true });
  if (canvas) draw(store);
  return store;
}

/** The bench's edits, each one undo step: text, move, new claim by reply, relation kind. */
function makeEdits(store: ClashmapStore, edits: number, canvas: boolean): void {
  const ids = store.getState().map.nodes.map((n) => n.id);
  const edgeIds = store.getState().map.edges.map((e) => e.id);
  for (let i = 0; i < edits; i++) {
    const s = store.getState();
    const id = ids[(i * 7919) % ids.length]!;
    switch (i % 4) {
      case 0:
        s.updateNode(id, { text: `Edited claim number ${i}` });
        break;
      case 1: {
        // A generated map leaves positions to auto-layout; a move gives the node its own.
        const at = s.map.nodes.find((n) => n.id === id)?.position ?? { x: 0, y: 0 };
        s.applyLayout(new Map([[id, { x: at.x + 40 + i, y: at.y + 20 }]]));
        break;
      }
      case 2:
        s.select([id]);
        s.reply('support');
        s.stopEditing();
        break;
      default: {
        const edgeId = edgeIds[(i * 104729) % edgeIds.length]!;
        const edge = store.getState().map.edges.find((e) => e.id === edgeId);
        if (edge) s.updateEdge(edgeId, { kind: edge.kind === 'support' ? 'rebuttal' : 'support' });
      }
    }
    if (canvas) draw(store);
  }
}

function warmUp(nodes: number, edits: number, canvas: boolean): void {
  makeEdits(openGenerated(nodes, canvas), edits, canvas);
}

/** One more copy of the map held alive, as a snapshot would be: its size in bytes. */
function snapshotBytes(store: ClashmapStore): number {
  const before = heapAfterGc();
  const copy = structuredClone(store.getState().map);
  const after = heapAfterGc();
  if (copy.nodes.length === 0) throw new Error('unreachable');
  return after - before;
}

export function measureHistoryMemory(
  nodes = 5000,
  edits = 300,
  { canvas = false }: { canvas?: boolean } = {},
): HistoryMemory {
  // V8 drops the bytecode of functions that have not run for a few collections, and this bench
  // collects often: whether the bytecode of what ran before (the warm-up's loading, say) was
  // dropped before or after the first reading moved the growth by about 0.5 MB from run to
  // run. It is kept during the measurement, and V8's default is restored after it.
  setFlagsFromString('--no-flush-bytecode');
  try {
    return measure(nodes, edits, canvas);
  } finally {
    setFlagsFromString('--flush-bytecode');
  }
}

function measure(nodes: number, edits: number, canvas: boolean): HistoryMemory {
  warmUp(nodes, Math.min(edits, 100), canvas);
  const store = openGenerated(nodes, canvas);
  const before = heapAfterGc();
  makeEdits(store, edits, canvas);
  const after = heapAfterGc();
  const undoSteps = store.history.getState().past.length;
  store.history.clear();
  const cleared = heapAfterGc();
  const snapshot = snapshotBytes(store);
  const mb = (bytes: number) => bytes / 1024 ** 2;
  return {
    nodes,
    edits,
    undoSteps,
    growthMb: mb(after - before),
    contentMb: mb(cleared - before),
    historyMb: mb(after - cleared),
    historyKbPerEdit: (after - cleared) / 1024 / Math.max(1, undoSteps),
    snapshotMb: mb(snapshot),
  };
}
