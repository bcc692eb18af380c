import { describe, expect, it } from 'vitest';
import { explain } from '../../src/model/evaluate';
import { mapAsOf, roundFlags } from '../../src/model/flow';
import type { ClashMap } from '../../src/model/map';
import type { MapNode } from '../../src/model/node';
import { checkInvariants } from '../../src/model/invariants';
import type { EdgeKind } from '../../src/model/relations/registry';
import { evaluateRound } from '../../src/model/roundEvaluation';

/*
 * Hand-built rounds. A sheet is a position with its side and speech; an argument is a claim
 * made in a speech on a sheet (its side follows from the speech). Edges are [from, kind, to].
 */

type Sheet = { id: string; text: string; side: 'aff' | 'neg'; speech: string };
type Arg = { id: string; text: string; speech: string; sheet: string; conceded?: string };

function round(
  sheets: Sheet[],
  args: Arg[],
  edges: [string, EdgeKind, string][],
  format = 'policy',
): ClashMap {
  const map: ClashMap = {
    format: 'clashmap',
    version: 5,
    title: 'A round',
    sources: [],
    nodes: [
      ...sheets.map((s): MapNode => ({ kind: 'position', evidence: [], ...s })),
      ...args.map((a): MapNode => ({ kind: 'claim', evidence: [], ...a })),
    ],
    edges: edges.map(([from, kind, to], i) => ({ id: `e${i + 1}`, from, to, kind })),
    round: { format },
  };
  // Every hand-built round is a valid map, so the flags are tested on what a file can hold.
  expect(checkInvariants(map)).toEqual([]);
  return map;
}

const ADV: Sheet = { id: 'adv', text: 'Advantage: cooperation', side: 'aff', speech: '1AC' };
const CP: Sheet = { id: 'cp', text: 'Counterplan: the states', side: 'neg', speech: '1NC' };
const DA: Sheet = { id: 'da', text: 'Disadvantage: spending', side: 'neg', speech: '1NC' };

const ids = (table: ReadonlyMap<string, unknown>) => [...table.keys()];

describe('dropped: no answer in the other side’s next speech', () => {
  it('flags an argument the next speech does not answer, naming where the answer was due', () => {
    const map = round(
      [ADV],
      [
        { id: 'solvency', text: 'Cooperation works', speech: '1AC', sheet: 'adv' },
        { id: 'fails', text: 'Cooperation has failed', speech: '1NC', sheet: 'adv' },
      ],
      [
        ['solvency', 'support', 'adv'],
        ['fails', 'rebuttal', 'solvency'],
      ],
    );
    const flags = roundFlags(map);
    expect(ids(flags.dropped)).toEqual(['fails']);
    const drop = flags.dropped.get('fails')!;
    expect(drop.argument).toMatchObject({ side: 'neg', sheet: 'adv', speech: { id: '1NC' } });
    expect(drop.due.name).toBe('the 2AC');
  });

  it('counts the 2NC and the 1NR together as the negative block', () => {
    const perm = { id: 'perm', text: 'Permutation: do both', speech: '2AC', sheet: 'cp' };
    const answerIn = (speech: string) =>
      round(
        [ADV, CP],
        [perm, { id: 'ans', text: 'Perm severs', speech, sheet: 'cp' }],
        [
          ['perm', 'rebuttal', 'cp'],
          ['ans', 'rebuttal', 'perm'],
        ],
      );
    expect(roundFlags(answerIn('2NC')).dropped.has('perm')).toBe(false);
    expect(roundFlags(answerIn('1NR')).dropped.has('perm')).toBe(false);
    const late = roundFlags(answerIn('2NR')).dropped.get('perm');
    expect(late?.due.name).toBe('the negative block (2NC and 1NR)');
    expect(late?.lateAnswers).toEqual(['ans']);
  });

  it('counts one answer to several arguments as an answer to each', () => {
    const map = round(
      [ADV],
      [
        { id: 'n1', text: 'No solvency', speech: '1NC', sheet: 'adv' },
        { id: 'n2', text: 'Alt cause', speech: '1NC', sheet: 'adv' },
        { id: 'n3', text: 'Cartels adapt', speech: '1NC', sheet: 'adv' },
        { id: 'a1', text: 'Both assume no cooperation', speech: '2AC', sheet: 'adv' },
      ],
      [
        ['a1', 'rebuttal', 'n1'],
        ['a1', 'rebuttal', 'n2'],
      ],
    );
    // The 1NC's three arguments stand beside the advantage without answering anything on it.
    expect(ids(roundFlags(map).dropped)).toEqual(['adv', 'n3', 'a1']);
  });

  it('counts a cross-application as an answer on the sheet it is applied to', () => {
    const map = round(
      [CP, DA],
      [
        { id: 'link', text: 'Spending link', speech: '1NC', sheet: 'da' },
        { id: 'perm', text: 'Permutation: do both', speech: '2AC', sheet: 'cp' },
        { id: 'nolink', text: 'No link: the plan is cheap', speech: '2AC', sheet: 'da' },
        // The 1NR answers the perm by cross-applying the link from the DA sheet.
        { id: 'xapp', text: 'Cross-apply the link: the perm spends', speech: '1NR', sheet: 'cp' },
        { id: 'link-ans', text: 'Cheap is not free', speech: '2NC', sheet: 'da' },
      ],
      [
        ['perm', 'rebuttal', 'cp'],
        ['nolink', 'rebuttal', 'link'],
        ['link', 'cross-applies', 'xapp'],
        ['xapp', 'rebuttal', 'perm'],
        ['link-ans', 'rebuttal', 'nolink'],
      ],
    );
    const flags = roundFlags(map);
    expect(flags.dropped.has('perm')).toBe(false);
    expect(flags.arguments.get('xapp')).toMatchObject({ side: 'neg', sheet: 'cp' });
    // The cross-application is itself a 1NR argument the 1AR had to answer.
    expect(ids(flags.dropped)).toEqual(['xapp', 'link-ans']);
  });

  it('flags a sheet the other side left alone, and not one answered anywhere on it', () => {
    const sheets = [DA];
    const args: Arg[] = [
      { id: 'link', text: 'Spending link', speech: '1NC', sheet: 'da' },
      { id: 'nolink', text: 'No link', speech: '2AC', sheet: 'da' },
    ];
    const answered = round(sheets, args, [
      ['link', 'support', 'da'],
      ['nolink', 'rebuttal', 'link'],
    ]);
    expect(roundFlags(answered).dropped.has('da')).toBe(false);
    const ignored = round(sheets, args.slice(0, 1), [['link', 'support', 'da']]);
    expect(ids(roundFlags(ignored).dropped)).toEqual(['da', 'link']);
    expect(roundFlags(ignored).dropped.get('da')?.due.name).toBe('the 2AC');
  });

  it('does not flag what the last speech says, nor what was crossed out before it was due', () => {
    const map = round(
      [ADV],
      [
        { id: 'n1', text: 'No solvency', speech: '1NC', sheet: 'adv', conceded: '2AC' },
        { id: 'adv-ans', text: 'Solvency is weak', speech: '1NC', sheet: 'adv' },
        { id: 'last', text: 'Vote aff', speech: '2AR', sheet: 'adv' },
      ],
      [
        ['last', 'support', 'adv'],
        ['adv-ans', 'rebuttal', 'adv'],
      ],
    );
    // The 2AC left "Solvency is weak" unanswered: that one is dropped, and nothing else.
    expect(ids(roundFlags(map).dropped)).toEqual(['adv-ans']);
  });

  it('reads the format’s own speeches: in Lincoln–Douglas the NC answers the AC', () => {
    const value: Sheet = { id: 'value', text: 'Value: justice', side: 'aff', speech: 'AC' };
    const map = round(
      [value],
      [
        { id: 'c1', text: 'Justice requires it', speech: 'AC', sheet: 'value' },
        { id: 'n1', text: 'Not justice', speech: 'NC', sheet: 'value' },
      ],
      [
        ['c1', 'support', 'value'],
        ['n1', 'rebuttal', 'value'],
      ],
      'lincoln-douglas',
    );
    const flags = roundFlags(map);
    expect(ids(flags.dropped)).toEqual(['c1', 'n1']);
    expect(flags.dropped.get('c1')?.due.name).toBe('the NC');
    expect(flags.dropped.get('n1')?.due.name).toBe('the 1AR');
  });

  it('follows the speaking order of Public Forum, either way round', () => {
    const sheet = (speech: string): Sheet => ({
      id: 'c',
      text: 'Contention 1',
      side: 'aff',
      speech,
    });
    const args: Arg[] = [{ id: 'pro1', text: 'It helps', speech: 'PC', sheet: 'c' }];
    const proFirst = roundFlags(round([sheet('PC')], args, [], 'public-forum-pro-first'));
    expect(proFirst.dropped.get('pro1')?.due.name).toBe('the CC');
    const conFirst = roundFlags(round([sheet('PC')], args, [], 'public-forum-con-first'));
    expect(conFirst.dropped.get('pro1')?.due.name).toBe('the CR');
  });
});

describe('extended: carried into its side’s next speech', () => {
  it('flags an argument its side extends in its next speech, and not one extended later', () => {
    const map = round(
      [ADV, DA],
      [
        { id: 'solvency', text: 'Cooperation works', speech: '1AC', sheet: 'adv' },
        { id: 'impact', text: 'Cartel violence', speech: '1AC', sheet: 'adv' },
        { id: 'ext1', text: 'Extend solvency', speech: '2AC', sheet: 'adv' },
        { id: 'ext2', text: 'Extend the impact', speech: '1AR', sheet: 'adv' },
        { id: 'link', text: 'Spending link', speech: '1NC', sheet: 'da' },
        { id: 'extlink', text: 'Extend the link', speech: '1NR', sheet: 'da' },
      ],
      [
        ['ext1', 'extends', 'solvency'],
        ['ext2', 'extends', 'impact'],
        ['extlink', 'extends', 'link'],
      ],
    );
    const flags = roundFlags(map);
    expect(ids(flags.extended)).toEqual(['solvency', 'link']);
    expect(flags.extended.get('solvency')).toMatchObject({
      by: ['ext1'],
      into: { name: 'the 2AC' },
    });
    expect(flags.extended.get('link')?.into.name).toBe('the negative block (2NC and 1NR)');
  });
});

describe('conceded: crossed out', () => {
  const map = round(
    [ADV, CP],
    [
      { id: 'perm', text: 'Permutation: do both', speech: '2AC', sheet: 'cp', conceded: '2NR' },
      { id: 'net', text: 'Net benefit: politics', speech: '1NC', sheet: 'cp', conceded: '2NR' },
    ],
    [
      ['perm', 'rebuttal', 'cp'],
      ['net', 'support', 'cp'],
    ],
  );

  it('says who crossed it out: its own side gives it up, the other side grants it', () => {
    const flags = roundFlags(map);
    expect(flags.conceded.get('perm')).toMatchObject({ by: 'neg', meaning: 'granted' });
    expect(flags.conceded.get('net')).toMatchObject({ by: 'neg', meaning: 'givenUp' });
  });

  it('counts in evaluation: a granted argument stands, a given-up one falls, and says why', () => {
    const { evaluation } = evaluateRound(map);
    expect(explain(evaluation, 'perm', map)).toBe(
      'stands: the neg granted it (crossed out in the 2NR); the negative block (2NC and 1NR) dropped it',
    );
    expect(explain(evaluation, 'net', map)).toBe(
      'falls: the neg gave it up (crossed out in the 2NR); the 2AC dropped it',
    );
    expect(evaluation.nodes.get('cp')?.label).toBe('falls');
  });

  it('gives way to the user’s own what-if', () => {
    const { evaluation } = evaluateRound(map, { perm: 'falls' });
    expect(explain(evaluation, 'perm', map)).toBe(
      'falls: you assumed it falls; the negative block (2NC and 1NR) dropped it',
    );
  });
});

describe('new in the last rebuttal', () => {
  it('flags a 2NR or 2AR argument that answers nothing said before', () => {
    const map = round(
      [ADV, DA],
      [
        { id: 'solvency', text: 'Cooperation works', speech: '1AC', sheet: 'adv' },
        { id: 'ext', text: 'Extend solvency', speech: '1AR', sheet: 'adv' },
        { id: 'ans', text: 'The 1AR extension is wrong', speech: '2NR', sheet: 'adv' },
        { id: 'card', text: 'Evidence for that answer', speech: '2NR', sheet: 'adv' },
        { id: 'newda', text: 'A new impact: war', speech: '2NR', sheet: 'da' },
        { id: 'newadv', text: 'Also: a new reason cooperation works', speech: '2AR', sheet: 'adv' },
        { id: 'ext2', text: 'Extend solvency again', speech: '2AR', sheet: 'adv' },
      ],
      [
        ['ext', 'extends', 'solvency'],
        ['ans', 'rebuttal', 'ext'],
        ['card', 'support', 'ans'],
        ['newda', 'support', 'da'],
        ['newadv', 'support', 'solvency'],
        ['ext2', 'extends', 'ext'],
      ],
    );
    expect(ids(roundFlags(map).newInLastRebuttal)).toEqual(['newda', 'newadv']);
  });
});

describe('as of a speech', () => {
  const map = round(
    [CP],
    [
      { id: 'perm', text: 'Permutation: do both', speech: '2AC', sheet: 'cp' },
      { id: 'ans', text: 'Perm severs', speech: '1NR', sheet: 'cp', conceded: '2NR' },
      { id: 'extperm', text: 'Extend the perm', speech: '1AR', sheet: 'cp' },
    ],
    [
      ['perm', 'rebuttal', 'cp'],
      ['ans', 'rebuttal', 'perm'],
      ['extperm', 'extends', 'perm'],
    ],
  );

  it('shows the map as it stood after that speech', () => {
    const after2NC = mapAsOf(map, '2NC');
    expect(after2NC.nodes.map((n) => n.id)).toEqual(['cp', 'perm']);
    expect(after2NC.edges.map((e) => e.id)).toEqual(['e1']);
    const after1NR = mapAsOf(map, '1NR');
    expect(after1NR.nodes.find((n) => n.id === 'ans')).not.toHaveProperty('conceded');
  });

  it('flags nothing as dropped before its answer was due: the block is over only after the 1NR', () => {
    expect(roundFlags(map, '2NC').dropped.has('perm')).toBe(false);
    expect(roundFlags(map, '1NR').dropped.has('perm')).toBe(false);
    expect(ids(roundFlags(map, '1NR').dropped)).toEqual([]);
    expect(ids(roundFlags(map, '1AR').dropped)).toEqual(['ans']);
  });

  it('evaluates the round as it stood then', () => {
    expect(evaluateRound(map, undefined, '2AC').evaluation.nodes.get('cp')?.label).toBe('falls');
    expect(evaluateRound(map, undefined, '1NR').evaluation.nodes.get('cp')?.label).toBe('stands');
  });

  it('names the speeches the format has when asked for one it lacks', () => {
    expect(() => roundFlags(map, '3AR')).toThrow(
      '"3AR" is not a speech of Policy debate (1AC, 1NC, 2AC, 2NC, 1NR, 1AR, 2NR, 2AR)',
    );
  });
});

describe('which positions stand after a round', () => {
  // The neg runs a counterplan; the 2AC permutes; the block answers the perm; the 1AR answers
  // that and extends the perm; the 2NR goes for the counterplan but answers nothing the 1AR said.
  const map = round(
    [CP],
    [
      { id: 'perm', text: 'Permutation: do both', speech: '2AC', sheet: 'cp' },
      { id: 'severs', text: 'The perm severs', speech: '2NC', sheet: 'cp' },
      { id: 'nosever', text: 'No severance: it keeps all of the plan', speech: '1AR', sheet: 'cp' },
      { id: 'extperm', text: 'Extend the perm', speech: '1AR', sheet: 'cp' },
      { id: 'voter', text: 'Counterplan solves the whole case', speech: '2NR', sheet: 'cp' },
    ],
    [
      ['perm', 'rebuttal', 'cp'],
      ['severs', 'rebuttal', 'perm'],
      ['nosever', 'rebuttal', 'severs'],
      ['extperm', 'extends', 'perm'],
      ['voter', 'support', 'cp'],
    ],
  );

  it('explains the decision by the drop: the 2NR dropped the extension of the perm', () => {
    const { evaluation, flags } = evaluateRound(map);
    // The 2AR, the last speech, did not answer the 2NR's new card either.
    expect(ids(flags.dropped)).toEqual(['nosever', 'extperm', 'voter']);
    expect(ids(flags.newInLastRebuttal)).toEqual(['voter']);
    expect(evaluation.nodes.get('cp')?.label).toBe('falls');
    expect(explain(evaluation, 'extperm', map)).toBe(
      'stands: nothing rebuts it, so it is taken as given; the 2NR dropped it',
    );
    expect(explain(evaluation, 'perm', map)).toBe(
      'stands: supported by “Extend the perm”, which stands, and “The perm severs”, which rebuts it, falls; the 2NR dropped “Extend the perm”',
    );
    expect(explain(evaluation, 'severs', map)).toBe(
      'falls: rebutted by “No severance: it keeps all of the plan”, which stands; the 2NR dropped “No severance: it keeps all of the plan”',
    );
  });

  it('does not count answers made after the speech in which they were due', () => {
    const dropLate = round(
      [CP],
      [
        { id: 'perm', text: 'Permutation: do both', speech: '2AC', sheet: 'cp' },
        { id: 'late', text: 'The perm severs', speech: '2NR', sheet: 'cp' },
      ],
      [
        ['perm', 'rebuttal', 'cp'],
        ['late', 'rebuttal', 'perm'],
      ],
    );
    const { evaluation } = evaluateRound(dropLate);
    expect(explain(evaluation, 'perm', dropLate)).toBe(
      'stands: nothing rebuts it, so it is taken as given; the negative block (2NC and 1NR) dropped it, so the later answer “The perm severs” does not count',
    );
    expect(explain(evaluation, 'cp', dropLate)).toBe(
      'falls: rebutted by “Permutation: do both”, which stands; the negative block (2NC and 1NR) dropped “Permutation: do both”',
    );
  });

  it('evaluates a map that is not a round exactly as before', () => {
    const plain: ClashMap = {
      ...map,
      nodes: map.nodes.map(({ speech: _s, ...n }) => n as MapNode),
    };
    delete plain.round;
    const { evaluation, flags } = evaluateRound(plain);
    expect(flags.arguments.size).toBe(0);
    expect(evaluation.round).toBeUndefined();
  });
});
