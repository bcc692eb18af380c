import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { serializeMap } from '../../src/io/serialize';
import { evaluateMap } from '../../src/model/evaluate';
import type { ClashMap } from '../../src/model/map';
import { mergeMaps, repairMap } from '../../src/model/merge';
import type { MapNode } from '../../src/model/node';
import { holdsRound } from '../../src/model/round';
import { createClashmapStore } from '../../src/store/store';

const V4 = 'tests/fixtures/format-v4.clashmap.json';
const roundFile = () => JSON.parse(readFileSync(V4, 'utf8')) as ClashMap;

/** The issues, `path: message`, of a file that does not open. */
function faults(map: unknown): string[] {
  const result = parseMap(JSON.stringify(map));
  return result.ok ? [] : result.error.issues.map((i) => `${i.path}: ${i.message}`);
}

const nodeAt = (map: ClashMap, id: string) => map.nodes.findIndex((n) => n.id === id);

describe('a round in a map file', () => {
  it('opens when every speech is one of its format’s and every sheet a position', () => {
    expect(faults(roundFile())).toEqual([]);
  });

  it('names a speech the format does not have, listing the ones it has', () => {
    const map = roundFile();
    const i = nodeAt(map, 'aff-turn');
    (map.nodes[i] as MapNode).speech = '3AC';
    expect(faults(map)).toEqual([
      `nodes[${i}].speech: "3AC" is not a speech of Policy debate (1AC, 1NC, 2AC, 2NC, 1NR, 1AR, 2NR, 2AR)`,
    ]);
  });

  it('checks speeches against the round’s own format: "NR" is Lincoln–Douglas, not policy', () => {
    const ld: ClashMap = {
      format: 'clashmap',
      version: 5,
      title: 'LD round',
      sources: [],
      nodes: [
        { id: 'value', kind: 'position', text: 'Value: justice', evidence: [], side: 'aff' },
        { id: 'c1', kind: 'claim', text: 'A', evidence: [], speech: 'NR', sheet: 'value' },
      ],
      edges: [],
      round: { format: 'lincoln-douglas' },
    };
    expect(faults(ld)).toEqual([]);
    expect(faults({ ...ld, round: { format: 'policy' } })).toEqual([
      'nodes[1].speech: "NR" is not a speech of Policy debate (1AC, 1NC, 2AC, 2NC, 1NR, 1AR, 2NR, 2AR)',
    ]);
    expect(faults({ ...ld, round: { format: 'british-parliamentary' } })).toEqual([
      'round.format: must be "policy", "lincoln-douglas", "public-forum-pro-first", "public-forum-con-first", not the text "british-parliamentary"',
    ]);
  });

  it('refuses a side that the speech contradicts, a sheet that is not a position, a crossing-out before the speech', () => {
    const map = roundFile();
    const turn = nodeAt(map, 'aff-turn');
    const perm = nodeAt(map, 'aff-perm');
    (map.nodes[turn] as MapNode).side = 'neg';
    Object.assign(map.nodes[perm]!, { sheet: 'aff-root', conceded: '1AC' });
    expect(faults(map)).toEqual(
      expect.arrayContaining([
        `nodes[${turn}].side: is "neg", but the 2AC is given by the aff`,
        `nodes[${perm}].conceded: is the 1AC, before the 2AC where the argument was made`,
        `nodes[${perm}].sheet: names the claim "aff-root"; a sheet is a position`,
      ]),
    );
    Object.assign(map.nodes[perm]!, { sheet: 'nowhere', conceded: '2NR' });
    expect(faults(map)).toContain(
      `nodes[${perm}].sheet: names no node ("nowhere"); a sheet is a position`,
    );
  });

  it('refuses an extension across sides and a turn of one’s own argument', () => {
    const map = roundFile();
    map.edges.push(
      { id: 'e-bad-ext', from: 'neg-no-solve', to: 'aff-root', kind: 'extends' },
      { id: 'e-bad-turn', from: 'aff-extend', to: 'aff-root', kind: 'turns' },
    );
    expect(faults(map)).toEqual([
      'edges[7]: an extension carries an argument of its own side, but it runs from the neg to the aff',
      'edges[8]: a turn answers the other side, but both ends are aff',
    ]);
  });

  it('gives a position no sheet: a position is its own sheet', () => {
    const map = roundFile();
    Object.assign(map.nodes[nodeAt(map, 'cp')]!, { sheet: 'adv-1' });
    expect(faults(map)).toEqual([`nodes[${nodeAt(map, 'cp')}]: has an unknown field "sheet"`]);
  });
});

describe('whether a map holds a round (the toolbar offers the flow view then)', () => {
  it('does when it names a format or a node was made in a speech, and not otherwise', () => {
    const map = roundFile();
    expect(holdsRound(map)).toBe(true);
    const { round: _r, ...unnamed } = map;
    expect(holdsRound(unnamed)).toBe(true);
    const plain = { ...unnamed, nodes: unnamed.nodes.map(({ speech: _s, ...n }) => n as MapNode) };
    expect(holdsRound(plain)).toBe(false);
  });
});

describe('editing a round through the checked change path', () => {
  const open = () => {
    const result = parseMap(readFileSync(V4, 'utf8'));
    if (!result.ok) throw new Error('fixture does not open');
    return createClashmapStore(result.map);
  };

  it('refuses a speech the format lacks, saying which, and leaves the map as it was', () => {
    const store = open();
    const before = store.getState().map;
    store.getState().updateNode('aff-turn', { speech: '3AC' });
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice?.text).toBe(
      'The speech "3AC" is not a speech of Policy debate (1AC, 1NC, 2AC, 2NC, 1NR, 1AR, 2NR, 2AR).',
    );
  });

  it('refuses a crossing-out in a speech before the argument was made', () => {
    const store = open();
    store.getState().updateNode('aff-turn', { conceded: '1NC' });
    expect(store.getState().notice?.text).toBe(
      'The speech it was crossed out in is the 1NC, before the 2AC where the argument was made.',
    );
  });

  it('keeps the claims of a deleted sheet, on no sheet, and undo puts them back on it', () => {
    const store = open();
    store.getState().deleteElements(['cp'], []);
    const perm = store.getState().map.nodes.find((n) => n.id === 'aff-perm');
    expect(perm).toBeDefined();
    expect(perm && 'sheet' in perm).toBe(false);
    expect(store.getState().notice).toBeNull();
    store.getState().undo();
    const back = store.getState().map.nodes.find((n) => n.id === 'aff-perm');
    expect(back).toMatchObject({ sheet: 'cp' });
  });
});

describe('a merged copy whose sheet someone deleted', () => {
  it('is repaired: the claims stay, on no sheet, and the repair says so', () => {
    const result = parseMap(readFileSync(V4, 'utf8'));
    if (!result.ok) throw new Error('fixture does not open');
    const merged = { ...result.map, nodes: result.map.nodes.filter((n) => n.id !== 'cp') };
    merged.edges = merged.edges.filter((e) => e.to !== 'cp');
    const { map, repairs } = repairMap(merged);
    expect(repairs).toContain('Claims on a deleted sheet were kept, on no sheet.');
    expect(parseMap(serializeMap(map)).ok).toBe(true);
    expect(map.nodes.filter((n) => n.kind === 'claim' && n.sheet === 'cp')).toEqual([]);
  });
});

describe('two tabs editing one round', () => {
  it('merge the round: one names the format and teams while the other flows an argument', () => {
    const result = parseMap(readFileSync(V4, 'utf8'));
    if (!result.ok) throw new Error('fixture does not open');
    const { round: _none, ...base } = result.map;
    const mine = { ...base, title: 'Renamed here' };
    const theirs = { ...base, round: { format: 'policy' as const, aff: 'Northside AB' } };
    const merged = mergeMaps(base, mine, theirs);
    expect(merged?.map.title).toBe('Renamed here');
    expect(merged?.map.round).toEqual({ format: 'policy', aff: 'Northside AB' });
  });
});

describe('a turn in evaluation', () => {
  // The aff's advantage rests on one link; the neg turns the link.
  const map: Pick<ClashMap, 'nodes' | 'edges'> = {
    nodes: [
      { id: 'adv', kind: 'position', text: 'Advantage: the plan grows the economy', evidence: [] },
      { id: 'link', kind: 'claim', text: 'The plan creates jobs', evidence: [] },
      { id: 'turn', kind: 'claim', text: 'Turn: the plan destroys more jobs', evidence: [] },
    ],
    edges: [
      { id: 'e1', from: 'link', to: 'adv', kind: 'support' },
      { id: 'e2', from: 'turn', to: 'link', kind: 'turns' },
    ],
  };

  it('brings down the argument it turns and what that argument supported', () => {
    const evaluation = evaluateMap(map);
    expect(evaluation.nodes.get('link')).toEqual({
      label: 'falls',
      reason: { kind: 'rebutted', by: ['turn'] },
    });
    // The advantage is attacked by the turn itself, not only left without its link.
    expect(evaluation.nodes.get('adv')).toEqual({
      label: 'falls',
      reason: { kind: 'rebutted', by: ['turn'] },
    });
  });

  it('does nothing when the turn is answered', () => {
    const answered = {
      nodes: [
        ...map.nodes,
        { id: 'ans', kind: 'claim' as const, text: 'No: jobs move', evidence: [] },
      ],
      edges: [...map.edges, { id: 'e3', from: 'ans', to: 'turn', kind: 'rebuttal' as const }],
    };
    const evaluation = evaluateMap(answered);
    expect(evaluation.nodes.get('link')?.label).toBe('stands');
    expect(evaluation.nodes.get('adv')?.label).toBe('stands');
  });

  it('differs from a plain rebuttal, which leaves the advantage to fall only with its link', () => {
    const rebutted = {
      nodes: map.nodes,
      edges: [map.edges[0]!, { id: 'e2', from: 'turn', to: 'link', kind: 'rebuttal' as const }],
    };
    expect(evaluateMap(rebutted).nodes.get('adv')).toEqual({
      label: 'falls',
      reason: { kind: 'supportersFall', supporters: ['link'], alsoRebut: [] },
    });
  });
});
