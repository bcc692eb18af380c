import { describe, expect, it } from 'vitest';
import { autoLayout, type LayoutEngine } from '../../src/app/autoLayout';
import { createClashmapStore } from '../../src/store/store';
import type { ClashMap } from '../../src/model/map';

const map: ClashMap = {
  format: 'clashmap',
  version: 5,
  title: 'Layout',
  sources: [],
  nodes: [
    { id: 'p', kind: 'position', text: 'A position', evidence: [], position: { x: 0, y: 0 } },
    { id: 'c', kind: 'claim', text: 'A claim', evidence: [], position: { x: 900, y: 900 } },
  ],
  edges: [{ id: 'e', kind: 'support', from: 'c', to: 'p' }],
};

const opened = () => {
  const store = createClashmapStore();
  store.getState().openMap(map, 'layout.clashmap.json', { savedToFile: true });
  return store;
};

const engine: LayoutEngine = async () =>
  new Map([
    ['p', { x: 0, y: 0 }],
    ['c', { x: 20, y: 160 }],
  ]);

const placeOf = (store: ReturnType<typeof opened>, id: string) =>
  store.getState().map.nodes.find((n) => n.id === id)?.position;

describe('auto-layout', () => {
  it('applies the engine’s places as one undoable step', async () => {
    const store = opened();
    const outcome = await autoLayout(store, engine);
    expect(outcome.status).toBe('applied');
    expect(placeOf(store, 'c')).toEqual({ x: 20, y: 160 });
    expect(store.history.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(placeOf(store, 'c')).toEqual({ x: 900, y: 900 });
  });

  it('an edit made while the layout is made ready is kept, and the layout not applied over it', async () => {
    const store = opened();
    // The edit lands once the layout's change is made, before it is committed (a key pressed
    // between the tasks that apply a large map's layout).
    const prepare = store.getState().prepareLayout;
    store.setState({
      prepareLayout: (positions) => {
        const prepared = prepare(positions);
        store.getState().updateNode('p', { text: 'Typed meanwhile' });
        return prepared;
      },
    });
    const outcome = await autoLayout(store, engine);
    expect(outcome.status).toBe('stale');
    expect(store.getState().map.nodes.find((n) => n.id === 'p')?.text).toBe('Typed meanwhile');
    expect(placeOf(store, 'c')).toEqual({ x: 900, y: 900 });
  });

  it('a layout that fails says why and changes nothing', async () => {
    const store = opened();
    const before = store.getState().map;
    const outcome = await autoLayout(store, async () => {
      throw new Error('the engine gave up');
    });
    expect(outcome).toEqual({ status: 'failed', reason: 'the engine gave up' });
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice?.text).toBe('Layout failed: the engine gave up');
  });
});
