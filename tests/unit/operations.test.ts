import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyChange,
  changeSize,
  invertChange,
  isEmptyChange,
  type MapChange,
} from '../../src/model/change';
import * as model from '../../src/model/operations';
import * as sourceOps from '../../src/model/sourceOps';
import { parseMap } from '../../src/io/parse';
import { serializeMap } from '../../src/io/serialize';
import type { Edge, EdgeKind } from '../../src/model/edge';
import { anchorQuote, quoteMismatch, type Evidence } from '../../src/model/evidence';
import { checkInvariants } from '../../src/model/invariants';
import { FRESH_ID_RANDOM_CHARS } from '../../src/model/ids';
import type { ClashMap } from '../../src/model/map';
import type { MapNode, Point } from '../../src/model/node';
import {
  addNode,
  connect,
  connectionProblem,
  copyFragment,
  moveNodes,
  newNode,
  pasteFragment,
  removeElements,
  takenIds,
  updateEdge,
  updateNode,
  type Fragment,
} from './opsOnMaps';
import type { Source } from '../../src/model/source';

/** Positions by node id, as the model takes them. */
const at = (positions: Record<string, Point>) => new Map(Object.entries(positions));

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers (kept local so this file does not depend on other suites' helpers).

const TEXT = 'Mexico coordinates and collaborates, but does not subordinate itself.';

let quoteCount = 0;
function quoteOf(quote: string, speaker = 'Claudia Sheinbaum', text = TEXT): Evidence {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`fixture: "${quote}" is not in the text`);
  return {
    id: `q${++quoteCount}`,
    sourceId: 'article',
    quote,
    start,
    end: start + quote.length,
    speaker,
  };
}

/**
 * A small valid map: one source; a position; two claims (one quoting the source) that support
 * it; a third claim that rebuts the first.
 */
function sampleMap(): ClashMap {
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
        evidence: [quoteOf('does not subordinate itself')],
        position: { x: 400, y: 0 },
        tags: ['sovereignty'],
        notes: 'From the press conference.',
      },
      {
        id: 'b',
        kind: 'claim',
        text: 'Mexico already collaborates',
        evidence: [],
        position: { x: 400, y: 200 },
      },
      { id: 'c', kind: 'claim', text: 'Collaboration is a fig leaf', evidence: [] },
    ],
    edges: [
      { id: 'e-a-pos', from: 'a', to: 'pos', kind: 'support' },
      { id: 'e-b-pos', from: 'b', to: 'pos', kind: 'support', note: 'Shared work' },
      { id: 'e-c-a', from: 'c', to: 'a', kind: 'rebuttal' },
    ],
  };
}

/** Freezes a value and everything reachable from it, so any write by the code under test throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A frozen sample map plus an independent copy to compare it with afterwards. */
function frozenSample(): { map: ClashMap; before: ClashMap } {
  const map = deepFreeze(sampleMap());
  return { map, before: structuredClone(map) };
}

/** The map keeps every rule, and its file text reads back as the same map. */
function expectSound(map: ClashMap): void {
  expect(checkInvariants(map)).toEqual([]);
  const reread = parseMap(serializeMap(map));
  if (!reread.ok) throw new Error(`the map did not read back: ${JSON.stringify(reread.error)}`);
  expect(reread.map).toEqual(map);
}

function mustSucceed(result: { ok: true; map: ClashMap } | { ok: false; reason: string }) {
  if (!result.ok) throw new Error(`expected the edit to succeed, it was refused: ${result.reason}`);
  return result.map;
}

const nodeIn = (map: ClashMap, id: string): MapNode => {
  const node = map.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
};
const edgeIn = (map: ClashMap, id: string): Edge => {
  const edge = map.edges.find((e) => e.id === id);
  if (!edge) throw new Error(`no edge ${id}`);
  return edge;
};

afterEach(() => {
  vi.restoreAllMocks();
});

// ---------------------------------------------------------------------------------------------

describe('the sample map', () => {
  it('is itself sound, so every failure below is the operation’s', () => {
    expectSound(sampleMap());
  });
});

describe('takenIds', () => {
  it('lists source, node and edge ids together', () => {
    const ids = takenIds(sampleMap());
    for (const id of ['article', 'pos', 'a', 'b', 'c', 'e-a-pos', 'e-b-pos', 'e-c-a'])
      expect(ids.has(id), id).toBe(true);
    expect(ids.size).toBe(8);
  });
});

describe('newNode', () => {
  it('makes an empty node of the kind asked for, with a fresh id and the text given', () => {
    const { map, before } = frozenSample();
    const position = newNode(map, 'position', 'Strike unilaterally');
    const claim = newNode(map, 'claim', 'It would stop the flow', { x: 10, y: 20 });

    expect(position).toMatchObject({ kind: 'position', text: 'Strike unilaterally', evidence: [] });
    expect(position.id).toMatch(/^pos-/);
    expect(position).not.toHaveProperty('position');
    expect(claim).toMatchObject({ kind: 'claim', evidence: [], position: { x: 10, y: 20 } });
    expect(claim.id).toMatch(/^claim-/);
    for (const node of [position, claim]) expect(takenIds(map).has(node.id)).toBe(false);
    // Making a node does not put it on the map.
    expect(map).toEqual(before);
  });

  it('never reuses an id held by a source, node or edge, even when the random draw collides', () => {
    // Random bytes of 0 give the suffix "000…", bytes of 1 give "111…".
    const zeros = `claim-${'0'.repeat(FRESH_ID_RANDOM_CHARS)}`;
    const map = deepFreeze({
      ...sampleMap(),
      edges: [...sampleMap().edges, { id: zeros, from: 'b', to: 'a', kind: 'rebuttal' }],
    } satisfies ClashMap);
    const fillWith =
      (byte: number) =>
      <T extends ArrayBufferView | null>(array: T) => {
        (array as unknown as Uint8Array).fill(byte);
        return array;
      };
    vi.spyOn(globalThis.crypto, 'getRandomValues')
      .mockImplementationOnce(fillWith(0))
      .mockImplementationOnce(fillWith(1));
    expect(newNode(map, 'claim', 'Fresh').id).toBe(`claim-${'1'.repeat(FRESH_ID_RANDOM_CHARS)}`);
  });
});

describe('addNode', () => {
  it('appends the node and leaves everything else as it was', () => {
    const { map, before } = frozenSample();
    const node = deepFreeze(newNode(map, 'claim', 'Cartels are armed in the US', { x: 1, y: 2 }));
    const next = addNode(map, node);
    expect(next.nodes).toHaveLength(map.nodes.length + 1);
    expect(next.nodes.at(-1)).toBe(node);
    map.nodes.forEach((n, i) => expect(next.nodes[i]).toBe(n));
    expect(next.edges).toEqual(map.edges);
    expect(map).toEqual(before);
    expectSound(next);
  });
});

describe('updateNode', () => {
  it('changes the fields given and keeps the id; other nodes are the same objects', () => {
    const { map, before } = frozenSample();
    const next = updateNode(map, 'b', { text: 'Mexico collaborates already', tags: ['trust'] });
    expect(nodeIn(next, 'b')).toEqual({
      id: 'b',
      kind: 'claim',
      text: 'Mexico collaborates already',
      evidence: [],
      position: { x: 400, y: 200 },
      tags: ['trust'],
    });
    for (const id of ['pos', 'a', 'c']) expect(nodeIn(next, id)).toBe(nodeIn(map, id));
    expect(next.edges).toBe(map.edges);
    expect(map).toEqual(before);
    expectSound(next);
  });

  it('drops tags emptied to [] and notes emptied to ""', () => {
    const { map, before } = frozenSample();
    const next = updateNode(map, 'a', { tags: [], notes: '' });
    const node = nodeIn(next, 'a');
    expect(node).not.toHaveProperty('tags');
    expect(node).not.toHaveProperty('notes');
    expect(node.text).toBe('Mexico will not be subordinated');
    expect(map).toEqual(before);
    expectSound(next);
  });

  it('drops optional fields set to undefined (a position cleared, notes removed)', () => {
    const { map } = frozenSample();
    const next = updateNode(map, 'a', { position: undefined, notes: undefined });
    const node = nodeIn(next, 'a');
    expect(Object.keys(node)).not.toContain('position');
    expect(Object.keys(node)).not.toContain('notes');
    expect(node.tags).toEqual(['sovereignty']);
    expectSound(next);
  });

  it('can change a claim into a position', () => {
    const { map } = frozenSample();
    const next = updateNode(map, 'c', { kind: 'position' });
    expect(nodeIn(next, 'c').kind).toBe('position');
    expectSound(next);
  });

  it('returns the very same map when no node has the id', () => {
    const { map } = frozenSample();
    expect(updateNode(map, 'nobody', { text: 'x' })).toBe(map);
  });
});

describe('connectionProblem and connect', () => {
  it('connects two nodes with a fresh edge id and leaves the input alone', () => {
    const { map, before } = frozenSample();
    const next = mustSucceed(connect(map, 'c', 'pos', 'rebuttal'));
    expect(next.edges).toHaveLength(map.edges.length + 1);
    const edge = next.edges.at(-1)!;
    expect(edge).toMatchObject({ from: 'c', to: 'pos', kind: 'rebuttal' });
    expect(edge).not.toHaveProperty('note');
    expect(takenIds(map).has(edge.id)).toBe(false);
    expect(next.nodes).toBe(map.nodes);
    expect(map).toEqual(before);
    expectSound(next);
  });

  it('uses the edge id the caller gives', () => {
    const next = mustSucceed(connect(sampleMap(), 'c', 'pos', 'rebuttal', 'e-c-pos'));
    expect(edgeIn(next, 'e-c-pos')).toEqual({
      id: 'e-c-pos',
      from: 'c',
      to: 'pos',
      kind: 'rebuttal',
    });
    expectSound(next);
  });

  it('allows the other kind between the same pair, and the reverse direction', () => {
    let map = sampleMap();
    expect(connectionProblem(map, 'a', 'pos', 'rebuttal')).toBeNull();
    map = mustSucceed(connect(map, 'a', 'pos', 'rebuttal'));
    expect(connectionProblem(map, 'pos', 'a', 'support')).toBeNull();
    map = mustSucceed(connect(map, 'pos', 'a', 'support'));
    expectSound(map);
  });

  const refusals: Array<[string, string, string, EdgeKind, RegExp]> = [
    ['a self-loop', 'a', 'a', 'support', /itself/],
    ['a duplicate support', 'a', 'pos', 'support', /already connected by a support edge/],
    ['a duplicate rebuttal', 'c', 'a', 'rebuttal', /already connected by a rebuttal edge/],
    ['a missing source end', 'ghost', 'pos', 'support', /Both ends/],
    ['a missing target end', 'a', 'ghost', 'rebuttal', /Both ends/],
  ];
  it.each(refusals)('refuses %s with a reason and changes nothing', (_, from, to, kind, reason) => {
    const { map, before } = frozenSample();
    expect(connectionProblem(map, from, to, kind)).toMatch(reason);
    const result = connect(map, from, to, kind);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
    expect(map).toEqual(before);
  });

  it('ignores the named edge when asked (the edge being changed is not its own twin)', () => {
    expect(connectionProblem(sampleMap(), 'a', 'pos', 'support', 'e-a-pos')).toBeNull();
  });

  it('never gives an edge an id that is already taken', () => {
    // A caller-supplied id that a node already uses must not produce a map with a duplicate id.
    const result = connect(sampleMap(), 'c', 'pos', 'rebuttal', 'a');
    if (result.ok) expect(checkInvariants(result.map)).toEqual([]);
    else expect(result.reason).not.toBe('');
  });
});

describe('updateEdge', () => {
  it('flips an edge’s kind', () => {
    const { map, before } = frozenSample();
    const next = mustSucceed(updateEdge(map, 'e-c-a', { kind: 'support' }));
    expect(edgeIn(next, 'e-c-a')).toEqual({ id: 'e-c-a', from: 'c', to: 'a', kind: 'support' });
    expect(edgeIn(next, 'e-a-pos')).toBe(edgeIn(map, 'e-a-pos'));
    expect(map).toEqual(before);
    expectSound(next);
  });

  it('sets, and by "" or undefined removes, an edge’s note', () => {
    const { map } = frozenSample();
    const noted = mustSucceed(updateEdge(map, 'e-c-a', { note: 'Only on paper' }));
    expect(edgeIn(noted, 'e-c-a').note).toBe('Only on paper');
    expectSound(noted);
    for (const note of ['', undefined]) {
      const cleared = mustSucceed(updateEdge(map, 'e-b-pos', { note }));
      expect(Object.keys(edgeIn(cleared, 'e-b-pos'))).not.toContain('note');
      expectSound(cleared);
    }
  });

  it('refuses a flip that would duplicate another edge, and changes nothing', () => {
    const map = mustSucceed(connect(sampleMap(), 'c', 'a', 'support', 'e-c-a-support'));
    deepFreeze(map);
    const before = structuredClone(map);
    const result = updateEdge(map, 'e-c-a', { kind: 'support' });
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/already connected by a support edge/),
    });
    expect(map).toEqual(before);
  });

  it('lets a flip to the kind the edge already has through', () => {
    const next = mustSucceed(updateEdge(sampleMap(), 'e-c-a', { kind: 'rebuttal' }));
    expect(edgeIn(next, 'e-c-a').kind).toBe('rebuttal');
  });

  it('refuses to change an edge that does not exist', () => {
    const result = updateEdge(sampleMap(), 'gone', { kind: 'support' });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/no longer exists/) });
  });
});

describe('removeElements', () => {
  it('removes nodes and every edge that touches them', () => {
    const { map, before } = frozenSample();
    const next = removeElements(map, ['a']);
    expect(next.nodes.map((n) => n.id)).toEqual(['pos', 'b', 'c']);
    expect(next.edges.map((e) => e.id)).toEqual(['e-b-pos']);
    expect(map).toEqual(before);
    expectSound(next);
  });

  it('removes edges by id and leaves their nodes', () => {
    const { map } = frozenSample();
    const next = removeElements(map, [], ['e-b-pos']);
    expect(next.nodes).toEqual(map.nodes);
    expect(next.edges.map((e) => e.id)).toEqual(['e-a-pos', 'e-c-a']);
    expectSound(next);
  });

  it('accepts any iterable and removes nodes and edges together', () => {
    const { map } = frozenSample();
    const next = removeElements(map, new Set(['c']), new Set(['e-a-pos']));
    expect(next.nodes.map((n) => n.id)).toEqual(['pos', 'a', 'b']);
    expect(next.edges.map((e) => e.id)).toEqual(['e-b-pos']);
    expectSound(next);
  });

  it('returns the very same map when asked to remove nothing', () => {
    const { map } = frozenSample();
    expect(removeElements(map, [])).toBe(map);
    expect(removeElements(map, [], [])).toBe(map);
  });

  it('can empty a map completely', () => {
    const next = removeElements(sampleMap(), ['pos', 'a', 'b', 'c']);
    expect(next.nodes).toEqual([]);
    expect(next.edges).toEqual([]);
    expectSound(next);
  });
});

describe('moveNodes', () => {
  it('saves positions, rounded to whole pixels, for the nodes named', () => {
    const { map, before } = frozenSample();
    const next = moveNodes(map, at({ pos: { x: 10.4, y: -20.6 }, b: { x: 401, y: 199.5 } }));
    expect(nodeIn(next, 'pos').position).toEqual({ x: 10, y: -21 });
    expect(nodeIn(next, 'b').position).toEqual({ x: 401, y: 200 });
    expect(nodeIn(next, 'a')).toBe(nodeIn(map, 'a'));
    expect(nodeIn(next, 'c')).toBe(nodeIn(map, 'c'));
    expect(map).toEqual(before);
    expectSound(next);
  });

  it('returns the very same map when nothing moves', () => {
    const { map } = frozenSample();
    expect(moveNodes(map, at({}))).toBe(map);
    expect(moveNodes(map, at({ a: { x: 400, y: 0 } }))).toBe(map);
    expect(moveNodes(map, at({ ghost: { x: 1, y: 1 } }))).toBe(map);
  });

  it('returns the very same map when the new position rounds to where the node already is', () => {
    const { map } = frozenSample();
    // a is at (400, 0); (400.2, 0.3) would be saved as (400, 0): nothing moves.
    expect(moveNodes(map, at({ a: { x: 400.2, y: 0.3 } }))).toBe(map);
  });

  it('saves a coordinate that rounds to zero as 0, not -0, so it reads back the same', () => {
    const next = moveNodes(sampleMap(), at({ c: { x: -0.4, y: -0.2 } }));
    expect(Object.is(nodeIn(next, 'c').position?.x, 0)).toBe(true);
    expect(Object.is(nodeIn(next, 'c').position?.y, 0)).toBe(true);
    expectSound(next);
  });
});

describe('copyFragment', () => {
  it('copies the nodes named and only the edges that run between them', () => {
    const { map, before } = frozenSample();
    const fragment = copyFragment(map, ['c', 'a']);
    expect(fragment.nodes.map((n) => n.id)).toEqual(['a', 'c']);
    expect(fragment.edges.map((e) => e.id)).toEqual(['e-c-a']);
    expect(map).toEqual(before);
  });

  it('copies nothing for unknown ids', () => {
    expect(copyFragment(sampleMap(), ['ghost'])).toEqual({ nodes: [], edges: [] });
  });
});

describe('pasteFragment', () => {
  it('adds copies with fresh ids, the internal edges re-pointed, shifted by the offset', () => {
    const { map, before } = frozenSample();
    const fragment = deepFreeze(copyFragment(map, ['a', 'b', 'pos']));
    const { map: next, nodeIds } = pasteFragment(map, fragment, { x: 40, y: 40.6 });

    expect(nodeIds).toHaveLength(3);
    expect(new Set(nodeIds).size).toBe(3);
    const taken = takenIds(map);
    for (const id of nodeIds) expect(taken.has(id), id).toBe(false);
    expect(next.nodes.slice(0, map.nodes.length)).toEqual(map.nodes);
    const pasted = next.nodes.slice(map.nodes.length);
    expect(pasted.map((n) => n.id)).toEqual(nodeIds);

    // Same content, in fragment order; saved positions shifted and rounded.
    const [pos, a, b] = pasted;
    expect(pos).toMatchObject({ kind: 'position', text: 'Cooperate with Mexico' });
    expect(pos).not.toHaveProperty('position');
    expect(a).toMatchObject({
      kind: 'claim',
      text: 'Mexico will not be subordinated',
      evidence: nodeIn(map, 'a').evidence.map((quote) => ({ ...quote, id: expect.any(String) })),
      tags: ['sovereignty'],
      notes: 'From the press conference.',
      position: { x: 440, y: 41 },
    });
    expect(b).toMatchObject({ text: 'Mexico already collaborates', position: { x: 440, y: 241 } });
    // Each pasted quote is a new record: its id is fresh, not the copied one.
    const quoteIdsBefore = new Set(map.nodes.flatMap((n) => n.evidence.map((q) => q.id)));
    const pastedQuotes = pasted.flatMap((n) => n.evidence);
    expect(pastedQuotes.length).toBeGreaterThan(0);
    for (const quote of pastedQuotes) expect(quoteIdsBefore.has(quote.id), quote.id).toBe(false);

    // Two internal edges (a→pos, b→pos), re-pointed at the copies, with fresh ids; the
    // rebuttal from c (not copied) is not.
    const newEdges = next.edges.slice(map.edges.length);
    expect(newEdges.map(({ from, to, kind, note }) => ({ from, to, kind, note }))).toEqual([
      { from: a!.id, to: pos!.id, kind: 'support', note: undefined },
      { from: b!.id, to: pos!.id, kind: 'support', note: 'Shared work' },
    ]);
    const allIds = [...next.nodes, ...next.edges, ...next.sources].map((x) => x.id);
    expect(new Set(allIds).size).toBe(allIds.length);
    expect(map).toEqual(before);
    expectSound(next);
  });

  it('places nodes without a saved position at the fallback plus the offset', () => {
    const map = sampleMap();
    const fragment = copyFragment(map, ['pos', 'c']);
    const { map: next, nodeIds } = pasteFragment(map, fragment, { x: 5, y: 5 }, (node) =>
      node.kind === 'position' ? { x: 100.2, y: 200 } : undefined,
    );
    expect(nodeIn(next, nodeIds[0]!).position).toEqual({ x: 105, y: 205 });
    expect(nodeIn(next, nodeIds[1]!)).not.toHaveProperty('position');
    expectSound(next);
  });

  it('gives different ids each time the same fragment is pasted', () => {
    let map = sampleMap();
    const fragment = copyFragment(map, ['a', 'c']);
    const first = pasteFragment(map, fragment, { x: 40, y: 40 });
    map = first.map;
    const second = pasteFragment(map, fragment, { x: 80, y: 80 });
    expect(second.nodeIds.some((id) => first.nodeIds.includes(id))).toBe(false);
    expect(second.map.nodes).toHaveLength(8);
    expect(second.map.edges).toHaveLength(5);
    expectSound(second.map);
  });

  it('drops edges of a fragment whose ends are not in it', () => {
    const map = sampleMap();
    const fragment: Fragment = {
      nodes: [nodeIn(map, 'c')],
      edges: [edgeIn(map, 'e-c-a')],
    };
    const { map: next } = pasteFragment(map, deepFreeze(fragment), { x: 0, y: 0 });
    expect(next.edges).toEqual(map.edges);
    expectSound(next);
  });

  it('drops quotes whose source is not in the map pasted into', () => {
    const fragment = deepFreeze(copyFragment(sampleMap(), ['a']));
    const other: ClashMap = deepFreeze({
      format: 'clashmap',
      version: 5,
      title: 'Another map',
      sources: [],
      nodes: [],
      edges: [],
    });
    const { map: next, nodeIds } = pasteFragment(other, fragment, { x: 0, y: 0 });
    expect(nodeIn(next, nodeIds[0]!).evidence).toEqual([]);
    expect(nodeIn(next, nodeIds[0]!).text).toBe('Mexico will not be subordinated');
    expectSound(next);
  });

  it('never pastes a quote that does not match the text of the source it names', () => {
    // Another map whose source happens to have the same id but different text: the copied
    // offsets mean nothing there, so the result must still keep every rule (and so still open).
    const fragment = deepFreeze(copyFragment(sampleMap(), ['a']));
    const otherSource: Source = {
      id: 'article',
      title: 'A different article',
      text: 'Officials said the talks were at an early stage and nothing was decided yet.',
    };
    const other: ClashMap = deepFreeze({
      format: 'clashmap',
      version: 5,
      title: 'Another map',
      sources: [otherSource],
      nodes: [],
      edges: [],
    });
    const { map: next, nodeIds } = pasteFragment(other, fragment, { x: 0, y: 0 });
    for (const e of nodeIn(next, nodeIds[0]!).evidence)
      expect(quoteMismatch(e, otherSource)).toBeNull();
    expectSound(next);
  });

  it('pastes an empty fragment as no change', () => {
    const map = sampleMap();
    const { map: next, nodeIds } = pasteFragment(map, { nodes: [], edges: [] }, { x: 1, y: 1 });
    expect(nodeIds).toEqual([]);
    expect(next).toEqual(map);
  });
});

describe('anchorQuote', () => {
  const text = 'ab-ab-ab';
  it('finds the occurrence nearest a previous start', () => {
    expect(anchorQuote(text, 'ab', 0)).toEqual({ start: 0, end: 2 });
    expect(anchorQuote(text, 'ab', 4)).toEqual({ start: 3, end: 5 });
    expect(anchorQuote(text, 'ab', 100)).toEqual({ start: 6, end: 8 });
  });

  it('finds the first occurrence when no start is given, and prefers the earlier one on a tie', () => {
    expect(anchorQuote(text, 'ab')).toEqual({ start: 0, end: 2 });
    // Occurrences at 0 and 4 are both 2 away from 2.
    expect(anchorQuote('xx--xx', 'xx', 2)).toEqual({ start: 0, end: 2 });
  });

  it('finds overlapping occurrences', () => {
    expect(anchorQuote('aaaa', 'aa', 2)).toEqual({ start: 2, end: 4 });
    expect(anchorQuote('aaaa', 'aa', 1)).toEqual({ start: 1, end: 3 });
  });

  it('counts offsets in UTF-16 code units, as quotes do', () => {
    const flagged = 'Mexico 🇲🇽 says no; Mexico says no';
    const at = anchorQuote(flagged, 'says no', 0);
    expect(at).toEqual({ start: 12, end: 19 });
    expect(flagged.slice(at!.start, at!.end)).toBe('says no');
  });

  it('returns null for a quote the text does not contain, or an empty quote', () => {
    expect(anchorQuote(text, 'abc')).toBeNull();
    expect(anchorQuote(text, '')).toBeNull();
    expect(anchorQuote('', 'ab')).toBeNull();
  });
});

describe('quoteMismatch', () => {
  const source: Source = { id: 'article', title: 'Report', text: TEXT };
  const good = quoteOf('does not subordinate itself');

  it('accepts a quote equal to its span of the source', () => {
    expect(quoteMismatch(good, source)).toBeNull();
  });

  it('says what the span reads when the quote differs', () => {
    const shifted = { ...good, start: good.start! - 1, end: good.end! - 1 };
    expect(quoteMismatch(shifted, source)).toMatch(/does not match source "article" at 40–67/);
    expect(quoteMismatch(shifted, source)).toContain('reads " does not subordinate itsel"');
  });

  it('shortens a long span in the message', () => {
    const long = 'x'.repeat(100);
    const message = quoteMismatch(
      { ...good, quote: 'y'.repeat(100), start: 0, end: 100 },
      { ...source, text: long },
    );
    expect(message).toContain(`"${'x'.repeat(57)}…"`);
  });

  it('refuses a span past the end of the text', () => {
    expect(quoteMismatch({ ...good, end: TEXT.length + 1 }, source)).toMatch(
      /past the end of source "article" \(69 characters\)/,
    );
  });

  it('refuses a quote from a source with no text', () => {
    expect(quoteMismatch(good, { id: 'article', title: 'Report' })).toMatch(/has no text/);
  });
});

describe('immutability', () => {
  it('no operation writes to a frozen map or fragment', () => {
    const { map, before } = frozenSample();
    const fragment = deepFreeze(copyFragment(map, ['a', 'c']));
    const node = deepFreeze(newNode(map, 'claim', 'New'));
    expect(() => {
      takenIds(map);
      addNode(map, node);
      updateNode(map, 'a', { text: 'x', tags: [], notes: '' });
      updateNode(map, 'a', { position: undefined });
      connectionProblem(map, 'a', 'b', 'support');
      connect(map, 'c', 'pos', 'support');
      connect(map, 'a', 'a', 'support');
      updateEdge(map, 'e-b-pos', { kind: 'rebuttal', note: '' });
      updateEdge(map, 'e-c-a', { note: 'x' });
      removeElements(map, ['a'], ['e-b-pos']);
      moveNodes(map, at({ a: { x: 1.5, y: 2.5 }, c: { x: 3, y: 4 } }));
      copyFragment(map, ['a', 'b']);
      pasteFragment(map, fragment, { x: 40, y: 40 }, () => ({ x: 0, y: 0 }));
    }).not.toThrow();
    expect(map).toEqual(before);
  });
});

describe('random edit sequences (seeded)', () => {
  /** mulberry32: a small deterministic generator, so a failure can be replayed by its seed. */
  function generator(seed: number) {
    let a = seed >>> 0;
    const next = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (n: number) => Math.floor(next() * n);
    const pick = <T>(list: readonly T[]): T | undefined =>
      list.length ? list[int(list.length)] : undefined;
    return { next, int, pick };
  }

  it('keep every rule and round-trip through the file format after every step', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = generator(seed);
      let map = deepFreeze(sampleMap());
      const log: string[] = [];
      for (let step = 0; step < 40; step++) {
        const ids = map.nodes.map((n) => n.id);
        const anyNode = () => rnd.pick(ids) ?? 'none';
        const kind = (): EdgeKind => (rnd.next() < 0.5 ? 'support' : 'rebuttal');
        let next = map;
        switch (rnd.int(8)) {
          case 0: {
            const at = rnd.next() < 0.5 ? { x: rnd.int(2000), y: rnd.int(2000) } : undefined;
            next = addNode(map, newNode(map, rnd.next() < 0.3 ? 'position' : 'claim', 'Text', at));
            log.push('add');
            break;
          }
          case 1: {
            const id = anyNode();
            next = updateNode(map, id, {
              text: `Edited ${step}`,
              tags: rnd.next() < 0.5 ? [] : ['t'],
              notes: rnd.next() < 0.5 ? '' : 'n',
            });
            log.push(`update ${id}`);
            break;
          }
          case 2:
          case 3: {
            const from = anyNode();
            const to = anyNode();
            const k = kind();
            const result = connect(map, from, to, k);
            expect(result.ok, `seed ${seed}: connect ${from}→${to}`).toBe(
              connectionProblem(map, from, to, k) === null,
            );
            if (result.ok) next = result.map;
            log.push(`connect ${from} ${to} ${k}`);
            break;
          }
          case 4: {
            const edge = rnd.pick(map.edges);
            if (!edge) break;
            const result = updateEdge(map, edge.id, {
              kind: edge.kind === 'support' ? 'rebuttal' : 'support',
            });
            if (result.ok) next = result.map;
            log.push(`flip ${edge.id}`);
            break;
          }
          case 5: {
            const edge = rnd.pick(map.edges);
            next = removeElements(
              map,
              rnd.next() < 0.5 ? [anyNode()] : [],
              edge && rnd.next() < 0.5 ? [edge.id] : [],
            );
            log.push('remove');
            break;
          }
          case 6: {
            next = moveNodes(
              map,
              at({ [anyNode()]: { x: rnd.next() * 4000 - 2000, y: rnd.next() * 4000 - 2000 } }),
            );
            log.push('move');
            break;
          }
          case 7: {
            const chosen = ids.filter(() => rnd.next() < 0.4);
            const pasted = pasteFragment(map, copyFragment(map, chosen), { x: 40, y: 40 });
            expect(pasted.nodeIds).toHaveLength(chosen.length);
            next = pasted.map;
            log.push(`paste ${chosen.length}`);
            break;
          }
        }
        deepFreeze(next);
        const issues = checkInvariants(next);
        expect(issues, `seed ${seed} after ${log.join(', ')}`).toEqual([]);
        const reread = parseMap(serializeMap(next));
        expect(reread.ok, `seed ${seed} after ${log.join(', ')}`).toBe(true);
        if (reread.ok) expect(reread.map).toEqual(next);
        map = next;
      }
    }
  });
});

describe('every operation returns a change, by id, that applies and inverts', () => {
  const map = sampleMap();
  const cases: [string, MapChange][] = [
    ['addNode', model.addNode(map, { id: 'n', kind: 'claim', text: 'New', evidence: [] })],
    ['updateNode', model.updateNode(map, 'b', { text: 'Changed' })],
    ['connect', mustChange(model.connect(map, 'c', 'pos', 'rebuttal'))],
    [
      'addReply',
      mustChange(
        model.addReply(
          map,
          { id: 'r', kind: 'claim', text: 'Reply', evidence: [] },
          'a',
          'support',
        ),
      ),
    ],
    ['updateEdge', mustChange(model.updateEdge(map, 'e-c-a', { note: 'Why' }))],
    ['removeElements', model.removeElements(map, ['a'], ['e-b-pos'])],
    ['moveNodes', model.moveNodes(map, at({ c: { x: 5, y: 6 } }))],
    [
      'pasteFragment',
      model.pasteFragment(map, copyFragment(map, ['a', 'c']), { x: 9, y: 9 }).change,
    ],
    ['addSource', sourceOps.addSource(map, { title: 'Another' }).change],
    ['updateSource', sourceOps.updateSource(map, 'article', { author: 'A. Writer' })],
  ];

  it.each(cases)('%s', (_name, change) => {
    expect(isEmptyChange(change)).toBe(false);
    const after = applyChange(map, change);
    expect(checkInvariants(after)).toEqual([]);
    expect(applyChange(after, invertChange(change))).toEqual(map);
    // The change names only what it touches, never the whole map.
    expect(changeSize(change)).toBeLessThanOrEqual(4);
  });

  it('an edit to one node is one updated record, whatever the size of the map', () => {
    const change = model.updateNode(map, 'b', { text: 'Changed' });
    expect([...change.nodes.updated.keys()]).toEqual(['b']);
    expect(changeSize(change)).toBe(1);
  });

  it('an edit that changes nothing is the empty change', () => {
    expect(isEmptyChange(model.updateNode(map, 'b', { text: map.nodes[2]!.text }))).toBe(true);
    expect(isEmptyChange(model.moveNodes(map, at({ a: { x: 400, y: 0 } })))).toBe(true);
    expect(isEmptyChange(model.removeElements(map, ['nobody']))).toBe(true);
  });

  it('a reply refused for its relation adds no node either', () => {
    const refused = model.addReply(
      map,
      { id: 'r', kind: 'claim', text: 'Reply', evidence: [] },
      'nobody',
      'support',
    );
    expect(refused).toEqual({
      ok: false,
      reason: 'Both ends of a connection must be nodes on the map.',
    });
  });
});

function mustChange(result: model.EditResult): MapChange {
  if (!result.ok) throw new Error(result.reason);
  return result.change;
}
