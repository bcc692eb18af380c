import { selectFlowEdges, selectFlowNodes } from '../../src/store/canvasProjection';
import { describe, expect, it } from 'vitest';
import type { ClashMap } from '../../src/model/map';
import type { Point } from '../../src/model/node';
import { moveNodes, removeElements, updateEdge, updateNode } from './opsOnMaps';
import { nodeAccessibleName, toFlowEdges, toFlowNodes } from '../../src/store/flowAdapter';
import { createClashmapStore } from '../../src/store/store';
import { estimateNodeSize } from '../../src/layout/nodeSize';
import { CANVAS_EDGE_KINDS } from '../../src/model/relations/registry';

const TEXT = 'Mexico coordinates and collaborates, but does not subordinate itself.';
const QUOTE = 'does not subordinate itself';

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
            speaker: 'Claudia Sheinbaum',
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

const AUTO: ReadonlyMap<string, Point> = new Map([
  ['pos', { x: 0, y: 0 }],
  ['c', { x: 28, y: 500 }],
]);
const none = new Set<string>();
const byId = <T extends { id: string }>(list: readonly T[], id: string): T => {
  const found = list.find((x) => x.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

describe('toFlowNodes', () => {
  it('makes one flow node per map node, in map order, with kind, position and data', () => {
    const map = sampleMap();
    const nodes = toFlowNodes(map, AUTO, [], new Set(['b']), 'c');
    expect(nodes.map((n) => n.id)).toEqual(['pos', 'a', 'b', 'c']);
    expect(byId(nodes, 'pos')).toMatchObject({
      type: 'position',
      position: { x: 0, y: 0 },
      selected: false,
      data: { node: map.nodes[0], editing: false },
    });
    expect(byId(nodes, 'a').position).toEqual({ x: 400, y: 0 });
    expect(byId(nodes, 'b')).toMatchObject({ type: 'claim', selected: true });
    expect(byId(nodes, 'c')).toMatchObject({
      position: { x: 28, y: 500 },
      data: { editing: true },
    });
  });

  it('draws a node with neither a saved nor an automatic position at the origin', () => {
    const nodes = toFlowNodes(sampleMap(), new Map(), [], none, null);
    expect(byId(nodes, 'c').position).toEqual({ x: 0, y: 0 });
  });

  it('keeps every untouched flow node, the very object, after an edit to one node', () => {
    const map = sampleMap();
    const first = toFlowNodes(map, AUTO, [], none, null);
    const edited = updateNode(map, 'b', { text: 'Mexico collaborates already' });
    const second = toFlowNodes(edited, AUTO, first, none, null);
    for (const id of ['pos', 'a', 'c']) expect(byId(second, id), id).toBe(byId(first, id));
    expect(byId(second, 'b')).not.toBe(byId(first, 'b'));
    expect(byId(second, 'b').data.node.text).toBe('Mexico collaborates already');
    expect(byId(second, 'b').ariaLabel).toBe('Claim: Mexico collaborates already');
  });

  it('keeps untouched nodes after a move, and moves only the node that moved', () => {
    const map = sampleMap();
    const first = toFlowNodes(map, AUTO, [], none, null);
    const second = toFlowNodes(
      moveNodes(map, new Map([['a', { x: 10, y: 10 }]])),
      AUTO,
      first,
      none,
      null,
    );
    expect(byId(second, 'a').position).toEqual({ x: 10, y: 10 });
    for (const id of ['pos', 'b', 'c']) expect(byId(second, id)).toBe(byId(first, id));
  });

  it('tells React Flow the estimated size and handles of a card not yet measured, and only then', () => {
    const map = sampleMap();
    const measured = new Map([['a', { width: 300, height: 120 }]]);
    const nodes = toFlowNodes(map, AUTO, [], none, null, measured);
    const unmeasured = byId(nodes, 'b');
    expect(unmeasured.initialWidth).toBe(estimateNodeSize(map.nodes[2]!).width);
    expect(unmeasured.initialHeight).toBe(estimateNodeSize(map.nodes[2]!).height);
    expect(unmeasured.handles?.map((h) => `${h.type}:${h.id ?? ''}`)).toEqual([
      'target:',
      ...CANVAS_EDGE_KINDS.map((kind) => `source:${kind}`),
    ]);
    const drawn = byId(nodes, 'a');
    expect(drawn.measured).toEqual({ width: 300, height: 120 });
    expect(drawn.handles).toBeUndefined();
    expect(drawn.initialWidth).toBeUndefined();
  });

  it('draws the size the canvas measured, also when it rebuilds a node', () => {
    const map = sampleMap();
    const measured = new Map([['b', { width: 280, height: 96 }]]);
    const first = toFlowNodes(map, AUTO, [], none, null, measured);
    expect(byId(first, 'b').measured).toEqual({ width: 280, height: 96 });
    expect(byId(first, 'a').measured).toBeUndefined();
    const edited = updateNode(map, 'b', { text: 'Longer' });
    const second = toFlowNodes(edited, AUTO, first, none, null, measured);
    expect(byId(second, 'b').measured).toEqual({ width: 280, height: 96 });
    expect(byId(second, 'a')).toBe(byId(first, 'a'));
  });

  it('draws a node mid-drag where the drag has it, and marks it dragging', () => {
    const map = sampleMap();
    const first = toFlowNodes(map, AUTO, [], none, null);
    const dragging = new Map([['a', { x: 5, y: 6 }]]);
    const second = toFlowNodes(map, AUTO, first, none, null, undefined, dragging);
    expect(byId(second, 'a').position).toEqual({ x: 5, y: 6 });
    expect(byId(second, 'a').dragging).toBe(true);
    expect(byId(second, 'b')).toBe(byId(first, 'b'));
  });

  it('re-creates only the nodes whose selection changed, keeping their data object', () => {
    const map = sampleMap();
    const first = toFlowNodes(map, AUTO, [], new Set(['a']), null);
    const second = toFlowNodes(map, AUTO, first, new Set(['b']), null);
    expect(byId(second, 'pos')).toBe(byId(first, 'pos'));
    expect(byId(second, 'c')).toBe(byId(first, 'c'));
    for (const id of ['a', 'b']) {
      expect(byId(second, id)).not.toBe(byId(first, id));
      expect(byId(second, id).data).toBe(byId(first, id).data);
    }
    expect(byId(second, 'a').selected).toBe(false);
    expect(byId(second, 'b').selected).toBe(true);
  });

  it('returns the same objects when nothing changed', () => {
    const map = sampleMap();
    const first = toFlowNodes(map, AUTO, [], new Set(['a']), 'b');
    const second = toFlowNodes(map, new Map(AUTO), first, new Set(['a']), 'b');
    second.forEach((n, i) => expect(n).toBe(first[i]));
    // The array itself, too: React Flow then rebuilds no node lookup.
    expect(second).toBe(first);
  });

  it('re-creates only the nodes entering and leaving the editor', () => {
    const map = sampleMap();
    const first = toFlowNodes(map, AUTO, [], none, 'a');
    const second = toFlowNodes(map, AUTO, first, none, 'b');
    expect(byId(second, 'a').data.editing).toBe(false);
    expect(byId(second, 'b').data.editing).toBe(true);
    expect(byId(second, 'pos')).toBe(byId(first, 'pos'));
    expect(byId(second, 'c')).toBe(byId(first, 'c'));
  });

  it('follows an automatic position that changed', () => {
    const map = sampleMap();
    const first = toFlowNodes(map, AUTO, [], none, null);
    const second = toFlowNodes(
      map,
      new Map([...AUTO, ['c', { x: 28, y: 600 }]]),
      first,
      none,
      null,
    );
    expect(byId(second, 'c').position).toEqual({ x: 28, y: 600 });
    expect(byId(second, 'pos')).toBe(byId(first, 'pos'));
  });

  it('drops flow nodes of removed map nodes', () => {
    const map = sampleMap();
    const first = toFlowNodes(map, AUTO, [], none, null);
    const second = toFlowNodes(removeElements(map, ['b']), AUTO, first, none, null);
    expect(second.map((n) => n.id)).toEqual(['pos', 'a', 'c']);
    expect(byId(second, 'a')).toBe(byId(first, 'a'));
  });
});

describe('toFlowEdges', () => {
  it('makes one flow edge per map edge, from supporter or rebutter to its target', () => {
    const map = sampleMap();
    const edges = toFlowEdges(map, [], new Set(['e-c-a']));
    expect(edges.map((e) => e.id)).toEqual(['e-a-pos', 'e-b-pos', 'e-c-a']);
    expect(byId(edges, 'e-c-a')).toMatchObject({
      source: 'c',
      target: 'a',
      type: 'argument',
      selected: true,
      data: { edge: map.edges[2] },
    });
    expect(byId(edges, 'e-a-pos').selected).toBe(false);
  });

  it('keeps untouched edges and re-creates the one that changed', () => {
    const map = sampleMap();
    const first = toFlowEdges(map, [], none);
    const result = updateEdge(map, 'e-c-a', { kind: 'support' });
    if (!result.ok) throw new Error(result.reason);
    const second = toFlowEdges(result.map, first, none);
    expect(byId(second, 'e-a-pos')).toBe(byId(first, 'e-a-pos'));
    expect(byId(second, 'e-b-pos')).toBe(byId(first, 'e-b-pos'));
    expect(byId(second, 'e-c-a')).not.toBe(byId(first, 'e-c-a'));
    expect(byId(second, 'e-c-a').ariaLabel).toBe(
      '“Collaboration is a fig leaf” supports “Mexico will not be subordinated”',
    );
  });

  it('renames (and so re-creates) only the edges touching a node whose text changed', () => {
    const map = sampleMap();
    const first = toFlowEdges(map, [], none);
    const second = toFlowEdges(updateNode(map, 'b', { text: 'They work together' }), first, none);
    expect(byId(second, 'e-b-pos').ariaLabel).toBe(
      '“They work together” supports “Cooperate with Mexico”',
    );
    expect(byId(second, 'e-a-pos')).toBe(byId(first, 'e-a-pos'));
    expect(byId(second, 'e-c-a')).toBe(byId(first, 'e-c-a'));
  });

  it('returns the previous array itself when no edge changed, though the nodes did', () => {
    const map = sampleMap();
    const first = toFlowEdges(map, [], none);
    const moved = { ...map, nodes: map.nodes.map((n) => ({ ...n, position: { x: 1, y: 2 } })) };
    expect(toFlowEdges(moved, first, none)).toBe(first);
  });

  it('re-creates only the edges whose selection changed', () => {
    const map = sampleMap();
    const first = toFlowEdges(map, [], new Set(['e-a-pos']));
    const second = toFlowEdges(map, first, new Set(['e-b-pos']));
    expect(byId(second, 'e-c-a')).toBe(byId(first, 'e-c-a'));
    expect(byId(second, 'e-a-pos').selected).toBe(false);
    expect(byId(second, 'e-b-pos').selected).toBe(true);
  });
});

describe('accessible names', () => {
  it('names a node by its kind and text', () => {
    const map = sampleMap();
    expect(nodeAccessibleName(map.nodes[0]!)).toBe('Position: Cooperate with Mexico');
    expect(nodeAccessibleName(map.nodes[2]!)).toBe('Claim: Mexico already collaborates');
  });

  it('adds each quote with its speaker', () => {
    expect(nodeAccessibleName(sampleMap().nodes[1]!)).toBe(
      'Claim: Mexico will not be subordinated Quote from Claudia Sheinbaum: “does not subordinate itself”',
    );
  });

  it('puts the name on the flow node', () => {
    const map = sampleMap();
    for (const node of toFlowNodes(map, AUTO, [], none, null))
      expect(node.ariaLabel).toBe(nodeAccessibleName(byId(map.nodes, node.id)));
  });

  it('names a moved card as before, and a card whose quotes changed afresh', () => {
    const map = sampleMap();
    const first = toFlowNodes(map, AUTO, [], none, null);
    const edit = (patch: Partial<ClashMap['nodes'][number]>): ClashMap => ({
      ...map,
      nodes: map.nodes.map((n) => (n.id === 'a' ? { ...n, ...patch } : n)),
    });
    const moved = edit({ position: { x: 900, y: 40 } });
    expect(byId(toFlowNodes(moved, AUTO, first, none, null), 'a').ariaLabel).toBe(
      byId(first, 'a').ariaLabel,
    );
    const unquoted = edit({ evidence: [] });
    expect(byId(toFlowNodes(unquoted, AUTO, first, none, null), 'a').ariaLabel).toBe(
      nodeAccessibleName(byId(unquoted.nodes, 'a')),
    );
    expect(nodeAccessibleName(byId(unquoted.nodes, 'a'))).not.toBe(byId(first, 'a').ariaLabel);
  });

  it('warns in a node’s name when one of its quotes no longer matches its source', () => {
    const map = sampleMap();
    const changed: ClashMap = {
      ...map,
      sources: [{ id: 'article', title: 'Report', text: 'The article was edited since.' }],
    };
    const first = toFlowNodes(map, AUTO, [], none, null);
    const nodes = toFlowNodes(changed, AUTO, first, none, null);
    expect(byId(nodes, 'a').ariaLabel).toBe(
      `${nodeAccessibleName(map.nodes[1]!)} Warning: 1 quote does not match the source.`,
    );
    // Nodes without quotes are not affected by the source change.
    expect(byId(nodes, 'b')).toBe(byId(first, 'b'));
  });

  it('drops the warning from a node’s name once its quote matches its source again', () => {
    const map = sampleMap();
    const changed: ClashMap = {
      ...map,
      sources: [{ id: 'article', title: 'Report', text: 'The article was edited since.' }],
    };
    const first = toFlowNodes(map, AUTO, [], none, null);
    const broken = toFlowNodes(changed, AUTO, first, none, null);
    const mended = toFlowNodes(map, AUTO, broken, none, null);
    expect(byId(broken, 'a').ariaLabel).toContain('Warning');
    expect(byId(mended, 'a').ariaLabel).toBe(nodeAccessibleName(map.nodes[1]!));
  });

  it('renames an argument when a premise’s text changes, though its own record did not', () => {
    const base = sampleMap();
    const map: ClashMap = {
      ...base,
      nodes: [...base.nodes, { id: 'arg', kind: 'argument', text: '', evidence: [] }],
      edges: [
        { id: 'p1', from: 'a', to: 'arg', kind: 'premise' },
        { id: 'p2', from: 'b', to: 'arg', kind: 'premise' },
        { id: 'k', from: 'arg', to: 'pos', kind: 'concludes' },
      ],
    };
    const first = toFlowNodes(map, AUTO, [], none, null);
    expect(byId(first, 'arg').ariaLabel).toContain('Mexico already collaborates');
    const edited = updateNode(map, 'b', { text: 'Mexico extradites cartel leaders' });
    const next = toFlowNodes(edited, AUTO, first, none, null);
    expect(byId(next, 'arg').ariaLabel).toContain('Mexico extradites cartel leaders');
    expect(byId(next, 'arg').ariaLabel).not.toContain('Mexico already collaborates');
  });

  it('names an edge by the texts it joins and what it does', () => {
    const edges = toFlowEdges(sampleMap(), [], none);
    expect(edges.map((e) => e.ariaLabel)).toEqual([
      '“Mexico will not be subordinated” supports “Cooperate with Mexico”',
      '“Mexico already collaborates” supports “Cooperate with Mexico”',
      '“Collaboration is a fig leaf” rebuts “Mexico will not be subordinated”',
    ]);
  });
});

describe('through the store', () => {
  it('is a memoised selector: the same state gives the same arrays, a notice changes nothing', () => {
    const store = createClashmapStore(sampleMap());
    const nodes = selectFlowNodes(store.getState());
    const edges = selectFlowEdges(store.getState());
    expect(selectFlowNodes(store.getState())).toBe(nodes);
    store.getState().notify('info', 'Saved.');
    expect(selectFlowNodes(store.getState())).toBe(nodes);
    expect(selectFlowEdges(store.getState())).toBe(edges);
    store.getState().select(['a']);
    expect(selectFlowNodes(store.getState())).not.toBe(nodes);
    expect(selectFlowEdges(store.getState())).toBe(edges);
  });

  it('follows undo and redo with no subscription: an undone card leaves the canvas and its selection', () => {
    const store = createClashmapStore(sampleMap());
    const id = store.getState().addNode('claim', { x: 900, y: 900 });
    expect(selectFlowNodes(store.getState()).map((n) => n.id)).toContain(id);
    expect(byId(selectFlowNodes(store.getState()), id).selected).toBe(true);
    store.getState().undo();
    expect(selectFlowNodes(store.getState()).map((n) => n.id)).not.toContain(id);
    expect(store.getState().selectedNodeIds).toEqual([]);
    expect(store.getState().editingNodeId).toBeNull();
    store.getState().redo();
    expect(selectFlowNodes(store.getState()).map((n) => n.id)).toContain(id);
  });

  it('an edit to one node re-creates only that node’s flow node and the edges that name it', () => {
    const store = createClashmapStore(sampleMap());
    const nodes = selectFlowNodes(store.getState());
    const edges = selectFlowEdges(store.getState());
    store.getState().updateNode('c', { text: 'A fig leaf' });
    const after = selectFlowNodes(store.getState());
    for (const id of ['pos', 'a', 'b']) expect(byId(after, id)).toBe(byId(nodes, id));
    expect(byId(after, 'c').data.node.text).toBe('A fig leaf');
    expect(byId(selectFlowEdges(store.getState()), 'e-a-pos')).toBe(byId(edges, 'e-a-pos'));
    expect(byId(selectFlowEdges(store.getState()), 'e-c-a').ariaLabel).toMatch(
      /^“A fig leaf” rebuts/,
    );
  });

  it('a card dropped in a new place keeps the edges array itself (React Flow rebuilds no edge lookup)', () => {
    const store = createClashmapStore(sampleMap());
    const edges = selectFlowEdges(store.getState());
    const nodes = selectFlowNodes(store.getState());
    store
      .getState()
      .applyNodeChanges([
        { type: 'position', id: 'b', position: { x: 450, y: 320 }, dragging: false },
      ]);
    expect(store.getState().map.nodes).not.toBe(sampleMap().nodes);
    expect(byId(selectFlowNodes(store.getState()), 'b').position).toEqual({ x: 450, y: 320 });
    expect(selectFlowNodes(store.getState())).not.toBe(nodes);
    expect(selectFlowEdges(store.getState())).toBe(edges);
  });

  it('a selection change re-creates only the nodes selected and deselected', () => {
    const store = createClashmapStore(sampleMap());
    store.getState().select(['a']);
    const nodes = selectFlowNodes(store.getState());
    store.getState().select(['b']);
    const after = selectFlowNodes(store.getState());
    expect(byId(after, 'pos')).toBe(byId(nodes, 'pos'));
    expect(byId(after, 'c')).toBe(byId(nodes, 'c'));
    expect(byId(after, 'a').selected).toBe(false);
    expect(byId(after, 'b').selected).toBe(true);
  });

  it('a drag tick re-creates only the dragged node', () => {
    const store = createClashmapStore(sampleMap());
    const nodes = selectFlowNodes(store.getState());
    store
      .getState()
      .applyNodeChanges([
        { type: 'position', id: 'b', position: { x: 450, y: 320 }, dragging: true },
      ]);
    const after = selectFlowNodes(store.getState());
    for (const id of ['pos', 'a', 'c']) expect(byId(after, id)).toBe(byId(nodes, id));
    expect(byId(after, 'b').position).toEqual({ x: 450, y: 320 });
  });
});
