// How much memory undo history costs: 300 small edits on a 5,000-node map, each one undo step,
// through the store as the app makes them (text edits, moves, new claims, edge kinds). Heap is
// read after a full garbage collection before and after. For scale, the same run also reports
// what one whole-map copy costs, which is what each step kept when history held snapshots.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClashmapStore } from '../src/store/store';
import { generateMap } from './generate';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

export interface HistoryMemory {
  nodes: number;
  edits: number;
  undoSteps: number;
  /** Heap growth from the edits, history included, in MB. */
  growthMb: number;
  /** One whole-map copy (what a snapshot per step kept), in MB. */
  snapshotMb: number;
}

export function measureHistoryMemory(nodes = 5000, edits = 300): HistoryMemory {
  const map = generateMap(nodes);
  const store = createClashmapStore();
  store.getState().openMap(map, null, { savedToFile: true });
  const ids = store.getState().map.nodes.map((n) => n.id);
  const edgeIds = store.getState().map.edges.map((e) => e.id);

  const before = heapAfterGc();
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
  }
  const after = heapAfterGc();
  const undoSteps = store.history.getState().past.length;

  // One more copy of the map held alive, as a snapshot would be.
  const copyBefore = heapAfterGc();
  const copy = structuredClone(store.getState().map);
  const copyAfter = heapAfterGc();
  if (copy.nodes.length === 0) throw new Error('unreachable');

  return {
    nodes,
    edits,
    undoSteps,
    growthMb: (after - before) / 1024 ** 2,
    snapshotMb: (copyAfter - copyBefore) / 1024 ** 2,
  };
}
