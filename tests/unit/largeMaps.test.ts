import { describe, expect, it } from 'vitest';
import { generateMap } from '../../bench/generate';
import { layOutLarge, showMapInSteps } from '../../src/components/largeMaps';
import { LARGE_MAP_NODES } from '../../src/components/canvasScale';
import { estimateNodeSize } from '../../src/layout/nodeSize';
import { selectFlowNodes } from '../../src/store/canvasProjection';
import { createClashmapStore, type ClashmapStore } from '../../src/store/store';

const big = () => generateMap(LARGE_MAP_NODES + 300);

/** The state a caller sees of an open map, without what differs by store (revision serials). */
const seen = (store: ClashmapStore) => {
  const s = store.getState();
  return {
    map: s.map,
    fileName: s.fileName,
    dirty: s.savedRevision !== s.revision,
    autoPositions: s.autoPositions,
    layoutPending: s.layoutPending,
    selected: s.selectedNodeIds,
    editing: s.editingNodeId,
    undoSteps: store.history.getState().past.length,
    drawn: store.flowNodes().map((n) => ({ id: n.id, position: n.position })),
  };
};

describe('a large map opened in steps', () => {
  it('ends as the same map opened at once: its layout, drawing, saved state and empty history', async () => {
    const map = big();
    const atOnce = createClashmapStore();
    atOnce.getState().openMap(map, 'big.clashmap.json', { savedToFile: true });
    const inSteps = createClashmapStore();
    inSteps.getState().addNode('claim');
    await showMapInSteps(inSteps, map, 'big.clashmap.json', { savedToFile: true });
    expect(seen(inSteps)).toEqual(seen(atOnce));
    expect(seen(inSteps).undoSteps).toBe(0);
    expect(seen(inSteps).dirty).toBe(false);
  });

  it('commits the layout and the canvas drawing made ahead, not made again', () => {
    const map = big();
    const store = createClashmapStore();
    const prepared = store.getState().prepareOpen(map, { savedToFile: true });
    prepared.project();
    const madeAhead = selectFlowNodes({ ...store.getState(), ...prepared.opening });
    store.getState().openMap(map, 'big.clashmap.json', { savedToFile: true, prepared });
    // The layout and the drawing are the ones made ahead, not made again.
    expect(store.getState().autoPositions).toBe(prepared.opening.autoPositions);
    expect(store.flowNodes()).toBe(madeAhead);
    expect(store.flowNodes()).toHaveLength(map.nodes.length);
  });

  it('a preparation made for another map is not used', () => {
    const store = createClashmapStore();
    const prepared = store.getState().prepareOpen(big(), {});
    const other = big();
    store.getState().openMap(other, 'other.clashmap.json', { savedToFile: true, prepared });
    expect(store.getState().map.nodes).toEqual(other.nodes);
    expect(store.getState().map).not.toBe(prepared.opening.map);
  });
});

describe('a large map laid out again with its first measured sizes', () => {
  const measuredTaller = (store: ClashmapStore) => {
    const claim = store.getState().map.nodes.find((n) => n.kind === 'claim' && !n.position)!;
    const guess = estimateNodeSize(claim);
    return new Map([[claim.id, { width: guess.width, height: guess.height + 200 }]]);
  };

  it('applies the layout made ahead when the map and its layout are as they were', () => {
    const store = createClashmapStore();
    store.getState().openMap(big(), 'big.clashmap.json', { savedToFile: true });
    const prepared = store.getState().prepareRelayout(measuredTaller(store));
    expect(prepared.positions).not.toBe(store.getState().autoPositions);
    prepared.project();
    store.getState().relayoutWithSizes(prepared);
    expect(store.getState().autoPositions).toBe(prepared.positions);
    expect(store.getState().layoutPending).toBe(false);
  });

  it('is made again, not applied stale, when the map changed meanwhile', () => {
    const store = createClashmapStore();
    store.getState().openMap(big(), 'big.clashmap.json', { savedToFile: true });
    const prepared = store.getState().prepareRelayout(measuredTaller(store));
    const id = store.getState().addNode('claim', { x: -5000, y: -5000 });
    store.getState().stopEditing();
    store.getState().relayoutWithSizes(prepared);
    expect(store.getState().autoPositions).not.toBe(prepared.positions);
    expect(store.getState().layoutPending).toBe(false);
    expect(store.getState().map.nodes.some((n) => n.id === id)).toBe(true);
  });

  it('stops, applying nothing, once another map is opened (stale)', async () => {
    const store = createClashmapStore();
    store.getState().openMap(big(), 'big.clashmap.json', { savedToFile: true });
    let calls = 0;
    const bounds = await layOutLarge(store, () => ++calls > 2);
    expect(bounds).toBeNull();
    expect(store.getState().layoutPending).toBe(true);
  });

  it('lays the map out and gives bounds around its cards', async () => {
    const store = createClashmapStore();
    store.getState().openMap(big(), 'big.clashmap.json', { savedToFile: true });
    const bounds = await layOutLarge(store, () => false);
    expect(store.getState().layoutPending).toBe(false);
    expect(bounds).not.toBeNull();
    const nodes = store.flowNodes();
    const lowest = Math.max(...nodes.map((n) => n.position.y));
    expect(bounds!.y + bounds!.height).toBeGreaterThan(lowest);
    expect(bounds!.width).toBeGreaterThan(0);
  });
});
