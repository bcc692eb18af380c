import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeArgdownText,
  exportArgdown,
  importArgdown,
  normalizeStatementText,
} from '../../../src/io/formats/argdown';
import { LIMITS } from '../../../src/model/limits';
import type { ClashMap } from '../../../src/model/map';
import { textProblem } from '../../../src/model/text';
import { allFieldsMap, readArticleMap } from '../helpers/maps';
import { argumentOf, exported, imported, lossAbout, messages, refused } from './expectations';

const FIXTURE = 'tests/fixtures/formats/drone-strikes.argdown';

/** Two positions with no edges at all, and a claim that rebuts both: the tags alone say which is which. */
const SMALL: ClashMap = {
  format: 'clashmap',
  version: 5,
  title: 'Strikes',
  sources: [],
  nodes: [
    { id: 'p1', kind: 'position', text: 'Strike unilaterally', evidence: [] },
    { id: 'p2', kind: 'position', text: 'Cooperate with Mexico', evidence: [] },
    { id: 'p3', kind: 'position', text: 'A stance nobody argues about', evidence: [] },
    { id: 'c1', kind: 'claim', text: 'Strikes would rupture relations', evidence: [] },
  ],
  edges: [
    { id: 'e1', from: 'c1', to: 'p1', kind: 'rebuttal', note: 'Relations matter' },
    { id: 'e2', from: 'p2', to: 'p1', kind: 'rebuttal' },
    { id: 'e3', from: 'c1', to: 'p2', kind: 'support' },
  ],
};

async function roundTrip(map: ClashMap) {
  const { text, losses: exportLosses } = exported(exportArgdown(map));
  const { map: back, losses: importLosses } = imported(await importArgdown(text));
  return { text, back, exportLosses, importLosses };
}

describe('Argdown export', () => {
  it('writes a statement per node, titled by its id, with its relations under it', () => {
    const { text } = exported(exportArgdown(SMALL));
    expect(text).toBe(
      [
        '===',
        'title: "Strikes"',
        'generator: "Clashmap"',
        '===',
        '',
        '[p1]: Strike unilaterally #position',
        '  - [c1]',
        '  - [p2]',
        '',
        '[p2]: Cooperate with Mexico #position',
        '  + [c1]',
        '',
        '[p3]: A stance nobody argues about #position',
        '',
        '[c1]: Strikes would rupture relations',
        '',
      ].join('\n'),
    );
  });

  it('keeps quotes, speakers and sources in data and front matter, and says what it loses', () => {
    const map = readArticleMap();
    const { text, losses } = exported(exportArgdown(map));
    expect(text).toContain('sources: [{"id":"article","title":"Report: Trump Administration');
    expect(text).toContain(
      '[claim-reject-intervention]: Mexico rejects any form of foreign intervention or interference #(sovereignty) {"quotes":[{"id":"q13","quote":"We reject any form of intervention or interference.","speaker":"Claudia Sheinbaum, President of Mexico","source":"article"},',
    );
    expect(messages(losses)).toEqual([
      'Quote offsets are not kept in Argdown; quotes are found again in their source text on import',
      'Edge notes are not kept: Argdown relations have no text',
      'Edge ids are not kept in Argdown; imported edges get new ids',
      'Which claims stand is unchanged by these losses',
    ]);
    expect(losses[0]!.count).toBe(map.nodes.filter((n) => n.evidence.length > 0).length);
    expect(losses[1]!.count).toBe(map.edges.filter((e) => e.note !== undefined).length);
  });

  it('escapes everything Argdown would read as syntax', () => {
    expect(escapeArgdownText('a [b] <c> #d *e* _f_ {g} @h (i) \\')).toBe(
      'a \\[b\\] \\<c\\> \\#d \\*e\\* \\_f\\_ \\{g\\} \\@h \\(i\\) \\\\',
    );
    expect(escapeArgdownText('see http://x.org // no /* comment')).toBe(
      'see http\\:\\//x.org \\// no \\/\\* comment',
    );
    expect(escapeArgdownText('U.S.A. is not .A. but a === b')).toBe(
      'U\\.S\\.A. is not \\.A. but a \\=\\== b',
    );
    expect(escapeArgdownText('Plain prose, with commas; and 10:30 stays readable.')).toBe(
      'Plain prose, with commas; and 10:30 stays readable.',
    );
  });

  // The old export collapsed the whitespace and reported it as lost; the data now holds it.
  it('keeps line breaks, tabs and repeated spaces: the line shows single spaces, the data the text', async () => {
    const map: ClashMap = {
      ...SMALL,
      nodes: [{ id: 'p1', kind: 'position', text: ' Two\r\nlines\tand  gaps ', evidence: [] }],
      edges: [],
    };
    const { text, losses } = exported(exportArgdown(map));
    expect(text).toContain(
      '[p1]: Two lines and gaps #position {"text":" Two\\r\\nlines\\tand  gaps "}',
    );
    expect(losses).toEqual([]);
    expect(normalizeStatementText('a\n\n  b\t c')).toBe('a b c');
    const { map: back } = imported(await importArgdown(text));
    expect(back.nodes[0]!.text).toBe(' Two\r\nlines\tand  gaps ');
  });
});

describe('Argdown round trip (Clashmap → Argdown → Clashmap)', () => {
  it('keeps the article map’s positions, claims, edge kinds, quotes and speakers', async () => {
    const map = readArticleMap();
    const { back, importLosses } = await roundTrip(map);
    expect(argumentOf(back)).toEqual(argumentOf(map));
    expect(importLosses).toEqual([]);
    // Everything else Argdown can hold comes back too: only edge ids and notes differ.
    expect(back.nodes).toEqual(map.nodes);
    expect(back.sources).toEqual(map.sources);
    expect(back.title).toBe(map.title);
    expect(back.description).toBe(map.description);
  });

  it('keeps every node field of a map that uses them all, but the round, which it reports', async () => {
    const map = allFieldsMap();
    const { back } = await roundTrip(map);
    const withoutRound = map.nodes.map(({ side: _s, speech: _p, conceded: _c, ...rest }) => {
      if (rest.kind !== 'claim') return rest;
      const { sheet: _h, ...kept } = rest;
      return kept;
    });
    expect(back.nodes).toEqual(withoutRound);
    expect(back.round).toBeUndefined();
    const { losses } = exported(exportArgdown(map));
    expect(losses.map((l) => [l.path, l.message])).toContainEqual([
      'nodes[0], nodes[1]',
      'Who made an argument, in which speech, on which sheet and whether it was crossed out have no place in Argdown',
    ]);
    expect(losses.map((l) => [l.path, l.message])).toContainEqual([
      'round',
      "The debate round's format and teams have no place in Argdown",
    ]);
    expect(back.sources).toEqual(map.sources);
    expect(argumentOf(back)).toEqual(argumentOf(map));
  });

  it('keeps tags Argdown cannot write as #(tag), in their order, in the data', async () => {
    const map: ClashMap = {
      ...SMALL,
      nodes: [
        { id: 'p1', kind: 'position', text: 'A', evidence: [], tags: ['x (y)', 'position', 'z'] },
        { id: 'c1', kind: 'claim', text: 'B', evidence: [], tags: ['position'] },
      ],
      edges: [],
    };
    const { text, back } = await roundTrip(map);
    expect(text).toContain('[p1]: A #position #(z) {"tags":["x (y)","position","z"]}');
    expect(text).toContain('[c1]: B {"tags":["position"]}');
    expect(back.nodes).toEqual(map.nodes);
  });

  it('keeps positions that have no edges or that rebut other positions', async () => {
    const { back } = await roundTrip(SMALL);
    expect(argumentOf(back)).toEqual(argumentOf(SMALL));
  });

  it('keeps a map without positions free of positions', async () => {
    const map: ClashMap = {
      ...SMALL,
      nodes: [
        { id: 'a', kind: 'claim', text: 'One', evidence: [] },
        { id: 'b', kind: 'claim', text: 'Two', evidence: [] },
      ],
      edges: [{ id: 'e', from: 'a', to: 'b', kind: 'rebuttal' }],
    };
    const { back } = await roundTrip(map);
    expect(argumentOf(back)).toEqual(argumentOf(map));
  });

  it('keeps any text, tag, note and speaker (property, 100 generated maps)', async () => {
    const token = fc.constantFrom(
      '[x]',
      '<y>:',
      '#tag',
      '#(a b)',
      '*',
      '_',
      '{a: b}',
      '} x',
      '//',
      '/*',
      '*/',
      '<!--',
      '-->',
      '===',
      '.A.',
      ':+1:',
      'U.S.',
      '(1)',
      '--',
      '+>',
      '<-',
      '><',
      '_>',
      '@[',
      '\\',
      '"',
      "'",
      ' ',
      '\n',
      '\t',
      '🇲🇽',
      'é',
    );
    const prose = fc
      .array(fc.oneof(token, fc.string({ unit: 'grapheme', maxLength: 6 })), {
        minLength: 1,
        maxLength: 12,
      })
      .map((parts) => parts.join(''))
      .filter((s) => s.trim() !== '' && s.length <= 300 && textProblem(s) === null);
    await fc.assert(
      fc.asyncProperty(prose, prose, prose, async (text, tag, words) => {
        const source = `${words} (said on air)`;
        const map: ClashMap = {
          format: 'clashmap',
          version: 5,
          title: words,
          sources: [{ id: 's', title: 'Transcript', text: source }],
          nodes: [
            {
              id: 'p',
              kind: 'position',
              text,
              evidence: [
                {
                  id: 'q1',
                  sourceId: 's',
                  quote: words,
                  start: 0,
                  end: words.length,
                  speaker: tag,
                },
              ],
              tags: [tag.slice(0, LIMITS.tagLength)].filter((t) => textProblem(t) === null),
              notes: text,
            },
            { id: 'c', kind: 'claim', text: words, evidence: [] },
          ],
          edges: [{ id: 'e', from: 'c', to: 'p', kind: 'support' }],
        };
        const { back } = await roundTrip(map);
        const [p, c] = back.nodes;
        // Exactly: the old expectation collapsed whitespace, which the export now keeps.
        expect(p).toEqual(map.nodes[0]);
        expect(c).toEqual(map.nodes[1]);
        expect(back.title).toBe(words);
        expect(back.edges.map((e) => [e.from, e.to, e.kind])).toEqual([['c', 'p', 'support']]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('Argdown import of a hand-written file', () => {
  it('reads statements, relations, tags, quotes and the front matter title', async () => {
    const { map } = imported(await importArgdown(readFileSync(FIXTURE, 'utf8')));
    expect(map.title).toBe('Drone strikes on Mexican cartels');
    expect(argumentOf(map)).toEqual({
      positions: [
        ['Strike', 'The US should strike cartels in Mexico with drones.'],
        ['Cooperate', 'The US should act only together with the Mexican government.'],
      ],
      claims: [
        ['Stem-the-flow', 'Strikes would stem the flow of fentanyl across the border.'],
        ['Demand', 'As long as US demand exists, the trade will continue.'],
        ['Terror-designation', 'Designating cartels as terrorists prepares military action.'],
        ['Sovereignty', 'Mexico rejects any foreign intervention.'],
        ['Collusion', 'Parts of the Mexican state collude with the cartels.'],
        ['Untitled-1', 'Security dialogue between both governments is strong and ongoing.'],
        ['Clean-state', 'Mexican institutions are free of cartel influence.'],
        ['Untitled-2', 'Cartels are heavily armed, partly with weapons bought in the US.'],
        ['Untitled-3', 'Armed groups answer strikes with violence.'],
        ['Hot-war-risk', 'Strikes would start a hot war.'],
      ],
      edges: [
        'Collusion -> Clean-state (contrary)',
        'Collusion -> Cooperate (rebuttal)',
        'Demand -> Stem-the-flow (rebuttal)',
        'Hot-war -> Hot-war-risk (concludes)',
        'Hot-war-risk -> Strike (rebuttal)',
        'Sovereignty -> Cooperate (support)',
        'Sovereignty -> Strike (rebuttal)',
        'Stem-the-flow -> Strike (support)',
        'Terror-designation -> Strike (support)',
        'Untitled-1 -> Cooperate (support)',
        'Untitled-2 -> Hot-war (premise)',
        'Untitled-3 -> Hot-war (premise)',
      ],
      quotes: [
        ['Strike', []],
        ['Stem-the-flow', []],
        ['Demand', [['demand for fentanyl still exists in the US', 'Daniel DePetris']]],
        ['Terror-designation', []],
        [
          'Sovereignty',
          [['We reject any form of intervention or interference.', 'Claudia Sheinbaum']],
        ],
        ['Cooperate', []],
        ['Collusion', []],
        ['Untitled-1', []],
        ['Clean-state', []],
        ['Hot-war', []],
        ['Untitled-2', []],
        ['Untitled-3', []],
        ['Hot-war-risk', []],
      ],
    });
    // <Hot war>'s structure is an argument named by its title, its description in the notes.
    expect(map.nodes.find((n) => n.id === 'Hot-war')).toEqual({
      id: 'Hot-war',
      kind: 'argument',
      text: 'Hot war',
      notes: 'Strikes risk a hot war with armed cartels.',
      evidence: [],
    });
    expect(map.nodes.find((n) => n.id === 'Stem-the-flow')!.tags).toEqual(['fentanyl']);
    expect(map.nodes.find((n) => n.id === 'Collusion')!.tags).toEqual(['contested claim']);
    expect(map.sources).toEqual([
      {
        id: 'argdown-quotes',
        title: 'Quotes from the Argdown file',
        text: 'demand for fentanyl still exists in the US\n\nWe reject any form of intervention or interference.',
      },
    ]);
  });

  // Arguments and their relations used to be left out and reported; now only what Clashmap
  // cannot hold is reported.
  it('reports undercuts, contradictions, headings and the position rule as losses', async () => {
    const { losses } = imported(await importArgdown(readFileSync(FIXTURE, 'utf8')));
    expect(losses.map((l) => [l.path, l.message])).toEqual([
      [
        'line 12, line 23, line 27, line 32, line 33 and 1 more',
        'Statement titles that are not valid ids (letters, digits, "_", ".", ":" or "-", at most 64) were turned into ids',
      ],
      [
        'line 14',
        'Arguments without a premise–conclusion structure became claims whose text is their description (or title), so that their relations are kept',
      ],
      ['line 26', 'Undercuts of a statement are not imported: an undercut attacks an inference'],
      [
        'line 27',
        'Contradictions (><) became conflicts (contraries): Clashmap records that the two cannot both be true, not that one of them must be',
      ],
      [
        '',
        'No statement is tagged #position, so positions were chosen by structure: statements that others support or attack and that support or attack nothing',
      ],
      [
        'line 13, line 15',
        'Quotes whose source text is not in the file were kept in a source made of the quotes themselves',
      ],
      ['', 'Headings (Argdown sections) are not kept'],
      ['', 'Which claims stand is unchanged by these losses'],
    ]);
  });

  it('takes exactly the #position statements as positions when any statement has the tag', async () => {
    const text = [
      '[Goal]: Cooperate with Mexico. #position',
      '  + [Reason]: Mexico rejects intervention.',
      '',
      '[Side]: A top-level conclusion that is not tagged.',
      '  - [Objection]: Nobody asked.',
      '',
    ].join('\n');
    const { map, losses } = imported(await importArgdown(text));
    expect(map.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['Goal', 'position'],
      ['Reason', 'claim'],
      ['Side', 'claim'],
      ['Objection', 'claim'],
    ]);
    expect(map.title).toBe('Imported Argdown map');
    expect(losses).toEqual([]);
  });

  it('finds quotes in a front-matter source, and keeps the others in a source of quotes', async () => {
    const text = [
      '===',
      'title: Quotes',
      'sources: [{id: interview, title: Interview, text: "She said: we reject any intervention."}]',
      '===',
      '',
      '[A]: Mexico says no. {quotes: [{quote: "we reject any intervention", speaker: Sheinbaum, source: interview}, {quote: "not in the text", speaker: Someone, source: interview}]}',
      '',
    ].join('\n');
    const { map, losses } = imported(await importArgdown(text));
    expect(map.nodes[0]!.evidence).toEqual([
      {
        id: 'q1',
        sourceId: 'interview',
        quote: 'we reject any intervention',
        start: 10,
        end: 36,
        speaker: 'Sheinbaum',
      },
      {
        id: 'q2',
        sourceId: 'argdown-quotes',
        quote: 'not in the text',
        start: 0,
        end: 15,
        speaker: 'Someone',
      },
    ]);
    expect(lossAbout(losses, 'not found word for word').path).toBe('line 6');
  });
});

describe('Argdown import refuses what it cannot read, and names the place', () => {
  it('names the line and column of a syntax error', async () => {
    const errors = refused(await importArgdown('[A]: some *unclosed emphasis\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('line 1, column 29');
    expect(errors[0]!.message).toMatch(/^Argdown syntax error: Incomplete italic text range/);
  });

  it('names badly indented relations', async () => {
    const errors = refused(await importArgdown('[A]: x\n    + [B]: y\n  - [C]: z\n'));
    expect(errors[0]!.path).toBe('line 3, column 1');
  });

  it('says when a data block is not YAML', async () => {
    expect(refused(await importArgdown('[A]: text {quotes: [}\n'))).toEqual([
      {
        path: '',
        message:
          'the Argdown text could not be read: a {…} data block or the front matter is not valid YAML (missed comma between flow collection entries (1:11))',
      },
    ]);
  });

  it('refuses empty and oversized files', async () => {
    expect(refused(await importArgdown('  \n'))[0]!.message).toBe('the file is empty');
    const huge = `[A]: ${'x'.repeat(LIMITS.fileBytes)}\n`;
    expect(refused(await importArgdown(huge))[0]!.message).toMatch(/larger than the 10 MB limit/);
  });

  it('refuses relations nested too deeply instead of crashing', async () => {
    const deep = Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}+ [S${i}]: s`);
    const errors = refused(await importArgdown(['[Root]: r', ...deep, ''].join('\n')));
    expect(errors[0]!.message).toMatch(/nested too deeply/);
  });

  it('reports data it cannot use instead of failing', async () => {
    const { map, losses } = imported(
      await importArgdown('[A]: t {"quotes": "nope", "position": {"x": "a"}, "colour": "red"}\n'),
    );
    expect(map.nodes[0]).toEqual({ id: 'A', kind: 'claim', text: 't', evidence: [] });
    expect(messages(losses)).toEqual([
      'No statement is tagged #position, so positions were chosen by structure: statements that others support or attack and that support or attack nothing',
      'Statement data fields other than quotes, quote, speaker, source, notes, tags and position are not kept',
      'A canvas position that is not {x, y} within range was ignored',
      'Quotes without quoted words were left out',
      'Which claims stand is unchanged by these losses',
    ]);
  });
});
