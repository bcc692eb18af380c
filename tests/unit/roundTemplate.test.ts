import { describe, expect, it } from 'vitest';
import { LINCOLN_DOUGLAS, POLICY } from '../../src/model/debateFormats';
import { checkInvariants } from '../../src/model/invariants';
import { holdsRound } from '../../src/model/round';
import { newRoundMap } from '../../src/model/roundTemplate';
import { flowGrid } from '../../src/layout/flowGrid';
import { roundFlags } from '../../src/model/flow';

describe('a new round from a format’s template', () => {
  it('has the title, both teams, and a sheet for each advantage and off-case argument', () => {
    const made = newRoundMap({
      format: POLICY,
      title: '  Round 3  ',
      aff: 'Lincoln AB',
      neg: 'Roosevelt CD',
      sheets: {
        aff: ['Advantage 1: cartels', '', 'Advantage 2: trade'],
        neg: ['DA: backlash', 'CP: states'],
      },
    });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const { map } = made;
    expect(checkInvariants(map)).toEqual([]);
    expect(map.title).toBe('Round 3');
    expect(map.round).toEqual({ format: 'policy', aff: 'Lincoln AB', neg: 'Roosevelt CD' });
    expect(map.nodes.map((n) => [n.kind, n.text, n.side, n.speech])).toEqual([
      ['position', 'Advantage 1: cartels', 'aff', '1AC'],
      ['position', 'Advantage 2: trade', 'aff', '1AC'],
      ['position', 'DA: backlash', 'neg', '1NC'],
      ['position', 'CP: states', 'neg', '1NC'],
    ]);
    expect(new Set(map.nodes.map((n) => n.id)).size).toBe(4);
    expect(holdsRound(map)).toBe(true);
    // Each sheet is a tab of the flow, opening in its side's first speech.
    const sheets = flowGrid(map, roundFlags(map));
    expect(sheets.map((s) => [s.position?.text, s.columns[0]?.id])).toEqual([
      ['Advantage 1: cartels', '1AC'],
      ['Advantage 2: trade', '1AC'],
      ['DA: backlash', '1NC'],
      ['CP: states', '1NC'],
    ]);
  });

  it('leaves out empty team names, and uses the format’s own first speeches', () => {
    const made = newRoundMap({
      format: LINCOLN_DOUGLAS,
      title: 'LD',
      aff: ' ',
      neg: '',
      sheets: { aff: ['Value'], neg: ['Value'] },
    });
    expect(made.ok && made.map.round).toEqual({ format: 'lincoln-douglas' });
    expect(made.ok && made.map.nodes.map((n) => n.speech)).toEqual(['AC', 'NC']);
  });

  it('says what is missing: a title, a sheet', () => {
    const base = { format: POLICY, title: 'R', aff: '', neg: '', sheets: { aff: ['A'], neg: [] } };
    expect(newRoundMap({ ...base, title: ' ' })).toEqual({
      ok: false,
      problem: 'Give the round a title.',
    });
    expect(newRoundMap({ ...base, sheets: { aff: [' '], neg: [''] } })).toEqual({
      ok: false,
      problem: 'Name at least one sheet.',
    });
  });
});
