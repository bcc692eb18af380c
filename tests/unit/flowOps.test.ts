import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyChange } from '../../src/model/change';
import { changeProblem } from '../../src/model/checkChange';
import { addFlowArgument, bearsOnOf, crossOut } from '../../src/model/flowOps';
import { copyFragment, pasteFragment } from '../../src/model/operations';
import { roundFlags } from '../../src/model/flow';
import { parseSuccess, readArticleMap } from './helpers/maps';

const round = () =>
  parseSuccess(readFileSync('tests/fixtures/rounds/policy-round.clashmap.json', 'utf8'));

describe('flowing: adding an argument', () => {
  it('adds a claim made in a speech, on a sheet, joined to what it answers, in one change', () => {
    const map = round();
    const result = addFlowArgument(map, {
      text: '  Extend the link turn  ',
      sheet: 'da',
      speech: '2AR',
      bearsOn: { id: 'ar-turn', kind: 'extends' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const next = applyChange(map, result.change);
    expect(changeProblem(next, result.change)).toBeNull();
    const added = next.nodes.at(-1)!;
    expect(added).toMatchObject({
      kind: 'claim',
      text: 'Extend the link turn',
      speech: '2AR',
      sheet: 'da',
    });
    expect(next.edges.at(-1)).toMatchObject({ from: added.id, to: 'ar-turn', kind: 'extends' });
    expect(roundFlags(next).extended.get('ar-turn')?.into.name).toBe('the 2AR');
  });

  it('says why it cannot: a speech the format lacks, a sheet that is not a position, no text', () => {
    const map = round();
    const draft = { text: 'A', sheet: 'da', speech: '2NC' };
    expect(addFlowArgument(map, { ...draft, speech: '3NC' })).toEqual({
      ok: false,
      reason: 'The Policy format has no speech "3NC".',
    });
    expect(addFlowArgument(map, { ...draft, sheet: 'da-link' })).toEqual({
      ok: false,
      reason: 'An argument on the flow goes on a sheet, which is a position.',
    });
    expect(addFlowArgument(map, { ...draft, text: '   ' })).toEqual({
      ok: false,
      reason: 'Write the argument first.',
    });
  });

  it('leaves the checked change path to refuse what breaks the round: an extension across sides', () => {
    const map = round();
    const result = addFlowArgument(map, {
      text: 'Extend their card',
      sheet: 'da',
      speech: '2NC',
      bearsOn: { id: 'aff-nolink', kind: 'extends' },
    });
    if (!result.ok) throw new Error(result.reason);
    expect(changeProblem(applyChange(map, result.change), result.change)).toBe(
      'An extension carries an argument of its own side, but it runs from the neg to the aff.',
    );
  });
});

describe('flowing: crossing out', () => {
  it('marks the speech it was crossed out in, and takes it back', () => {
    const map = round();
    const crossed = crossOut(map, 'da-impact', '2NR');
    if (!crossed.ok) throw new Error(crossed.reason);
    const next = applyChange(map, crossed.change);
    expect(next.nodes.find((n) => n.id === 'da-impact')?.conceded).toBe('2NR');
    expect(roundFlags(next).conceded.get('da-impact')?.meaning).toBe('givenUp');
    const back = crossOut(next, 'da-impact', null);
    if (!back.ok) throw new Error(back.reason);
    expect(
      applyChange(next, back.change).nodes.find((n) => n.id === 'da-impact'),
    ).not.toHaveProperty('conceded');
    expect(crossOut(map, 'nowhere', '2NR')).toEqual({
      ok: false,
      reason: 'That argument is not on the map.',
    });
  });
});

describe('copying arguments of a round', () => {
  it('pastes a claim into another map on no sheet, and with its sheet onto the pasted sheet', () => {
    const from = round();
    const article = readArticleMap();
    const alone = pasteFragment(article, copyFragment(from, ['perm']), { x: 0, y: 0 });
    const intoArticle = applyChange(article, alone.change);
    expect(changeProblem(intoArticle, alone.change)).toBeNull();
    const pasted = intoArticle.nodes.find((n) => n.id === alone.nodeIds[0]);
    expect(pasted).toMatchObject({ text: 'Permutation: do both', speech: '2AC' });
    expect(pasted).not.toHaveProperty('sheet');

    const both = pasteFragment(article, copyFragment(from, ['cp', 'perm']), { x: 0, y: 0 });
    const withSheet = applyChange(article, both.change);
    expect(changeProblem(withSheet, both.change)).toBeNull();
    const [sheetId, permId] = both.nodeIds;
    expect(withSheet.nodes.find((n) => n.id === permId)).toMatchObject({ sheet: sheetId });
  });

  it('drops speeches the other map’s format does not have', () => {
    const from = round();
    const ld = { ...readArticleMap(), round: { format: 'lincoln-douglas' } };
    const pasted = pasteFragment(ld, copyFragment(from, ['perm']), { x: 0, y: 0 });
    const next = applyChange(ld, pasted.change);
    expect(changeProblem(next, pasted.change)).toBeNull();
    expect(next.nodes.find((n) => n.id === pasted.nodeIds[0])).not.toHaveProperty('speech');
  });
});

describe('flowing: cross-applying an argument to another sheet', () => {
  it('adds the card on the other sheet and an edge from the argument to it, in one change', () => {
    const map = round();
    const result = addFlowArgument(map, {
      text: 'Violence spills across the border',
      sheet: 'da',
      speech: '2AC',
      bearsOn: { id: 'da', kind: 'rebuttal' },
      crossAppliedFrom: 'adv-impact',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const next = applyChange(map, result.change);
    expect(changeProblem(next, result.change)).toBeNull();
    const added = next.nodes.at(-1)!;
    expect(added).toMatchObject({ sheet: 'da', speech: '2AC' });
    expect(next.edges.slice(-2)).toMatchObject([
      { from: added.id, to: 'da', kind: 'rebuttal' },
      { from: 'adv-impact', to: added.id, kind: 'cross-applies' },
    ]);
    // What the new card bears on is its answer, not the cross-application.
    expect(bearsOnOf(next, added.id)).toEqual({ id: 'da', kind: 'rebuttal' });
    expect(bearsOnOf(next, 'adv-impact')?.id).not.toBe(added.id);
  });

  it('refuses, whole, to cross-apply an argument that is not on the map', () => {
    const map = round();
    expect(
      addFlowArgument(map, { text: 'A', sheet: 'da', speech: '2AC', crossAppliedFrom: 'gone' }),
    ).toEqual({ ok: false, reason: 'The argument to cross-apply is no longer on the map.' });
  });
});
