import { describe, expect, it } from 'vitest';
import type { ClashMap } from '../../src/model/map';
import { neighbourCard } from '../../src/model/navigation';
import type { Point } from '../../src/model/node';

// Two positions across the top; under the first, two supporters (drawn top to bottom a then
// b) and a rebuttal of a; the second position has one reply, and a loose claim answers nothing.
const map: ClashMap = {
  format: 'clashmap',
  version: 5,
  title: 'Navigation',
  sources: [],
  nodes: [
    { id: 'p2', kind: 'position', text: 'Second', evidence: [] },
    { id: 'p1', kind: 'position', text: 'First', evidence: [] },
    { id: 'b', kind: 'claim', text: 'B', evidence: [] },
    { id: 'a', kind: 'claim', text: 'A', evidence: [] },
    { id: 'r', kind: 'claim', text: 'Rebuts A', evidence: [] },
    { id: 'x', kind: 'claim', text: 'Answers p2', evidence: [] },
    { id: 'loose', kind: 'claim', text: 'Loose', evidence: [] },
  ],
  edges: [
    { id: 'e1', from: 'a', to: 'p1', kind: 'support' },
    { id: 'e2', from: 'b', to: 'p1', kind: 'support' },
    { id: 'e3', from: 'r', to: 'a', kind: 'rebuttal' },
    { id: 'e4', from: 'x', to: 'p2', kind: 'rebuttal' },
  ],
};

const places: Record<string, Point> = {
  p1: { x: 0, y: 0 },
  p2: { x: 700, y: 0 },
  a: { x: 40, y: 200 },
  b: { x: 40, y: 400 },
  r: { x: 360, y: 200 },
  x: { x: 740, y: 200 },
  loose: { x: 1400, y: 0 },
};
const at = (id: string) => places[id];
const go = (from: string, direction: 'up' | 'down' | 'left' | 'right') =>
  neighbourCard(map, from, direction, at);

describe('arrow-key navigation along the argument', () => {
  it('down goes to the first reply as drawn, up to the card answered', () => {
    expect(go('p1', 'down')).toBe('a');
    expect(go('a', 'down')).toBe('r');
    expect(go('r', 'up')).toBe('a');
    expect(go('a', 'up')).toBe('p1');
    expect(go('p1', 'up')).toBeNull();
    expect(go('r', 'down')).toBeNull();
  });

  it('left and right step through the replies to one card, in drawn order', () => {
    expect(go('a', 'right')).toBe('b');
    expect(go('b', 'left')).toBe('a');
    expect(go('b', 'right')).toBeNull();
    expect(go('a', 'left')).toBeNull();
  });

  it('left and right step across the positions (and loose cards) in drawn order, not file order', () => {
    expect(go('p1', 'right')).toBe('p2');
    expect(go('p2', 'right')).toBe('loose');
    expect(go('p2', 'left')).toBe('p1');
    expect(go('p2', 'down')).toBe('x');
  });

  it('an unknown card leads nowhere', () => {
    expect(go('gone', 'down')).toBeNull();
  });
});
