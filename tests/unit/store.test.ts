import { selectFlowEdges, selectFlowNodes } from '../../src/store/canvasProjection';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { generateMap } from '../../bench/generate';
import { LARGE_MAP_NODES } from '../../src/components/canvasScale';
import { estimateNodeSize } from '../../src/layout/nodeSize';
import { checkInvariants } from '../../src/model/invariants';
import { mergeMaps } from '../../src/model/merge';
import type { ClashMap } from '../../src/model/map';
import type { MapNode } from '../../src/model/node';
import type { ArgumentFlowEdge, ArgumentFlowNode } from '../../src/store/flowAdapter';
import { addSource } from '../../src/store/sourceEdits';
import {
  createClashmapStore,
  isDirty as isDirtyState,
  type ClashmapStore,
} from '../../src/store/store';

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers

const TEXT = 'Mexico coordinates and collaborates, but does not subordinate itself.';
const QUOTE = 'does not subordinate itself';

/** A position, three claims (a and b support it, c rebuts a), one quote, some saved positions. */
function sampleMap(): ClashMap {
  const start = TEXT.indexOf(QUOTE);
  return {
    format: 'clashmap',
    version: 5,
    title: 'Strikes',
    sources: [{ id: 'article', title: 'Report', text: TEXT }],
    nodes: [
      { id: 'pos', kind: 'position', text: 'Cooperate with Mexico', evidence: [] },
      {
        id: 'a',
        kind: 'claim',
        text: 'Mexico will not be subordinated',
        evidence: [
          {
            id: 'q1',
            sourceId: 'article',
            quote: QUOTE,
            start,
            end: start + QUOTE.length,
            speaker: 'CS',
          },
        ],
        position: { x: 400, y: 0 },
      },
      {
        id: 'b',
        kind: 'claim',
        text: 'Mexico already collaborates',
        evidence: [],
        position: { x: 400, y: 300 },
      },
      { id: 'c', kind: 'claim', text: 'Collaboration is a fig leaf', evidence: [] },
    ],
    edges: [
      { id: 'e-a-pos', from: 'a', to: 'pos', kind: 'support' },
      { id: 'e-b-pos', from: 'b', to: 'pos', kind: 'support' },
      { id: 'e-c-a', from: 'c', to: 'a', kind: 'rebuttal' },
    ],
  };
}

/** A store holding the sample map as if just opened from a file: clean, nothing to undo. */
function openedStore(map: ClashMap = sampleMap()): ClashmapStore {
  const store = createClashmapStore();
  store.getState().openMap(map, 'strikes.clashmap.json', { savedToFile: true });
  return store;
}

const undoSteps = (store: ClashmapStore) => store.history.getState().past.length;
const redoSteps = (store: ClashmapStore) => store.history.getState().future.length;
const undo = (store: ClashmapStore) => store.getState().undo();
const redo = (store: ClashmapStore) => store.getState().redo();
/** The product's own test of unsaved changes (what the save status and the discard prompt use). */
const isDirty = (store: ClashmapStore) => isDirtyState(store.getState());

const node = (store: ClashmapStore, id: string): MapNode | undefined =>
  store.getState().map.nodes.find((n) => n.id === id);
const flowNode = (store: ClashmapStore, id: string): ArgumentFlowNode | undefined =>
  selectFlowNodes(store.getState()).find((n) => n.id === id);

const drag = (
  id: string,
  x: number,
  y: number,
  dragging: boolean,
): NodeChange<ArgumentFlowNode> => ({
  type: 'position',
  id,
  position: { x, y },
  dragging,
});
const selectNode = (id: string, selected = true): NodeChange<ArgumentFlowNode> => ({
  type: 'select',
  id,
  selected,
});
const selectEdge = (id: string, selected = true): EdgeChange<ArgumentFlowEdge> => ({
  type: 'select',
  id,
  selected,
});

/**
 * Runs `gesture` and checks it made exactly one undo step, that undo gives back the very map
 * from before and redo the very map from after. `check` runs right after the gesture, before
 * the undo (undo and redo change the selection). Returns the maps before and after.
 */
function expectOneUndoStep(store: ClashmapStore, gesture: () => void, check?: () => void) {
  const before = store.getState().map;
  const steps = undoSteps(store);
  gesture();
  const after = store.getState().map;
  expect(undoSteps(store)).toBe(steps + 1);
  expect(after).not.toBe(before);
  expect(checkInvariants(after)).toEqual([]);
  check?.();
  undo(store);
  expect(store.getState().map).toEqual(before);
  expect(undoSteps(store)).toBe(steps);
  expect(redoSteps(store)).toBe(1);
  redo(store);
  expect(store.getState().map).toEqual(after);
  expect(undoSteps(store)).toBe(steps + 1);
  expect(redoSteps(store)).toBe(0);
  return { before, after };
}

/** Runs `gesture` and checks that the map and the undo history are untouched by it. */
function expectNoHistory(store: ClashmapStore, gesture: () => void) {
  const map = store.getState().map;
  const past = undoSteps(store);
  const future = redoSteps(store);
  gesture();
  expect(undoSteps(store)).toBe(past);
  expect(redoSteps(store)).toBe(future);
  expect(store.getState().map).toBe(map);
}

// ---------------------------------------------------------------------------------------------

describe('a freshly opened map', () => {
  it('has nothing to undo or redo once history is cleared after openMap', () => {
    const store = openedStore();
    expect(undoSteps(store)).toBe(0);
    expect(redoSteps(store)).toBe(0);
    const map = store.getState().map;
    undo(store);
    expect(store.getState().map).toBe(map);
  });

  it('clears the previous map’s history, selection and editor when another is opened', () => {
    const store = openedStore();
    store.getState().addNode('claim');
    store.getState().openMap(sampleMap(), 'other.clashmap.json', { savedToFile: true });
    expect(undoSteps(store)).toBe(0);
    expect(store.getState().selectedNodeIds).toEqual([]);
    expect(store.getState().editingNodeId).toBeNull();
    expect(store.getState().fileName).toBe('other.clashmap.json');
    expect(selectFlowNodes(store.getState()).map((n) => n.id)).toEqual(['pos', 'a', 'b', 'c']);
  });

  it('draws every node, including those without a saved position, and every edge', () => {
    const store = openedStore();
    expect(selectFlowNodes(store.getState()).map((n) => n.id)).toEqual(['pos', 'a', 'b', 'c']);
    expect(flowNode(store, 'a')?.position).toEqual({ x: 400, y: 0 });
    expect(selectFlowEdges(store.getState()).map((e) => e.id)).toEqual([
      'e-a-pos',
      'e-b-pos',
      'e-c-a',
    ]);
  });

  it('starts a store built straight from a map with an empty history', () => {
    const store = createClashmapStore(sampleMap());
    expect(undoSteps(store)).toBe(0);
    expect(store.getState().map.nodes).toHaveLength(4);
  });
});

describe('every document change is one undo step', () => {
  it('adding a node', () => {
    const store = openedStore();
    let id = '';
    const { after } = expectOneUndoStep(
      store,
      () => {
        id = store.getState().addNode('position', { x: 2000, y: 0 });
      },
      () => {
        expect(store.getState().selectedNodeIds).toEqual([id]);
        expect(store.getState().editingNodeId).toBe(id);
        expect(flowNode(store, id)?.data.editing).toBe(true);
      },
    );
    expect(after.nodes.at(-1)).toMatchObject({
      id,
      kind: 'position',
      text: 'New position',
      evidence: [],
      position: { x: 2000, y: 0 },
    });
  });

  it('typing a node’s text (each committed update)', () => {
    const store = openedStore();
    expectOneUndoStep(store, () =>
      store.getState().updateNode('b', { text: 'Mexico collaborates' }),
    );
    expectOneUndoStep(store, () => store.getState().updateNode('b', { text: 'Mexico cooperates' }));
    expect(node(store, 'b')?.text).toBe('Mexico cooperates');
    expect(undoSteps(store)).toBe(2);
    undo(store);
    expect(node(store, 'b')?.text).toBe('Mexico collaborates');
    undo(store);
    expect(node(store, 'b')?.text).toBe('Mexico already collaborates');
  });

  it('connecting two nodes (and the new edge is selected)', () => {
    const store = openedStore();
    const { after } = expectOneUndoStep(
      store,
      () => expect(store.getState().connect('c', 'pos', 'rebuttal')).toBe(true),
      () => {
        const edge = store.getState().map.edges.at(-1)!;
        expect(store.getState().selectedEdgeIds).toEqual([edge.id]);
        expect(selectFlowEdges(store.getState()).find((e) => e.id === edge.id)?.selected).toBe(
          true,
        );
      },
    );
    expect(after.edges.at(-1)).toMatchObject({ from: 'c', to: 'pos', kind: 'rebuttal' });
  });

  it('flipping an edge between support and rebuttal', () => {
    const store = openedStore();
    const { after } = expectOneUndoStep(store, () => {
      expect(store.getState().updateEdge('e-c-a', { kind: 'support' })).toBe(true);
    });
    expect(after.edges.find((e) => e.id === 'e-c-a')?.kind).toBe('support');
  });

  it('setting an edge’s note', () => {
    const store = openedStore();
    const { after } = expectOneUndoStep(store, () =>
      store.getState().updateEdge('e-b-pos', { note: 'Shared work' }),
    );
    expect(after.edges.find((e) => e.id === 'e-b-pos')?.note).toBe('Shared work');
  });

  it('deleting a node with its edges; undo restores both', () => {
    const store = openedStore();
    store.getState().select(['a']);
    const { before } = expectOneUndoStep(store, () => store.getState().deleteSelection());
    // After the redo inside expectOneUndoStep, a and its three edges are gone.
    expect(node(store, 'a')).toBeUndefined();
    expect(store.getState().map.edges.map((e) => e.id)).toEqual(['e-b-pos']);
    expect(flowNode(store, 'a')).toBeUndefined();
    expect(selectFlowEdges(store.getState()).map((e) => e.id)).toEqual(['e-b-pos']);
    undo(store);
    expect(store.getState().map).toEqual(before);
    expect(node(store, 'a')).toEqual(sampleMap().nodes[1]);
    expect(store.getState().map.edges.map((e) => e.id)).toEqual(['e-a-pos', 'e-b-pos', 'e-c-a']);
    expect(flowNode(store, 'a')).toBeDefined();
    expect(selectFlowEdges(store.getState()).map((e) => e.id)).toEqual([
      'e-a-pos',
      'e-b-pos',
      'e-c-a',
    ]);
  });

  it('deleting an edge only', () => {
    const store = openedStore();
    const { after } = expectOneUndoStep(store, () =>
      store.getState().deleteElements([], ['e-c-a']),
    );
    expect(after.nodes).toHaveLength(4);
    expect(after.edges.map((e) => e.id)).toEqual(['e-a-pos', 'e-b-pos']);
  });

  it('deleting several selected nodes and edges at once', () => {
    const store = openedStore();
    store.getState().select(['b', 'c'], ['e-a-pos']);
    const { after } = expectOneUndoStep(store, () => store.getState().deleteSelection());
    expect(after.nodes.map((n) => n.id)).toEqual(['pos', 'a']);
    expect(after.edges).toEqual([]);
  });

  it('pasting', () => {
    const store = openedStore();
    store.getState().select(['a', 'c']);
    expect(store.getState().copySelection()).toBe(2);
    expectOneUndoStep(store, () => expect(store.getState().paste()).toBe(2));
  });

  it('a drag, committed once when it ends (dragging: false)', () => {
    const store = openedStore();
    const before = store.getState().map;
    for (let i = 1; i <= 10; i++)
      store.getState().applyNodeChanges([drag('b', 400 + i * 10, 300 + i * 5, true)]);
    // The ticks move the drawing only.
    expect(store.getState().map).toBe(before);
    expect(undoSteps(store)).toBe(0);
    expect(flowNode(store, 'b')?.position).toEqual({ x: 500, y: 350 });

    const { after } = expectOneUndoStep(store, () =>
      store.getState().applyNodeChanges([drag('b', 510.4, 355.6, false)]),
    );
    expect(after.nodes.find((n) => n.id === 'b')?.position).toEqual({ x: 510, y: 356 });
    expect(flowNode(store, 'b')?.position).toEqual({ x: 510, y: 356 });
    undo(store);
    expect(node(store, 'b')?.position).toEqual({ x: 400, y: 300 });
    // The drawing follows the undo.
    expect(flowNode(store, 'b')?.position).toEqual({ x: 400, y: 300 });
  });

  it('a refused drop keeps the rest of its batch and puts the node back', () => {
    const store = openedStore();
    const before = store.getState().map;
    const at = flowNode(store, 'b')?.position;
    store.getState().applyNodeChanges([
      {
        type: 'dimensions',
        id: 'a',
        dimensions: { width: 321, height: 123 },
        setAttributes: true,
      },
      drag('b', 5_000_000, 10, false),
    ]);
    expect(store.getState().map).toBe(before);
    expect(undoSteps(store)).toBe(0);
    expect(store.getState().notice?.text).toContain('must be between -1,000,000 and 1,000,000');
    expect(flowNode(store, 'b')?.position).toEqual(at);
    expect(flowNode(store, 'a')?.measured).toEqual({ width: 321, height: 123 });
  });

  it('a drag of several nodes together is one step', () => {
    const store = openedStore();
    store.getState().applyNodeChanges([drag('a', 410, 10, true), drag('b', 410, 310, true)]);
    const { after } = expectOneUndoStep(store, () =>
      store.getState().applyNodeChanges([drag('a', 420, 20, false), drag('b', 420, 320, false)]),
    );
    expect(after.nodes.find((n) => n.id === 'a')?.position).toEqual({ x: 420, y: 20 });
    expect(after.nodes.find((n) => n.id === 'b')?.position).toEqual({ x: 420, y: 320 });
  });

  it('dropping a node that had no saved position saves one', () => {
    const store = openedStore();
    const { after } = expectOneUndoStep(store, () =>
      store.getState().applyNodeChanges([drag('c', -50, 700, false)]),
    );
    expect(after.nodes.find((n) => n.id === 'c')?.position).toEqual({ x: -50, y: 700 });
  });

  it('applying a layout', () => {
    const store = openedStore();
    const { after } = expectOneUndoStep(store, () =>
      store.getState().applyLayout(
        new Map([
          ['pos', { x: 0, y: 0 }],
          ['a', { x: 28, y: 120 }],
          ['b', { x: 28, y: 240 }],
          ['c', { x: 56, y: 360 }],
        ]),
      ),
    );
    expect(after.nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 28, y: 120 },
      { x: 28, y: 240 },
      { x: 56, y: 360 },
    ]);
  });

  it('applying a layout prepared ahead, its drawing made ready before the commit', () => {
    const store = openedStore();
    const places = new Map([
      ['pos', { x: 0, y: 0 }],
      ['c', { x: 56, y: 360 }],
    ]);
    const prepared = store.getState().prepareLayout(places);
    // Preparing changes nothing yet.
    expect(undoSteps(store)).toBe(0);
    expect(store.getState().map.nodes.find((n) => n.id === 'c')?.position).not.toEqual({
      x: 56,
      y: 360,
    });
    prepared.project();
    const drawnAhead = store.getState().projection.nodes;
    expect(drawnAhead.find((n) => n.id === 'c')?.position).toEqual({ x: 56, y: 360 });
    const { after } = expectOneUndoStep(store, () => {
      store.getState().applyLayout(prepared);
      // The canvas finds the drawing made ahead: the very same nodes.
      expect(selectFlowNodes(store.getState())).toBe(drawnAhead);
    });
    expect(after.nodes.find((n) => n.id === 'c')?.position).toEqual({ x: 56, y: 360 });
  });

  it('a layout prepared before another edit is made again on the map as it is, keeping the edit', () => {
    const store = openedStore();
    const prepared = store.getState().prepareLayout(new Map([['c', { x: 56, y: 360 }]]));
    store.getState().updateNode('a', { text: 'Edited meanwhile' });
    store.getState().applyLayout(prepared);
    const nodes = store.getState().map.nodes;
    expect(nodes.find((n) => n.id === 'a')?.text).toBe('Edited meanwhile');
    expect(nodes.find((n) => n.id === 'c')?.position).toEqual({ x: 56, y: 360 });
    expect(checkInvariants(store.getState().map)).toEqual([]);
    undo(store);
    expect(store.getState().map.nodes.find((n) => n.id === 'a')?.text).toBe('Edited meanwhile');
  });

  it('renaming the map (trimmed)', () => {
    const store = openedStore();
    const { after } = expectOneUndoStep(store, () => store.getState().setTitle('  New title '));
    expect(after.title).toBe('New title');
  });

  it('a reply', () => {
    const store = openedStore();
    store.getState().select(['pos']);
    expectOneUndoStep(store, () => store.getState().reply('support'));
  });
});

describe('cards make room', () => {
  const measure = (id: string, width: number, height: number): NodeChange<ArgumentFlowNode> => ({
    type: 'dimensions',
    id,
    dimensions: { width, height },
    setAttributes: true,
  });

  it('a saved card that grows over the card below draws that card below it; the document keeps both places', () => {
    const store = openedStore();
    store.getState().applyNodeChanges([measure('a', 280, 100), measure('b', 280, 100)]);
    expect(flowNode(store, 'b')?.position).toEqual({ x: 400, y: 300 });
    const before = store.getState().map;
    store.getState().applyNodeChanges([measure('a', 280, 340)]);
    expect(flowNode(store, 'a')?.position).toEqual({ x: 400, y: 0 });
    expect(flowNode(store, 'b')?.position).toEqual({ x: 400, y: 356 });
    // Only the drawing moved: no edit, nothing to undo, the saved place is kept.
    expect(store.getState().map).toBe(before);
    expect(node(store, 'b')?.position).toEqual({ x: 400, y: 300 });
    // It shrinks back: b is drawn at its own place again.
    store.getState().applyNodeChanges([measure('a', 280, 100)]);
    expect(flowNode(store, 'b')?.position).toEqual({ x: 400, y: 300 });
  });

  it('a large map, laid out, takes no note of a card first measured within its estimate; a taller one makes room', () => {
    const big = generateMap(LARGE_MAP_NODES + 100);
    const store = createClashmapStore(big);
    store.getState().relayoutWithSizes(new Map());
    const claim = big.nodes.find((n) => n.kind === 'claim' && !n.position)!;
    const guess = estimateNodeSize(claim);
    const before = store.getState();
    // Came into view, smaller than guessed: drawn where it is; nothing is recomputed.
    store.getState().applyNodeChanges([measure(claim.id, guess.width, guess.height - 20)]);
    expect(store.getState().measured).toBe(before.measured);
    expect(store.getState().autoPositions).toBe(before.autoPositions);
    // First measured taller than guessed: it would overlap the card below, so it is taken in.
    store.getState().applyNodeChanges([measure(claim.id, guess.width, guess.height + 40)]);
    expect(store.getState().measured.get(claim.id)).toEqual({
      width: guess.width,
      height: guess.height + 40,
    });
    expect(store.getState().autoPositions).not.toBe(before.autoPositions);
  });

  it('a card of a large map that is selected or opened for typing keeps the size React Flow measured, though the store took no note of it', () => {
    const big = generateMap(LARGE_MAP_NODES + 100);
    const store = createClashmapStore(big);
    store.getState().relayoutWithSizes(new Map());
    const claim = big.nodes.find((n) => n.kind === 'claim' && !n.position)!;
    const guess = estimateNodeSize(claim);
    const drawn = { width: guess.width - 10, height: guess.height - 20 };
    store.getState().applyNodeChanges([measure(claim.id, drawn.width, drawn.height)]);
    expect(store.getState().measured.has(claim.id)).toBe(false);
    // Its flow node is made anew: it tells React Flow the size it measured, not nothing (React
    // Flow would forget it, and route every line with the estimate until it measured again).
    store.getState().select([claim.id]);
    expect(flowNode(store, claim.id)?.measured).toEqual(drawn);
    store.getState().startEditing(claim.id);
    expect(flowNode(store, claim.id)?.measured).toEqual(drawn);
    // Once its words change, the size measured for the old words no longer holds.
    store.getState().updateNode(claim.id, { text: `${claim.text} and more words` });
    expect(flowNode(store, claim.id)?.measured).toBeUndefined();
  });

  it('a map being opened takes note of every card measured, to lay itself out with their sizes', () => {
    const big = generateMap(LARGE_MAP_NODES + 100);
    const store = createClashmapStore(big);
    expect(store.getState().layoutPending).toBe(true);
    const claim = big.nodes.find((n) => n.kind === 'claim' && !n.position)!;
    const guess = estimateNodeSize(claim);
    store.getState().applyNodeChanges([measure(claim.id, guess.width, guess.height - 20)]);
    expect(store.getState().measured.get(claim.id)?.height).toBe(guess.height - 20);
  });

  it('a dropped card keeps the place it was dropped at, and the card under it moves down', () => {
    const store = openedStore();
    store.getState().applyNodeChanges([measure('a', 280, 100), measure('b', 280, 100)]);
    store.getState().applyNodeChanges([drag('b', 400, 20, false)]);
    expect(flowNode(store, 'b')?.position).toEqual({ x: 400, y: 20 });
    expect(flowNode(store, 'a')?.position).toEqual({ x: 400, y: 136 });
  });
});

describe('a read-only store (a class room’s view link)', () => {
  it('refuses the person’s edits and says why, and still takes changes from the room', () => {
    const store = openedStore();
    store.getState().setReadOnly('This is a view-only link.');
    const before = store.getState().map;
    store.getState().addNode('claim');
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice?.text).toBe('This is a view-only link.');
    const fromRoom = { ...before, title: 'Renamed by the teacher' };
    expect(store.getState().applyRemote(fromRoom, [], 'the teacher')).toBe(true);
    expect(store.getState().map.title).toBe('Renamed by the teacher');
    store.getState().setReadOnly(null);
    store.getState().addNode('claim');
    expect(store.getState().map.nodes.length).toBe(before.nodes.length + 1);
  });
});

describe('session changes make no history', () => {
  it('drag ticks (dragging: true)', () => {
    const store = openedStore();
    expectNoHistory(store, () => {
      store.getState().applyNodeChanges([drag('a', 500, 50, true)]);
      store.getState().applyNodeChanges([drag('c', 10, 10, true)]);
    });
    expect(flowNode(store, 'a')?.position).toEqual({ x: 500, y: 50 });
  });

  it('selection, by React Flow change events and by select()', () => {
    const store = openedStore();
    expectNoHistory(store, () =>
      store.getState().applyNodeChanges([selectNode('b'), selectNode('a')]),
    );
    // Kept in map order, whatever order the events came in.
    expect(store.getState().selectedNodeIds).toEqual(['a', 'b']);
    expect(flowNode(store, 'a')?.selected).toBe(true);
    expectNoHistory(store, () => store.getState().applyNodeChanges([selectNode('a', false)]));
    expect(store.getState().selectedNodeIds).toEqual(['b']);
    expect(flowNode(store, 'a')?.selected).toBe(false);
    expectNoHistory(store, () => store.getState().applyEdgeChanges([selectEdge('e-c-a')]));
    expect(store.getState().selectedEdgeIds).toEqual(['e-c-a']);
    expectNoHistory(store, () => store.getState().select(['c'], ['e-a-pos']));
    expect(store.getState().selectedNodeIds).toEqual(['c']);
    expect(store.getState().selectedEdgeIds).toEqual(['e-a-pos']);
    expect(selectFlowEdges(store.getState()).find((e) => e.id === 'e-a-pos')?.selected).toBe(true);
  });

  it('measured sizes (dimensions changes) and the relayout they lead to', () => {
    const store = openedStore();
    expectNoHistory(store, () =>
      store.getState().applyNodeChanges([
        { type: 'dimensions', id: 'pos', dimensions: { width: 300, height: 120 } },
        { type: 'dimensions', id: 'c', dimensions: { width: 280, height: 80 } },
      ]),
    );
    expect(flowNode(store, 'pos')?.measured).toEqual({ width: 300, height: 120 });
    expectNoHistory(store, () =>
      store.getState().relayoutWithSizes(
        new Map([
          ['pos', { width: 300, height: 120 }],
          ['c', { width: 280, height: 80 }],
        ]),
      ),
    );
    expect(store.getState().layoutPending).toBe(false);
  });

  it('notices, editing, view requests', () => {
    const store = openedStore();
    expectNoHistory(store, () => {
      store.getState().notify('info', 'Saved.');
      store.getState().dismissNotice();
      store.getState().startEditing('b');
      store.getState().stopEditing();
      store.getState().requestView(['a']);
    });
  });

  it('remove changes from React Flow are ignored (deletion goes through deleteElements)', () => {
    const store = openedStore();
    expectNoHistory(store, () => {
      store.getState().applyNodeChanges([{ type: 'remove', id: 'a' }]);
      store.getState().applyEdgeChanges([{ type: 'remove', id: 'e-c-a' }]);
    });
    expect(flowNode(store, 'a')).toBeDefined();
    expect(selectFlowEdges(store.getState()).map((e) => e.id)).toContain('e-c-a');
  });

  it('a drop where the node already is', () => {
    const store = openedStore();
    expectNoHistory(store, () => store.getState().applyNodeChanges([drag('a', 400, 0, false)]));
  });

  it('a title that is blank or unchanged', () => {
    const store = openedStore();
    expectNoHistory(store, () => {
      store.getState().setTitle('   ');
      store.getState().setTitle(' Strikes ');
    });
  });

  it('copying', () => {
    const store = openedStore();
    store.getState().select(['a']);
    expectNoHistory(store, () => store.getState().copySelection());
  });

  it('deleting with nothing selected', () => {
    const store = openedStore();
    expectNoHistory(store, () => store.getState().deleteSelection());
  });
});

describe('a gesture that changes nothing makes no undo step', () => {
  it('committing a node’s text unchanged', () => {
    const store = openedStore();
    expectNoHistory(store, () =>
      store.getState().updateNode('b', { text: 'Mexico already collaborates' }),
    );
  });

  it('choosing the kind an edge already has', () => {
    const store = openedStore();
    expectNoHistory(store, () => store.getState().updateEdge('e-c-a', { kind: 'rebuttal' }));
  });

  it('deleting an edge that is already gone', () => {
    const store = openedStore();
    expectNoHistory(store, () => store.getState().deleteElements([], ['no-such-edge']));
  });
});

describe('undo and redo', () => {
  it('walk back and forth through a sequence of edits, map for map', () => {
    const store = openedStore();
    const maps = [store.getState().map];
    store.getState().addNode('claim');
    maps.push(store.getState().map);
    store.getState().updateNode('c', { text: 'A fig leaf' });
    maps.push(store.getState().map);
    store.getState().connect('c', 'pos', 'rebuttal');
    maps.push(store.getState().map);
    store.getState().deleteElements(['b'], []);
    maps.push(store.getState().map);
    expect(undoSteps(store)).toBe(4);
    for (let i = 3; i >= 0; i--) {
      undo(store);
      expect(store.getState().map).toEqual(maps[i]);
    }
    const first = store.getState().map;
    undo(store); // nothing left: no change
    expect(store.getState().map).toBe(first);
    for (let i = 1; i <= 4; i++) {
      redo(store);
      expect(store.getState().map).toEqual(maps[i]);
    }
  });

  it('a new edit after undo discards the redo branch', () => {
    const store = openedStore();
    store.getState().updateNode('c', { text: 'One' });
    undo(store);
    expect(redoSteps(store)).toBe(1);
    store.getState().updateNode('c', { text: 'Two' });
    expect(redoSteps(store)).toBe(0);
    expect(undoSteps(store)).toBe(1);
  });

  it('clears the selection of a node that undo takes away', () => {
    const store = openedStore();
    const id = store.getState().addNode('claim');
    expect(store.getState().selectedNodeIds).toEqual([id]);
    undo(store);
    expect(node(store, id)).toBeUndefined();
    expect(store.getState().selectedNodeIds).toEqual([]);
    expect(flowNode(store, id)).toBeUndefined();
  });

  it('keeps the selection of nodes that survive the undo', () => {
    const store = openedStore();
    const id = store.getState().addNode('claim');
    store.getState().select(['a', id]);
    undo(store);
    expect(store.getState().selectedNodeIds).toEqual(['a']);
  });

  it('clears the selection of an edge that undo takes away', () => {
    const store = openedStore();
    store.getState().connect('c', 'pos', 'support');
    expect(store.getState().selectedEdgeIds).toHaveLength(1);
    undo(store);
    expect(store.getState().selectedEdgeIds).toEqual([]);
  });

  it('closes the editor of a node that undo takes away', () => {
    const store = openedStore();
    const id = store.getState().addNode('claim');
    expect(store.getState().editingNodeId).toBe(id);
    undo(store);
    expect(store.getState().editingNodeId).toBeNull();
    // …so that redo does not bring the node back already open for typing.
    redo(store);
    expect(flowNode(store, id)?.data.editing).toBe(false);
  });
});

describe('refusals leave the map and its history alone and say why', () => {
  const refusals: Array<[string, (store: ClashmapStore) => unknown, RegExp]> = [
    ['a self-loop', (s) => s.getState().connect('a', 'a', 'support'), /itself/],
    [
      'a duplicate connection',
      (s) => s.getState().connect('a', 'pos', 'support'),
      /already connected by a support edge/,
    ],
    [
      'a connection to a missing node',
      (s) => s.getState().connect('a', 'ghost', 'support'),
      /Both ends/,
    ],
    [
      'a flip that would duplicate an edge (c already supports a as well as rebutting it)',
      (s) => s.getState().updateEdge('e-c-a', { kind: 'support' }),
      /already connected by a support edge/,
    ],
    [
      'a change to a missing edge',
      (s) => s.getState().updateEdge('ghost', { note: 'x' }),
      /no longer exists/,
    ],
    ['a reply with nothing selected', (s) => s.getState().reply('support'), /Select a node first/],
  ];

  it.each(refusals)('%s', (_, gesture, reason) => {
    const map = sampleMap();
    map.edges.push({ id: 'e-c-a-support', from: 'c', to: 'a', kind: 'support' });
    const store = openedStore(map);
    // One step to undo and one to redo, to see that both survive the refusal.
    store.getState().addNode('claim');
    store.getState().addNode('claim');
    undo(store);
    store.getState().select([]);
    const before = store.getState().map;
    const result = gesture(store);
    expect(result === false || result === null).toBe(true);
    expect(store.getState().map).toBe(before);
    expect(undoSteps(store)).toBe(1);
    expect(redoSteps(store)).toBe(1);
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      text: expect.stringMatching(reason),
    });
  });

  it('each refusal is a new notice, and dismissing it clears it', () => {
    const store = openedStore();
    store.getState().connect('a', 'a', 'support');
    const first = store.getState().notice;
    store.getState().connect('a', 'a', 'support');
    const second = store.getState().notice;
    expect(second?.id).not.toBe(first?.id);
    store.getState().dismissNotice();
    expect(store.getState().notice).toBeNull();
  });
});

describe('reply gestures', () => {
  it.each([
    ['support', 'New supporting claim'],
    ['rebuttal', 'New rebuttal'],
  ] as const)('%s: adds a connected claim, selects it and opens it for typing', (kind, text) => {
    const store = openedStore();
    store.getState().select(['a']);
    const id = store.getState().reply(kind);
    expect(id).not.toBeNull();
    const map = store.getState().map;
    expect(map.nodes.at(-1)).toMatchObject({ id, kind: 'claim', text, evidence: [] });
    expect(map.edges.at(-1)).toMatchObject({ from: id, to: 'a', kind });
    expect(store.getState().selectedNodeIds).toEqual([id]);
    expect(store.getState().selectedEdgeIds).toEqual([]);
    expect(store.getState().editingNodeId).toBe(id);
    expect(flowNode(store, id!)?.data.editing).toBe(true);
    expect(checkInvariants(map)).toEqual([]);
    expect(undoSteps(store)).toBe(1);
  });

  it('places the reply where it does not cover another node', () => {
    const store = openedStore();
    store.getState().select(['a']);
    const first = store.getState().reply('support')!;
    store.getState().select(['a']);
    const second = store.getState().reply('rebuttal')!;
    const p1 = node(store, first)!.position!;
    const p2 = node(store, second)!.position!;
    expect(p1.x).toBeGreaterThan(400);
    expect(p2.y === p1.y && p2.x === p1.x).toBe(false);
  });

  it('is refused, with a notice, when more than one node is selected', () => {
    const store = openedStore();
    store.getState().select(['a', 'b']);
    const map = store.getState().map;
    expect(store.getState().reply('support')).toBeNull();
    expect(store.getState().map).toBe(map);
    expect(undoSteps(store)).toBe(0);
    expect(store.getState().notice?.tone).toBe('error');
  });

  it('undo takes away the reply and its edge together', () => {
    const store = openedStore();
    const map = store.getState().map;
    store.getState().select(['pos']);
    store.getState().reply('rebuttal');
    undo(store);
    expect(store.getState().map).toEqual(map);
    expect(store.getState().selectedNodeIds).toEqual([]);
  });
});

describe('copy and paste', () => {
  it('pastes copies with fresh ids, only the edges among them, selected, and offset', () => {
    const store = openedStore();
    store.getState().select(['a', 'c']);
    expect(store.getState().copySelection()).toBe(2);
    const before = store.getState().map;
    const drawnC = flowNode(store, 'c')!.position;
    expect(store.getState().paste()).toBe(2);
    const map = store.getState().map;
    const pasted = map.nodes.slice(before.nodes.length);
    const [a2, c2] = pasted;
    expect(pasted).toHaveLength(2);
    for (const n of pasted) expect(before.nodes.map((x) => x.id)).not.toContain(n.id);
    expect(a2).toMatchObject({
      text: 'Mexico will not be subordinated',
      evidence: before.nodes[1]!.evidence.map((quote) => ({ ...quote, id: expect.any(String) })),
    });
    expect(a2!.evidence[0]!.id).not.toBe(before.nodes[1]!.evidence[0]!.id);
    expect(c2).toMatchObject({ text: 'Collaboration is a fig leaf' });
    // Only c→a was among the copied nodes; a→pos was not copied.
    const edges = map.edges.slice(before.edges.length);
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ from: c2!.id, to: a2!.id, kind: 'rebuttal' });
    expect(before.edges.map((e) => e.id)).not.toContain(edges[0]!.id);
    expect(store.getState().selectedNodeIds).toEqual([a2!.id, c2!.id]);
    // Offset from the originals: a from its saved position, c from where it was drawn.
    expect(a2!.position!.x - 400).toBe(c2!.position!.x - Math.round(drawnC.x));
    expect(a2!.position!.y - 0).toBe(c2!.position!.y - Math.round(drawnC.y));
    expect(a2!.position!.x).toBeGreaterThan(400);
    expect(checkInvariants(map)).toEqual([]);
  });

  it('pasting again gives other fresh ids, further along', () => {
    const store = openedStore();
    store.getState().select(['b']);
    store.getState().copySelection();
    store.getState().paste();
    const first = store.getState().map.nodes.at(-1)!;
    store.getState().paste();
    const second = store.getState().map.nodes.at(-1)!;
    expect(second.id).not.toBe(first.id);
    expect(second.position!.x).toBeGreaterThan(first.position!.x);
    expect(store.getState().map.nodes).toHaveLength(6);
    expect(checkInvariants(store.getState().map)).toEqual([]);
  });

  it('copies nothing when nothing is selected', () => {
    const store = openedStore();
    store.getState().select([]);
    expect(store.getState().copySelection()).toBe(0);
  });

  it('keeps the map valid when pasting into another map whose source shares the id', () => {
    const store = openedStore();
    store.getState().select(['a']);
    store.getState().copySelection();
    const other: ClashMap = {
      format: 'clashmap',
      version: 5,
      title: 'Another article',
      sources: [
        {
          id: 'article',
          title: 'Another report',
          text: 'Talks are at an early stage, officials said.',
        },
      ],
      nodes: [],
      edges: [],
    };
    store.getState().openMap(other, 'other.clashmap.json', { savedToFile: true });
    expect(store.getState().paste()).toBe(1);
    expect(checkInvariants(store.getState().map)).toEqual([]);
  });
});

describe('unsaved changes', () => {
  it('a map opened from a file is clean; an edit makes it dirty; undo back to it is clean', () => {
    const store = openedStore();
    expect(isDirty(store)).toBe(false);
    store.getState().updateNode('b', { text: 'Changed' });
    expect(isDirty(store)).toBe(true);
    undo(store);
    expect(isDirty(store)).toBe(false);
    redo(store);
    expect(isDirty(store)).toBe(true);
  });

  it('markSaved makes the current map the clean one and records the file name', () => {
    const store = openedStore();
    store.getState().addNode('claim');
    store.getState().markSaved('saved.clashmap.json');
    expect(isDirty(store)).toBe(false);
    expect(store.getState().fileName).toBe('saved.clashmap.json');
    undo(store);
    expect(isDirty(store)).toBe(true);
    redo(store);
    expect(isDirty(store)).toBe(false);
  });

  it('a map not opened from a file counts as unsaved', () => {
    const store = createClashmapStore();
    store.getState().openMap(sampleMap(), null);
    expect(store.getState().savedRevision).toBeNull();
    expect(isDirty(store)).toBe(true);
  });

  it('assumptions kept with the map are unsaved changes; assumptions not kept are not', () => {
    const store = openedStore();
    store.getState().setAssumption('c', 'falls');
    expect(isDirty(store)).toBe(false);
    store.getState().setKeepAssumptions(true);
    expect(isDirty(store)).toBe(true);
    store.getState().markSaved('strikes.clashmap.json');
    expect(isDirty(store)).toBe(false);
    store.getState().setAssumption('c', 'stands');
    expect(isDirty(store)).toBe(true);
    store.getState().setAssumption('c', 'falls');
    expect(isDirty(store)).toBe(false);
  });

  it('session changes never make the map dirty', () => {
    const store = openedStore();
    store.getState().select(['a']);
    store.getState().applyNodeChanges([drag('a', 700, 700, true)]);
    store.getState().notify('error', 'x');
    store.getState().startEditing('b');
    expect(isDirty(store)).toBe(false);
  });
});

describe('ids are user data', () => {
  it('nodes named constructor, valueOf and toString stay put when another node is dragged', () => {
    const store = createClashmapStore();
    const names = ['constructor', 'valueOf', 'toString', 'hasOwnProperty'];
    store.getState().openMap(
      {
        ...sampleMap(),
        sources: [],
        nodes: [
          { id: 'pos', kind: 'position', text: 'A position', evidence: [] },
          ...names.map((id): MapNode => ({ id, kind: 'claim', text: `Claim ${id}`, evidence: [] })),
        ],
        edges: names.map((id) => ({
          id: `e-${id}`,
          from: id,
          to: 'pos',
          kind: 'support' as const,
        })),
      },
      'ids.clashmap.json',
      { savedToFile: true },
    );
    const drawn = new Map(names.map((id) => [id, flowNode(store, id)!.position]));
    for (const id of names) {
      expect(Number.isFinite(drawn.get(id)!.x), id).toBe(true);
      expect(drawn.get(id), id).not.toEqual({ x: 0, y: 0 });
    }
    store
      .getState()
      .applyNodeChanges([
        { type: 'dimensions', id: 'pos', dimensions: { width: 300, height: 80 } },
        drag('pos', 500, 500, false),
      ]);
    for (const id of names) {
      expect(flowNode(store, id)!.position, id).toEqual(drawn.get(id));
      // Only the dragged node gains a saved position.
      expect(node(store, id)!.position, id).toBeUndefined();
    }
    expect(node(store, 'pos')!.position).toEqual({ x: 500, y: 500 });
  });
});

describe('history keeps changes, not maps', () => {
  it('undo steps hold only the records each edit touched', () => {
    const store = openedStore();
    store.getState().updateNode('b', { text: 'One' });
    store.getState().updateNode('c', { text: 'Two' });
    const steps = store.history.getState().past;
    expect(steps).toHaveLength(2);
    for (const step of steps) {
      expect(step.change.nodes.updated.size).toBe(1);
      expect(step.change.nodes.added.size + step.change.nodes.removed.size).toBe(0);
      expect(step.change.edges.updated.size).toBe(0);
    }
  });

  it('undoing every kind of step gives back each map exactly, and redoing gives back the next', () => {
    const store = openedStore();
    const s = () => store.getState();
    const maps = [s().map];
    const edits = [
      () => s().updateNode('b', { text: 'Edited' }),
      () => s().applyLayout(new Map([['c', { x: 40, y: 700 }]])),
      () => {
        s().select(['a']);
        s().reply('rebuttal');
        s().stopEditing();
      },
      () => s().updateEdge('e-b-pos', { kind: 'rebuttal', note: 'Turned' }),
      () => s().setTitle('Strikes, again'),
      () => addSource(store, { title: 'Second report', text: 'More text.' }),
      () => s().deleteElements(['a'], []),
      () => {
        s().select(['b', 'c']);
        s().copySelection();
        s().paste();
      },
    ];
    for (const edit of edits) {
      edit();
      maps.push(s().map);
    }
    expect(undoSteps(store)).toBe(edits.length);
    for (let i = edits.length - 1; i >= 0; i--) {
      undo(store);
      expect(s().map, `undo to ${i}`).toEqual(maps[i]);
    }
    expect(isDirty(store)).toBe(false);
    for (let i = 1; i <= edits.length; i++) {
      redo(store);
      expect(s().map, `redo to ${i}`).toEqual(maps[i]);
    }
    expect(redoSteps(store)).toBe(0);
  });

  it('opening a map clears the history in the store itself', () => {
    const store = openedStore();
    store.getState().updateNode('b', { text: 'One' });
    store.getState().undo();
    expect(redoSteps(store)).toBe(1);
    store.getState().openMap(sampleMap(), 'again.clashmap.json', { savedToFile: true });
    expect(undoSteps(store)).toBe(0);
    expect(redoSteps(store)).toBe(0);
  });

  it('a paste or a new node that breaks a limit is refused through the same check', () => {
    const store = openedStore();
    store.getState().setSteps([{ id: 's1', nodes: ['a'], title: 'x'.repeat(100_000) }]);
    expect(store.getState().notice?.text).toMatch(/^The /);
    expect(store.getState().map.presentation).toBeUndefined();
    expect(undoSteps(store)).toBe(0);
  });
});

describe('another tab’s changes (origin remote)', () => {
  const withoutNode = (map: ClashMap, id: string): ClashMap => ({
    ...map,
    nodes: map.nodes.filter((n) => n.id !== id),
    edges: map.edges.filter((e) => e.from !== id && e.to !== id),
  });

  it('are shown, never enter this person’s undo history, and drop a vanished selection', () => {
    const store = openedStore();
    store.getState().updateNode('b', { text: 'My own edit' });
    store.getState().select(['c'], ['e-c-a']);
    expect(undoSteps(store)).toBe(1);
    const theirs = withoutNode(store.getState().map, 'c');
    expect(store.getState().applyRemote(theirs, ['A rebuttal was removed.'])).toBe(true);
    expect(store.getState().map).toBe(theirs);
    expect(undoSteps(store)).toBe(1);
    expect(store.getState().selectedNodeIds).toEqual([]);
    expect(store.getState().selectedEdgeIds).toEqual([]);
    expect(store.getState().notice?.text).toBe(
      'Changes from another tab were merged. A rebuttal was removed.',
    );
    // Undo takes back my edit only; the other tab's deletion stays.
    undo(store);
    expect(node(store, 'b')?.text).toBe('Mexico already collaborates');
    expect(node(store, 'c')).toBeUndefined();
  });

  it('make an undo that no longer fits the map refuse, saying why, and change nothing', () => {
    const store = openedStore();
    store.getState().connect('c', 'b', 'support');
    const theirs = withoutNode(store.getState().map, 'b');
    store.getState().applyRemote(theirs, []);
    // Redo after undo would put back an edge to the node the other tab deleted.
    undo(store);
    const before = store.getState().map;
    store.getState().redo();
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice?.text).toMatch(
      /^This step cannot be redone: another tab changed the same part of the map/,
    );
  });
});

describe('origins: undo only ever undoes this person’s own edits', () => {
  it('a merge that the repair pass fixed is shown and announced, never undone; undo takes back only my edits', () => {
    const store = openedStore();
    const base = store.getState().map;
    store.getState().updateNode('b', { text: 'My own edit' });
    store.getState().connect('c', 'b', 'support');
    expect(undoSteps(store)).toBe(2);
    // Meanwhile another tab deleted c: merged, my new support from c has lost its end.
    const theirs: ClashMap = {
      ...base,
      nodes: base.nodes.filter((n) => n.id !== 'c'),
      edges: base.edges.filter((e) => e.from !== 'c' && e.to !== 'c'),
    };
    const merged = mergeMaps(base, store.getState().map, theirs);
    expect(merged?.repairs).toEqual([
      'A support of “My own edit” was removed: the node at its other end was deleted.',
    ]);
    expect(store.getState().applyRemote(merged!.map, merged!.repairs)).toBe(true);
    expect(store.getState().notice?.text).toBe(
      `Changes from another tab were merged. ${merged!.repairs[0]}`,
    );
    expect(undoSteps(store)).toBe(2);
    expect(checkInvariants(store.getState().map)).toEqual([]);

    // Undo: my support is gone already (the repair took it), so there is nothing to take back;
    // then my text edit. Neither the deletion nor the repair is undone.
    undo(store);
    expect(store.getState().notice?.text).toBe(
      'Nothing to undo: others have changed that part of the map since.',
    );
    undo(store);
    expect(node(store, 'b')?.text).toBe('Mexico already collaborates');
    expect(node(store, 'c')).toBeUndefined();
    expect(store.getState().map.edges.some((e) => e.from === 'c' || e.to === 'c')).toBe(false);
    expect(undoSteps(store)).toBe(0);
    // The map is not the file any more: the other tab's deletion is an unsaved change.
    expect(isDirty(store)).toBe(true);
  });

  it('a load starts a new history: what came from elsewhere before it no longer counts', () => {
    const store = openedStore();
    store.getState().applyRemote({ ...store.getState().map, title: 'Renamed elsewhere' }, []);
    store.getState().updateNode('b', { text: 'Before the load' });
    store.getState().openMap(sampleMap(), 'strikes.clashmap.json', { savedToFile: true });
    expect(undoSteps(store)).toBe(0);
    expect(redoSteps(store)).toBe(0);
    // An edit and its undo return to the map as opened, which is the file: nothing unsaved.
    store.getState().updateNode('b', { text: 'After the load' });
    expect(isDirty(store)).toBe(true);
    undo(store);
    expect(node(store, 'b')?.text).toBe('Mexico already collaborates');
    expect(isDirty(store)).toBe(false);
    redo(store);
    expect(node(store, 'b')?.text).toBe('After the load');
  });
});
