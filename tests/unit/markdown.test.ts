import { describe, expect, it } from 'vitest';
import { mapToMarkdown } from '../../src/io/markdown';
import type { Evidence } from '../../src/model/evidence';
import type { ClashMap } from '../../src/model/map';
import { readArticleMap } from './helpers/maps';

const TEXT =
  'Sheinbaum said: "Mexico coordinates and collaborates, but does not subordinate itself."';
let quoteCount = 0;
const quote = (words: string, speaker: string): Evidence => {
  const start = TEXT.indexOf(words);
  return {
    id: `q${++quoteCount}`,
    sourceId: 'src',
    quote: words,
    start,
    end: start + words.length,
    speaker,
  };
};

/**
 * Two positions. "Strikes work" supports the first; "Strikes do not work" rebuts it and also
 * supports the second; "They worked before" and "Strikes do not work" rebut each other (a
 * cycle). Two claims reach no position at all.
 */
const MAP: ClashMap = {
  format: 'clashmap',
  version: 5,
  title: 'Strikes  on\ncartels',
  description: 'A small\nmap.',
  sources: [{ id: 'src', title: 'Interview', text: TEXT }],
  nodes: [
    { id: 'p1', kind: 'position', text: 'Strike unilaterally', evidence: [] },
    {
      id: 'p2',
      kind: 'position',
      text: 'Cooperate with Mexico',
      evidence: [quote('Mexico coordinates and collaborates', 'Claudia Sheinbaum')],
    },
    { id: 'a', kind: 'claim', text: 'Strikes\nwork', evidence: [] },
    {
      id: 'b',
      kind: 'claim',
      text: 'Strikes do not work',
      evidence: [quote('does not subordinate itself', 'Claudia Sheinbaum')],
    },
    { id: 'c', kind: 'claim', text: 'They worked before', evidence: [] },
    { id: 'd', kind: 'claim', text: 'Orphan claim', evidence: [] },
    { id: 'e', kind: 'claim', text: 'Another orphan', evidence: [] },
  ],
  edges: [
    { id: 'e1', from: 'a', to: 'p1', kind: 'support', note: 'The main reason' },
    { id: 'e2', from: 'b', to: 'a', kind: 'rebuttal' },
    { id: 'e3', from: 'c', to: 'b', kind: 'rebuttal' },
    { id: 'e4', from: 'b', to: 'c', kind: 'rebuttal' },
    { id: 'e5', from: 'b', to: 'p2', kind: 'support' },
    { id: 'e6', from: 'd', to: 'e', kind: 'rebuttal' },
  ],
};

const EXPECTED = `# Strikes on cartels

A small map.

## Position: Strike unilaterally

- **Supports:** Strikes work
  _The main reason_
  - **Rebuts:** Strikes do not work
    > “does not subordinate itself” — Claudia Sheinbaum
    - **Rebuts:** They worked before
      - **Rebuts:** Strikes do not work _(see above)_

## Position: Cooperate with Mexico

> “Mexico coordinates and collaborates” — Claudia Sheinbaum

- **Supports:** Strikes do not work _(see above)_

## Claims not linked to a position

- Another orphan
  - **Rebuts:** Orphan claim
`;

describe('mapToMarkdown', () => {
  // A node met a second time is a reference, not a copy of its whole subtree: the outline stays
  // as long as the map however many cross-links it has.
  it('outlines positions, nested supports and rebuttals, quotes, and unlinked claims', () => {
    expect(mapToMarkdown(MAP)).toBe(EXPECTED);
  });

  it('writes just the title for an empty map', () => {
    expect(mapToMarkdown({ ...MAP, description: undefined, nodes: [], edges: [] })).toBe(
      '# Strikes on cartels\n',
    );
  });

  it('stops at a cycle of rebuttals instead of looping', () => {
    const cycle: ClashMap = {
      ...MAP,
      description: undefined,
      nodes: [
        { id: 'p', kind: 'position', text: 'P', evidence: [] },
        { id: 'x', kind: 'claim', text: 'X', evidence: [] },
        { id: 'y', kind: 'claim', text: 'Y', evidence: [] },
        { id: 'z', kind: 'claim', text: 'Z', evidence: [] },
      ],
      edges: [
        { id: 'e1', from: 'x', to: 'p', kind: 'rebuttal' },
        { id: 'e2', from: 'y', to: 'x', kind: 'rebuttal' },
        { id: 'e3', from: 'z', to: 'y', kind: 'rebuttal' },
        { id: 'e4', from: 'x', to: 'z', kind: 'rebuttal' },
      ],
    };
    expect(mapToMarkdown(cycle)).toBe(
      [
        '# Strikes on cartels',
        '',
        '## Position: P',
        '',
        '- **Rebuts:** X',
        '  - **Rebuts:** Y',
        '    - **Rebuts:** Z',
        '      - **Rebuts:** X _(see above)_',
        '',
      ].join('\n'),
    );
  });

  it('escapes text that Markdown would read as syntax or HTML', () => {
    const map: ClashMap = {
      format: 'clashmap',
      version: 5,
      title: '# Not a *heading*',
      sources: [],
      nodes: [
        {
          id: 'p',
          kind: 'position',
          text: '<img src=x onerror=alert(1)> [link](javascript:x)',
          evidence: [],
        },
      ],
      edges: [],
    };
    const outline = mapToMarkdown(map);
    expect(outline).toContain('# \\# Not a \\*heading\\*');
    expect(outline).toContain(
      '## Position: \\<img src=x onerror=alert(1)\\> \\[link\\](javascript:x)',
    );
    expect(outline).not.toMatch(/(^|[^\\])<img/);
  });

  it('outlines the article map under its four positions, with every claim in it', () => {
    const map = readArticleMap();
    const outline = mapToMarkdown(map);
    expect(outline.match(/^## Position: /gm)).toHaveLength(4);
    expect(outline).not.toContain('## Claims not linked to a position');
    for (const node of map.nodes) expect(outline).toContain(node.text);
  });
});
