// How long one edit takes on a 5,000-node map, through the store as the app makes it, solo and
// with the map shared through Yjs (src/doc/yjsBinding.ts): the local edit written into the
// Y.Doc, and the same edit arriving at a second copy. The solo figure is the baseline measured
// in the same run, so the shared figures are read as ratios against it.
import * as Y from 'yjs';
import { bindStore } from '../src/doc/yjsBinding';
import { createClashmapStore } from '../src/store/store';
import { generateMap } from './generate';

export interface EditLatency {
  nodes: number;
  edits: number;
  /** Median ms per text edit, solo (no Yjs). */
  soloMs: number;
  /** Median ms per text edit with the store bound to a Y.Doc (the edit written into it). */
  sharedMs: number;
  /** Median ms for a peer's edit to be applied to this copy (Y update in, store updated). */
  remoteMs: number;
  /** Median bytes of the Yjs update one text edit sends. */
  updateBytes: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

export function measureEditLatency(nodes = 5000, edits = 200): EditLatency {
  const map = generateMap(nodes);
  const solo = createClashmapStore(map);
  const shared = createClashmapStore(map);
  const sharedDoc = new Y.Doc();
  bindStore(shared, sharedDoc);
  const peer = createClashmapStore();
  const peerDoc = new Y.Doc();
  Y.applyUpdate(peerDoc, Y.encodeStateAsUpdate(sharedDoc));
  bindStore(peer, peerDoc);
  const ids = map.nodes.map((n) => n.id);

  const updates: Uint8Array[] = [];
  sharedDoc.on('update', (update: Uint8Array) => updates.push(update));
  const soloMs: number[] = [];
  const sharedMs: number[] = [];
  const remoteMs: number[] = [];
  for (let i = 0; i < edits + 10; i++) {
    const id = ids[(i * 7919) % ids.length]!;
    const text = `Edited claim number ${i}`;
    let t = performance.now();
    solo.getState().updateNode(id, { text });
    const a = performance.now() - t;
    t = performance.now();
    shared.getState().updateNode(id, { text });
    const b = performance.now() - t;
    const update = updates[updates.length - 1]!;
    t = performance.now();
    Y.applyUpdate(peerDoc, update);
    const c = performance.now() - t;
    if (peer.getState().map.nodes.find((n) => n.id === id)?.text !== text) {
      throw new Error('the peer did not receive the edit');
    }
    if (i < 10) continue; // warm-up
    soloMs.push(a);
    sharedMs.push(b);
    remoteMs.push(c);
  }
  return {
    nodes,
    edits,
    soloMs: median(soloMs),
    sharedMs: median(sharedMs),
    remoteMs: median(remoteMs),
    updateBytes: median(updates.map((u) => u.byteLength)),
  };
}
