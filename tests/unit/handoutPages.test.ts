import { describe, expect, it } from 'vitest';
import { cuts, handoutGroups } from '../../src/components/handoutPages';
import type { ClashMap } from '../../src/model/map';

const map: ClashMap = {
  format: 'clashmap',
  version: 5,
  title: 'Two columns',
  sources: [],
  nodes: [
    { id: 'p1', kind: 'position', text: 'First', evidence: [] },
    { id: 'a', kind: 'claim', text: 'Under first', evidence: [] },
    { id: 'p2', kind: 'position', text: 'Second', evidence: [] },
    { id: 'b', kind: 'claim', text: 'Under second', evidence: [] },
    { id: 'p3', kind: 'position', text: 'Third, lower in the second column', evidence: [] },
    { id: 'c', kind: 'claim', text: 'Under third', evidence: [] },
    { id: 'lone', kind: 'claim', text: 'In a column of its own', evidence: [] },
  ],
  edges: [{ id: 'e', from: 'b', to: 'a', kind: 'rebuttal' }],
};

const box = (x: number, y: number) => ({ x, y, width: 280, height: 100 });
const boxes = new Map([
  ['p1', box(0, 0)],
  ['a', box(20, 120)],
  ['p2', box(400, 0)],
  ['b', box(420, 120)],
  ['p3', box(400, 400)],
  ['c', box(420, 520)],
  ['lone', box(800, 0)],
]);

describe('the handout', () => {
  it('gives each position the cards of its column down to the next position, and other columns pages of their own', () => {
    const groups = handoutGroups(map, boxes).map((g) => [g.heading, [...g.nodeIds].sort()]);
    expect(groups).toEqual([
      ['Position 1 of 3: First', ['a', 'p1']],
      ['Position 2 of 3: Second', ['b', 'p2']],
      ['Position 3 of 3: Third, lower in the second column', ['c', 'p3']],
      ['Claims that answer no position', ['lone']],
    ]);
  });

  it('cuts a long column between cards, and at the page end only where a card is too tall', () => {
    const spans: [number, number][] = [
      [0, 100],
      [120, 220],
      [240, 340],
    ];
    expect(cuts(0, 340, 250, spans)).toEqual([
      [0, 228],
      [228, 340],
    ]);
    expect(cuts(0, 1000, 400, [[0, 1000]])).toEqual([
      [0, 400],
      [400, 800],
      [800, 1000],
    ]);
    expect(cuts(0, 300, 400, spans)).toEqual([[0, 300]]);
  });
});
