import { describe, expect, it } from 'vitest';
import { estimateNodeSize } from '../../src/layout/nodeSize';
import type { MapNode } from '../../src/model/node';

const card: MapNode = {
  id: 'c1',
  kind: 'claim',
  text: 'Strikes would push the cartels to move and recruit',
  evidence: [],
  position: { x: 0, y: 0 },
};

describe('estimateNodeSize', () => {
  it('gives a moved card (a new record, the same words) the guess made before', () => {
    const first = estimateNodeSize(card);
    const moved = { ...card, position: { x: 400, y: 900 } };
    expect(estimateNodeSize(moved)).toBe(first);
  });

  it('guesses again when the words change, even for a card of the same id', () => {
    const first = estimateNodeSize(card);
    const longer = { ...card, text: `${card.text}. `.repeat(8) };
    expect(estimateNodeSize(longer).height).toBeGreaterThan(first.height);
    const quoted: MapNode = {
      ...card,
      evidence: [
        {
          id: 'q1',
          sourceId: 's1',
          quote: 'A quote long enough to take two lines',
          speaker: 'A speaker',
        },
      ],
    };
    expect(estimateNodeSize(quoted).height).toBeGreaterThan(first.height);
    // And back: the shorter card's guess again.
    expect(estimateNodeSize({ ...card }).height).toBe(first.height);
  });
});
