import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyChange,
  changeSize,
  diffMaps,
  invertChange,
  isEmptyChange,
} from '../../src/model/change';
import { changeProblem } from '../../src/model/checkChange';
import type { ClashMap } from '../../src/model/map';
import type { MapNode } from '../../src/model/node';
import * as ops from './opsOnMaps';

const claim = (id: string, text = id): MapNode => ({ id, kind: 'claim', text, evidence: [] });

function sample(): ClashMap {
  return {
    format: 'clashmap',
    version: 5,
    title: 'Strikes',
    sources: [{ id: 'article', title: 'Report', text: 'Mexico will not be subordinated.' }],
    nodes: [
      { id: 'pos', kind: 'position', text: 'Cooperate', evidence: [] },
      claim('a'),
      claim('b'),
      claim('c'),
    ],
    edges: [
      { id: 'e1', from: 'a', to: 'pos', kind: 'support' },
      { id: 'e2', from: 'c', to: 'a', kind: 'rebuttal' },
    ],
  };
}

describe('diffMaps, applyChange and invertChange', () => {
  it('a text edit is one updated record, applied and inverted exactly', () => {
    const before = sample();
    const after = ops.updateNode(before, 'b', { text: 'Changed' });
    const change = diffMaps(before, after);
    expect(changeSize(change)).toBe(1);
    expect(change.nodes.updated.get('b')).toEqual({ from: before.nodes[2], to: after.nodes[2] });
    expect(applyChange(before, change)).toEqual(after);
    expect(applyChange(after, invertChange(change))).toEqual(before);
  });

  it('a delete restores nodes and edges at their old places when inverted', () => {
    const before = sample();
    const after = ops.removeElements(before, ['a']);
    const change = diffMaps(before, after);
    expect([...change.nodes.removed.keys()]).toEqual(['a']);
    expect([...change.edges.removed.keys()].sort()).toEqual(['e1', 'e2']);
    const undone = applyChange(after, invertChange(change));
    expect(undone.nodes.map((n) => n.id)).toEqual(['pos', 'a', 'b', 'c']);
    expect(undone).toEqual(before);
  });

  it('title and presentation are the map fields of a change', () => {
    const before = sample();
    const after = {
      ...before,
      title: 'New',
      presentation: { steps: [{ id: 's1', nodes: ['pos'] }] },
    };
    const change = diffMaps(before, after);
    expect(change.fields?.to.title).toBe('New');
    expect(applyChange(before, change)).toEqual(after);
    const back = applyChange(after, invertChange(change));
    expect(back).toEqual(before);
    expect('presentation' in back).toBe(false);
  });

  it('an unchanged map gives an empty change, and applying it gives the same map', () => {
    const map = sample();
    const change = diffMaps(map, { ...map });
    expect(isEmptyChange(change)).toBe(true);
    expect(applyChange(map, change)).toBe(map);
  });

  it('records whose order changed are moved, so applying restores the order', () => {
    const before = sample();
    const after = { ...before, nodes: [before.nodes[3]!, ...before.nodes.slice(0, 3)] };
    const change = diffMaps(before, after);
    expect(applyChange(before, change).nodes.map((n) => n.id)).toEqual(['c', 'pos', 'a', 'b']);
    expect(applyChange(after, invertChange(change))).toEqual(before);
  });

  it('ids that are Object.prototype names are ordinary ids', () => {
    const before = { ...sample(), nodes: [claim('constructor'), claim('toString')], edges: [] };
    const after = ops.updateNode(before, 'constructor', { text: 'Moved' });
    const change = diffMaps(before, after);
    expect(changeSize(change)).toBe(1);
    expect(applyChange(before, change)).toEqual(after);
  });

  it('for any edit sequence, apply(diff) gives the target and apply(invert) the source', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('add' as const), text: fc.string({ minLength: 1 }) }),
      fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({
        op: fc.constant('text' as const),
        pick: fc.nat(),
        text: fc.string({ minLength: 1 }),
      }),
      fc.record({ op: fc.constant('connect' as const), from: fc.nat(), to: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        let map = sample();
        let serial = 0;
        for (const e of edits) {
          const ids = map.nodes.map((n) => n.id);
          const before = map;
          if (e.op === 'add') map = ops.addNode(map, claim(`n${serial++}`, e.text));
          else if (e.op === 'remove' && ids.length)
            map = ops.removeElements(map, [ids[e.pick % ids.length]!]);
          else if (e.op === 'text' && ids.length)
            map = ops.updateNode(map, ids[e.pick % ids.length]!, { text: e.text });
          else if (e.op === 'connect' && ids.length) {
            const r = ops.connect(
              map,
              ids[e.from % ids.length]!,
              ids[e.to % ids.length]!,
              'support',
            );
            if (r.ok) map = r.map;
          }
          const change = diffMaps(before, map);
          expect(applyChange(before, change)).toEqual(map);
          expect(applyChange(map, invertChange(change))).toEqual(before);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('changeProblem: the one check before a commit', () => {
  it('refuses a node whose text passes the limit', () => {
    const before = sample();
    const after = ops.updateNode(before, 'a', { text: 'x'.repeat(5000) });
    expect(changeProblem(after, diffMaps(before, after))).toMatch(/^The text /);
  });

  it("words a value of the wrong type in zod's English, as the schema sets no message for it", () => {
    const before = sample();
    const after = ops.updateNode(before, 'a', { text: 42 as unknown as string });
    expect(changeProblem(after, diffMaps(before, after))).toBe(
      'The text Invalid input: expected string, received number.',
    );
  });

  it('checks a moved node’s new place, in the words the whole node’s check uses', () => {
    const before = sample();
    const place = (position: { x: number; y: number }, text?: string) => ({
      ...before,
      nodes: before.nodes.map((n) =>
        n.id === 'a' ? { ...n, position, ...(text ? { text } : {}) } : n,
      ),
    });
    const moved = place({ x: Infinity, y: 3 });
    const problem = changeProblem(moved, diffMaps(before, moved));
    expect(problem).toMatch(/^The position x /);
    // The same words as for a node whose text changed too (checked whole, by its schema).
    const both = place({ x: Infinity, y: 3 }, 'Other');
    expect(changeProblem(both, diffMaps(before, both))).toBe(problem);
    const good = place({ x: 10, y: 20 });
    expect(changeProblem(good, diffMaps(before, good))).toBeNull();
    const far = place({ x: 1, y: 1e12 });
    expect(changeProblem(far, diffMaps(before, far))).toMatch(/^The position y must be between /);
    const extra = place({ x: 1, y: 2, z: 3 } as { x: number; y: number });
    expect(changeProblem(extra, diffMaps(before, extra))).toMatch(/^The position /);
    const notNumber = place({ x: '1', y: 2 } as unknown as { x: number; y: number });
    expect(changeProblem(notNumber, diffMaps(before, notNumber))).toMatch(/^The position x /);
  });

  it('still checks the rest of a moved node that changed in any other way', () => {
    const before = sample();
    const after = {
      ...before,
      nodes: before.nodes.map((n) =>
        n.id === 'a' ? { ...n, text: 'x'.repeat(5000), position: { x: 1, y: 2 } } : n,
      ),
    };
    expect(changeProblem(after, diffMaps(before, after))).toMatch(/^The text /);
  });

  it('refuses an added node quoting a span the source does not hold', () => {
    const before = sample();
    const node: MapNode = {
      ...claim('q'),
      evidence: [
        {
          id: 'q1',
          sourceId: 'article',
          quote: 'nothing like it',
          start: 0,
          end: 15,
          speaker: 'X',
        },
      ],
    };
    const after = ops.addNode(before, node);
    expect(changeProblem(after, diffMaps(before, after))).toMatch(/^The quote does not match/);
  });

  it('refuses a quote of a source that is not in the map', () => {
    const before = sample();
    const node: MapNode = {
      ...claim('q'),
      evidence: [{ id: 'q2', sourceId: 'ghost', quote: 'Mexico', start: 0, end: 6, speaker: 'X' }],
    };
    const after = ops.addNode(before, node);
    expect(changeProblem(after, diffMaps(before, after))).toBe('That source is not in this map.');
  });

  it('refuses an edge to a node that is gone, a self-loop and a duplicate', () => {
    const before = sample();
    const dangling = {
      ...before,
      edges: [...before.edges, { id: 'x', from: 'a', to: 'ghost', kind: 'support' as const }],
    };
    expect(changeProblem(dangling, diffMaps(before, dangling))).toMatch(/Both ends/);
    const loop = {
      ...before,
      edges: [...before.edges, { id: 'x', from: 'a', to: 'a', kind: 'support' as const }],
    };
    expect(changeProblem(loop, diffMaps(before, loop))).toMatch(/itself/);
    const twin = {
      ...before,
      edges: [...before.edges, { id: 'x', from: 'a', to: 'pos', kind: 'support' as const }],
    };
    expect(changeProblem(twin, diffMaps(before, twin))).toMatch(/already connected/);
  });

  it('refuses removing a node but keeping its edges, and a step naming a removed node', () => {
    const before = { ...sample(), presentation: { steps: [{ id: 's1', nodes: ['b'] }] } };
    const noEdges = { ...before, nodes: before.nodes.filter((n) => n.id !== 'a') };
    expect(changeProblem(noEdges, diffMaps(before, noEdges))).toMatch(/without one of its ends/);
    const noStep = { ...before, nodes: before.nodes.filter((n) => n.id !== 'b') };
    expect(changeProblem(noStep, diffMaps(before, noStep))).toMatch(/presentation step/);
  });

  it('accepts every ordinary edit', () => {
    const before = sample();
    for (const after of [
      ops.updateNode(before, 'a', { text: 'Fine' }),
      ops.removeElements(before, ['a']),
      ops.addNode(before, claim('new')),
    ]) {
      expect(changeProblem(after, diffMaps(before, after))).toBeNull();
    }
  });
});
