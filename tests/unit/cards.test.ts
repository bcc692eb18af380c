import { describe, expect, it } from 'vitest';
import { mapToCards } from '../../src/io/cards';
import type { ClashMap } from '../../src/model/map';

const text = 'Mexico coordinates and collaborates, but does not subordinate itself.';
const map: ClashMap = {
  format: 'clashmap',
  version: 5,
  title: 'Strikes',
  sources: [
    {
      id: 's',
      title: 'Report',
      author: 'Dave DeCamp',
      publisher: 'Antiwar.com',
      published: '2025-03-25',
      text,
    },
  ],
  nodes: [
    { id: 'p', kind: 'position', text: 'Cooperate with Mexico', evidence: [] },
    {
      id: 'c',
      kind: 'claim',
      text: 'Mexico will not be subordinated',
      evidence: [
        {
          id: 'q1',
          sourceId: 's',
          quote: 'does not subordinate itself',
          start: 41,
          end: 68,
          speaker: 'Claudia Sheinbaum',
        },
      ],
    },
    {
      id: 'x',
      kind: 'claim',
      text: 'A loose end',
      evidence: [
        {
          id: 'q2',
          sourceId: 's',
          quote: 'Mexico coordinates',
          start: 0,
          end: 18,
          speaker: 'Dave DeCamp',
        },
      ],
    },
  ],
  edges: [{ id: 'e', from: 'c', to: 'p', kind: 'support' }],
};

describe('mapToCards', () => {
  it('prints each quoted claim as a card under the position it leads to', () => {
    expect(mapToCards(map)).toBe(
      [
        'STRIKES',
        '',
        '== Position 1: Cooperate with Mexico ==',
        '',
        'TAG: Mexico will not be subordinated',
        'CITE: Claudia Sheinbaum — Dave DeCamp, “Report”, Antiwar.com, 2025-03-25',
        '“does not subordinate itself”',
        '',
        '== Not linked to a position ==',
        '',
        'TAG: A loose end',
        'CITE: Dave DeCamp — “Report”, Antiwar.com, 2025-03-25',
        '“Mexico coordinates”',
        '',
      ].join('\n'),
    );
  });
});
