import { describe, expect, it } from 'vitest';
import {
  evaluationChangeNote,
  LossLog,
  reportEvaluationChange,
} from '../../../src/io/formats/shared';
import type { ClashMap } from '../../../src/model/map';

// The loss-report helper every importer and exporter shares (src/io/formats/shared.ts): it
// says whether what a conversion lost changes which claims stand.

const node = (id: string, text: string, kind: 'claim' | 'position' | 'argument' = 'claim') => ({
  id,
  kind,
  text,
  evidence: [],
});

/** A position held up by an argument from two premises, whose inference is undercut. */
const UNDERCUT: Pick<ClashMap, 'nodes' | 'edges'> = {
  nodes: [
    node('p', 'Ban soft drinks', 'position'),
    node('a', 'Harm argument', 'argument'),
    node('c1', 'Sugar harms'),
    node('c2', 'Harmful things should be banned'),
    node('u', 'Harm alone does not justify a ban'),
  ],
  edges: [
    { id: 'e1', from: 'c1', to: 'a', kind: 'premise' },
    { id: 'e2', from: 'c2', to: 'a', kind: 'premise' },
    { id: 'e3', from: 'a', to: 'p', kind: 'concludes' },
    { id: 'e4', from: 'u', to: 'a', kind: 'undercut' },
  ],
};

describe('evaluationChangeNote', () => {
  it('says the labels are unchanged when the loss does not move any claim', () => {
    const withoutNothing = { ...UNDERCUT, edges: [...UNDERCUT.edges] };
    expect(evaluationChangeNote(UNDERCUT, withoutNothing)).toBe(
      'Which claims stand is unchanged by these losses',
    );
  });

  it('names the claim whose label a lost undercut changes', () => {
    // Without the undercut the argument stands, so the position it concludes stands too.
    const lost = { ...UNDERCUT, edges: UNDERCUT.edges.filter((e) => e.kind !== 'undercut') };
    expect(evaluationChangeNote(UNDERCUT, lost)).toBe(
      'This changes which claims stand: “Ban soft drinks” fell and now stands',
    );
  });

  it('says when a claim that was in the map is missing after the conversion', () => {
    const after = {
      nodes: UNDERCUT.nodes.filter((n) => n.id !== 'u'),
      edges: UNDERCUT.edges.filter((e) => e.from !== 'u'),
    };
    expect(evaluationChangeNote(UNDERCUT, after)).toBe(
      'This changes which claims stand: “Ban soft drinks” fell and now stands; “Harm alone does not justify a ban” stood and is not in the map',
    );
  });

  it('names three claims and counts the rest', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'].map((id) => node(id, `Claim ${id}`));
    const before = {
      nodes: [...nodes, node('x', 'Rebutter')],
      edges: nodes.map((n, i) => ({ id: `r${i}`, from: 'x', to: n.id, kind: 'rebuttal' as const })),
    };
    const after = { nodes: before.nodes, edges: [] };
    expect(evaluationChangeNote(before, after)).toBe(
      'This changes which claims stand: “Claim a” fell and now stands; “Claim b” fell and now stands; “Claim c” fell and now stands; and 2 more claims',
    );
  });
});

describe('reportEvaluationChange', () => {
  it('adds the note after other losses, and nothing to a conversion that lost nothing', () => {
    const none = new LossLog();
    reportEvaluationChange(none, UNDERCUT, UNDERCUT);
    expect(none.list()).toEqual([]);

    const some = new LossLog();
    some.add('line 3', 'Undercuts were left out');
    const lost = { ...UNDERCUT, edges: UNDERCUT.edges.filter((e) => e.kind !== 'undercut') };
    reportEvaluationChange(some, UNDERCUT, lost);
    expect(some.list().map((l) => l.message)).toEqual([
      'Undercuts were left out',
      'This changes which claims stand: “Ban soft drinks” fell and now stands',
    ]);
  });
});
