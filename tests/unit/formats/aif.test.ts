import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AIF_EXTENSION_KEY, exportAif, importAif } from '../../../src/io/formats/aif';
import type { ClashMap } from '../../../src/model/map';
import { allFieldsMap, readArticleMap } from '../helpers/maps';
import { argumentOf, exported, imported, lossAbout, messages, refused } from './expectations';

const FIXTURE = 'tests/fixtures/formats/drone-strikes.aif.json';
const NOW = new Date('2025-05-06T14:03:00Z');

const TEXT = 'Sheinbaum said: "We reject any form of intervention or interference."';
const SMALL: ClashMap = {
  format: 'clashmap',
  version: 5,
  title: 'Strikes',
  sources: [{ id: 'src', title: 'Interview', text: TEXT }],
  nodes: [
    { id: 'p1', kind: 'position', text: 'Strike unilaterally', evidence: [] },
    {
      id: 'c1',
      kind: 'claim',
      text: 'Mexico rejects intervention',
      evidence: [
        {
          id: 'q1',
          sourceId: 'src',
          quote: 'We reject any form of intervention or interference.',
          start: 17,
          end: 68,
          speaker: 'Claudia Sheinbaum',
        },
      ],
    },
  ],
  edges: [{ id: 'e1', from: 'c1', to: 'p1', kind: 'rebuttal' }],
};

/** AIF text as JSON, read back for inspection (the test knows the shape it wrote). */
const parseJson = (text: string): Record<string, unknown> =>
  JSON.parse(text) as Record<string, unknown>;

describe('AIF export', () => {
  it('writes I-nodes, a CA-node per rebuttal, and an L-node asserting each quote', () => {
    const { text } = exported(exportAif(SMALL, { now: NOW }));
    const ts = '2025-05-06 14:03:00';
    expect(parseJson(text)).toEqual({
      nodes: [
        { nodeID: 'p1', text: 'Strike unilaterally', type: 'I', timestamp: ts },
        { nodeID: 'c1', text: 'Mexico rejects intervention', type: 'I', timestamp: ts },
        { nodeID: 'e1', text: 'Default Conflict', type: 'CA', timestamp: ts },
        {
          nodeID: 'c1.L1',
          text: 'Claudia Sheinbaum: We reject any form of intervention or interference.',
          type: 'L',
          timestamp: ts,
        },
        { nodeID: 'c1.YA1', text: 'Asserting', type: 'YA', timestamp: ts },
      ],
      edges: [
        { edgeID: '1', fromID: 'c1', toID: 'e1', formEdgeID: null },
        { edgeID: '2', fromID: 'e1', toID: 'p1', formEdgeID: null },
        { edgeID: '3', fromID: 'c1.L1', toID: 'c1.YA1', formEdgeID: null },
        { edgeID: '4', fromID: 'c1.YA1', toID: 'c1', formEdgeID: null },
      ],
      locutions: [
        { nodeID: 'c1.L1', personID: '1', timestamp: ts, start: null, end: null, source: null },
      ],
      participants: [{ participantID: '1', firstname: 'Claudia', surname: 'Sheinbaum' }],
      [AIF_EXTENSION_KEY]: { title: 'Strikes', positions: ['p1'] },
    });
  });

  it('writes an RA-node per support, premise first', () => {
    const map: ClashMap = {
      ...SMALL,
      edges: [{ id: 'e1', from: 'c1', to: 'p1', kind: 'support' }],
    };
    const doc = parseJson(exported(exportAif(map, { now: NOW })).text);
    expect((doc.nodes as unknown[])[2]).toMatchObject({
      nodeID: 'e1',
      text: 'Default Inference',
      type: 'RA',
    });
    expect((doc.edges as unknown[]).slice(0, 2)).toMatchObject([
      { fromID: 'c1', toID: 'e1' },
      { fromID: 'e1', toID: 'p1' },
    ]);
  });

  it('is deterministic for a given time', () => {
    const map = readArticleMap();
    expect(exported(exportAif(map, { now: NOW })).text).toBe(
      exported(exportAif(map, { now: NOW })).text,
    );
  });

  it('says what AIF cannot hold', () => {
    const { losses } = exported(exportAif(allFieldsMap(), { now: NOW }));
    expect(losses.map((l) => [l.path, l.message])).toEqual([
      ['round', "The debate round's format and teams have no place in AIF"],
      [
        'nodes[0], nodes[1]',
        'Who made an argument, in which speech, on which sheet and whether it was crossed out have no place in AIF',
      ],
      ['nodes[0].notes, nodes[1].notes', 'Node notes have no place in AIF'],
      ['nodes[0].tags', 'Node tags have no place in AIF'],
      [
        'nodes[0]',
        'AIF has no positions: Clashmap lists them in its own "clashmap" field, and other AIF tools see ordinary propositions',
      ],
      ['edges[0].note', 'Edge notes have no place in AIF'],
      [
        'nodes[0].evidence[0], nodes[1].evidence[0]',
        'Quote sources and offsets are not kept: AIF records who said what (L-nodes and participants), not where it was written',
      ],
      [
        'sources[0], sources[1]',
        'Sources (title, author, publisher, date, address and text) have no place in AIF',
      ],
      ['', 'Which claims stand is unchanged by these losses'],
    ]);
  });
});

describe('AIF round trip (Clashmap → AIF → Clashmap)', () => {
  it('keeps the article map’s positions, claims, edge kinds, quotes and speakers', async () => {
    const map = readArticleMap();
    const { map: back, losses } = imported(await importAif(exported(exportAif(map)).text));
    expect(argumentOf(back)).toEqual(argumentOf(map));
    expect(back.title).toBe(map.title);
    expect(back.description).toBe(map.description);
    expect(messages(losses)).toEqual([
      'AIF has no source documents, so the 25 quotes are kept in one source made of the quoted words ("Locutions from the AIF file"); which claims stand does not change',
    ]);
  });

  it('keeps small maps, including a position that rebuts nothing and has no support', async () => {
    for (const map of [SMALL, allFieldsMap()]) {
      const { map: back } = imported(await importAif(exported(exportAif(map)).text));
      expect(argumentOf(back)).toEqual(argumentOf(map));
    }
  });

  it('falls back to the structural rule when the clashmap field is gone', async () => {
    const map = readArticleMap();
    const doc = parseJson(exported(exportAif(map)).text);
    delete doc[AIF_EXTENSION_KEY];
    const { map: back, losses } = imported(await importAif(JSON.stringify(doc)));
    // In the article map every position is supported or rebutted and answers nothing.
    expect(argumentOf(back)).toEqual(argumentOf(map));
    expect(back.title).toBe('Imported AIF map');
    lossAbout(losses, 'AIF does not mark positions');
  });
});

describe('AIF import of a file built by the AIFdb schema', () => {
  it('reads propositions, inferences, conflicts and asserted locutions', async () => {
    const { map } = imported(await importAif(readFileSync(FIXTURE, 'utf8')));
    expect(argumentOf(map)).toEqual({
      positions: [
        ['1', 'The US should act against the cartels only together with Mexico.'],
        ['2', 'The US may strike the cartels in Mexico unilaterally.'],
      ],
      claims: [
        ['3', 'Strikes will not cut the flow of fentanyl.'],
        ['4', 'Mexico rejects any foreign intervention.'],
        ['5', 'Mexico will not accept being subordinated.'],
        ['6', 'US demand for fentanyl remains high.'],
        ['7', "Strikes would destroy the cartels' laboratories."],
      ],
      // RA 10 has two premises: one linked argument. RA 14 is undercut (CA 15): an argument
      // with the undercut aimed at it. RA 12 is a plain one-premise support.
      edges: [
        '10 -> 1 (concludes)',
        '14 -> 2 (concludes)',
        '3 -> 7 (rebuttal)',
        '4 -> 10 (premise)',
        '4 -> 2 (rebuttal)',
        '5 -> 10 (premise)',
        '6 -> 14 (undercut)',
        '6 -> 3 (support)',
        '7 -> 14 (premise)',
      ],
      quotes: [
        ['1', []],
        ['2', [['The US could take unilateral military action in Mexico.', 'Pete Hegseth']]],
        ['3', []],
        ['4', [['We reject any form of intervention or interference.', 'Claudia Sheinbaum']]],
        [
          '5',
          [
            [
              'Mexico coordinates and collaborates, but does not subordinate itself.',
              'Claudia Sheinbaum',
            ],
          ],
        ],
        ['6', [['Demand for fentanyl still exists in the US.', 'Daniel DePetris']]],
        ['7', []],
        ['10', []],
        ['14', []],
      ],
    });
    expect(map.sources.map((s) => s.id)).toEqual(['aif-locutions']);
  });

  it('reports rephrases, preferences and dialogue structure, and whether each matters to which claims stand', async () => {
    const { losses } = imported(await importAif(readFileSync(FIXTURE, 'utf8')));
    expect(losses.map((l) => [l.path, l.message])).toEqual([
      [
        'nodes[13]',
        'MA-nodes (rephrases, "Default Rephrase") are not imported: Clashmap has no link that says one proposition restates another, so each is judged on its own; Clashmap cannot tell whether this changes which claims stand',
      ],
      [
        'nodes[14]',
        'PA-nodes (preferences) are not imported: Clashmap has no preference link; Clashmap cannot tell whether this changes which claims stand',
      ],
      [
        'nodes[19]',
        'Locutions (L-nodes) that assert no proposition are not imported; which claims stand does not change',
      ],
      [
        'nodes[20], nodes[21]',
        'TA-nodes (dialogue transitions) are not imported: Clashmap keeps what was said, not the order of the dialogue; which claims stand does not change',
      ],
      [
        'nodes[26]',
        'Illocutionary connections (YA-nodes) other than a locution asserting a proposition are not imported; which claims stand does not change',
      ],
      [
        '',
        'AIF does not mark positions, so positions were chosen by structure: propositions that something supports or attacks and that support or attack nothing; which claims stand does not change',
      ],
      [
        '',
        'AIF has no source documents, so the 4 quotes are kept in one source made of the quoted words ("Locutions from the AIF file"); which claims stand does not change',
      ],
    ]);
  });

  it('reads OVA’s {"AIF": …} wrapper with numeric ids and "Speaker : words" without locutions', async () => {
    const ova = {
      AIF: {
        nodes: [
          { nodeID: 1, text: 'Strikes work', type: 'I' },
          { nodeID: 2, text: 'Demand persists', type: 'I' },
          { nodeID: 3, text: 'Default Conflict', type: 'CA' },
          { nodeID: 4, text: 'Daniel DePetris : demand still exists', type: 'L' },
          { nodeID: 5, text: 'Asserting', type: 'YA' },
        ],
        edges: [
          { edgeID: 1, fromID: 2, toID: 3 },
          { edgeID: 2, fromID: 3, toID: 1 },
          { edgeID: 3, fromID: 4, toID: 5 },
          { edgeID: 4, fromID: 5, toID: 2 },
        ],
        schemefulfillments: [],
        participants: [],
        locutions: [],
      },
      text: '',
      OVA: { firstname: '', surname: '', url: '', nodes: [], edges: [] },
    };
    const { map } = imported(await importAif(JSON.stringify(ova)));
    expect(argumentOf(map)).toEqual({
      positions: [['1', 'Strikes work']],
      claims: [['2', 'Demand persists']],
      edges: ['2 -> 1 (rebuttal)'],
      quotes: [
        ['1', []],
        ['2', [['demand still exists', 'Daniel DePetris']]],
      ],
    });
  });
});

describe('AIF import refuses what it cannot read, and names the place', () => {
  it('names the line and column of a JSON syntax error', async () => {
    expect(refused(await importAif('{"nodes": [}'))).toEqual([
      {
        path: 'line 1, column 12',
        message: 'not valid JSON: unexpected "}" where a value was expected',
      },
    ]);
  });

  it('names each field that does not fit the AIF shape', async () => {
    const doc = {
      nodes: [
        { nodeID: '1', text: 'A', type: 'I' },
        { nodeID: '2', text: 'B' },
        { nodeID: true, text: 'C', type: 'I' },
      ],
      edges: [{ fromID: '1' }],
    };
    expect(refused(await importAif(JSON.stringify(doc)))).toEqual([
      { path: 'nodes[1].type', message: 'is missing' },
      { path: 'nodes[2].nodeID', message: 'must be text or a number' },
      { path: 'edges[0].toID', message: 'is missing' },
    ]);
  });

  it("keeps zod's English wording where the AIF shape has none of its own", async () => {
    const doc = { nodes: ['A', { nodeID: '1', text: 'B', type: 'I' }], edges: [7] };
    expect(refused(await importAif(JSON.stringify(doc)))).toEqual([
      { path: 'nodes[0]', message: 'Invalid input: expected object, received string' },
      { path: 'edges[0]', message: 'Invalid input: expected object, received number' },
    ]);
  });

  it('names places inside the OVA wrapper', async () => {
    const errors = refused(await importAif(JSON.stringify({ AIF: { nodes: {}, edges: [] } })));
    expect(errors).toEqual([{ path: 'AIF.nodes', message: 'must be a list of nodes' }]);
  });

  it('refuses repeated node ids, files with no propositions, and what is not an object', async () => {
    const repeated = {
      nodes: [
        { nodeID: '1', text: 'A', type: 'I' },
        { nodeID: 1, text: 'B', type: 'I' },
      ],
      edges: [],
    };
    expect(refused(await importAif(JSON.stringify(repeated)))).toEqual([
      { path: 'nodes[1].nodeID', message: 'repeats the id of nodes[0]' },
    ]);
    expect(refused(await importAif('{"nodes": [], "edges": []}'))).toEqual([
      { path: 'nodes', message: 'has no I-nodes (propositions) to import' },
    ]);
    expect(refused(await importAif('[1, 2]'))[0]!.message).toMatch(/"nodes" and "edges"/);
    expect(refused(await importAif('{"__proto__": {}, "nodes": []}'))[0]!.message).toMatch(
      /never allowed/,
    );
  });

  it('ignores edges to nodes that do not exist, and says so', async () => {
    const doc = {
      nodes: [{ nodeID: '1', text: 'A', type: 'I' }],
      edges: [{ edgeID: '1', fromID: '1', toID: '99' }],
    };
    const { map, losses } = imported(await importAif(JSON.stringify(doc)));
    expect(map.edges).toEqual([]);
    expect(lossAbout(losses, 'name a node the file does not have').path).toBe('edges[0]');
  });
});
