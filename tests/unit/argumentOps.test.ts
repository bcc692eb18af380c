import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapToMarkdown } from '../../src/io/markdown';
import { exportMapSvg } from '../../src/io/svgExport';
import {
  commonConclusion,
  markContraries,
  separatePremises,
  supportTogether,
  undercut,
} from '../../src/model/argumentOps';
import { argumentShapeIssues, describeArgument } from '../../src/model/arguments';
import { defaultSteps } from '../../src/model/presentationSteps';
import { applyChange } from '../../src/model/change';
import { checkInvariants } from '../../src/model/invariants';
import type { ClashMap } from '../../src/model/map';
import { repairMap } from '../../src/model/merge';
import type { MapNode } from '../../src/model/node';
import { copyFragment, removeElements, type EditResult } from '../../src/model/operations';
import { parseSuccess } from './helpers/maps';

const claim = (id: string, text = id.toUpperCase()): MapNode => ({
  id,
  kind: 'claim',
  text,
  evidence: [],
});

/** A position P with two plain supports, A and B, and a free claim X. */
function base(): ClashMap {
  return {
    format: 'clashmap',
    version: 5,
    title: 'Arguments',
    sources: [],
    nodes: [
      { id: 'p', kind: 'position', text: 'P', evidence: [] },
      claim('a'),
      claim('b'),
      claim('x'),
    ],
    edges: [
      { id: 'e1', from: 'a', to: 'p', kind: 'support' },
      { id: 'e2', from: 'b', to: 'p', kind: 'support' },
    ],
  };
}

function applied(map: ClashMap, result: EditResult): ClashMap {
  if (!result.ok) throw new Error(result.reason);
  const next = applyChange(map, result.change);
  expect(checkInvariants(next)).toEqual([]);
  return next;
}

const edgesOf = (map: ClashMap) => map.edges.map((e) => `${e.from} ${e.kind} ${e.to}`).sort();

describe('support together', () => {
  it('turns two plain supports of one claim into one linked argument', () => {
    const map = base();
    expect(commonConclusion(map, ['a', 'b'])).toEqual(['p']);
    const result = supportTogether(map, ['a', 'b'], 'p', { x: 10, y: 20 });
    const next = applied(map, result);
    const id = result.argumentId!;
    expect(next.nodes.find((n) => n.id === id)).toMatchObject({
      kind: 'argument',
      text: 'Together',
      position: { x: 10, y: 20 },
    });
    expect(edgesOf(next)).toEqual(
      [`a premise ${id}`, `b premise ${id}`, `${id} concludes p`].sort(),
    );
    expect(describeArgument(next, id)).toBe('Argument: “A” and “B” together support “P”');
  });

  it('links claims that support nothing yet to the conclusion chosen, and refuses what makes no sense', () => {
    const map = base();
    expect(commonConclusion(map, ['a', 'x'])).toEqual([]);
    const next = applied(map, supportTogether(map, ['a', 'x'], 'p'));
    expect(edgesOf(next).filter((e) => e.includes('premise'))).toHaveLength(2);
    expect(supportTogether(map, ['a'], 'p')).toMatchObject({ ok: false });
    expect(supportTogether(map, ['a', 'p'], 'p')).toEqual({
      ok: false,
      reason: 'A claim cannot be a premise of an argument for itself.',
    });
    const twice = supportTogether(next, ['a', 'x'], 'p');
    expect(twice.ok).toBe(false);
  });

  it('folds an unnamed one-premise argument for the same claim into the new one', () => {
    const map = base();
    const undercutOnce = undercut(map, { edge: 'e1' }, claim('u', 'U'));
    const withArgument = applied(map, undercutOnce);
    // An undercut argument is not folded (the undercut would lose its target).
    const linked = applied(withArgument, supportTogether(withArgument, ['a', 'b'], 'p'));
    expect(linked.nodes.filter((n) => n.kind === 'argument')).toHaveLength(2);
  });
});

describe('undercut', () => {
  it('makes a plain support a one-premise argument and undercuts it, in one change', () => {
    const map = base();
    const result = undercut(map, { edge: 'e1' }, claim('u', 'U'));
    const next = applied(map, result);
    const id = result.argumentId!;
    expect(edgesOf(next)).toEqual(
      ['b support p', `a premise ${id}`, `${id} concludes p`, `u undercut ${id}`].sort(),
    );
    expect(describeArgument(next, id)).toBe('Argument: “A” supports “P”; undercut by “U”');
  });

  it('undercuts an argument from its junction or any of its lines, and refuses a rebuttal', () => {
    const map = applied(base(), supportTogether(base(), ['a', 'b'], 'p'));
    const argumentId = map.nodes.find((n) => n.kind === 'argument')!.id;
    const premiseLine = map.edges.find((e) => e.kind === 'premise')!.id;
    for (const target of [{ argument: argumentId }, { edge: premiseLine }]) {
      const next = applied(map, undercut(map, target, claim('u', 'U')));
      expect(edgesOf(next)).toContain(`u undercut ${argumentId}`);
    }
    const withRebuttal: ClashMap = {
      ...base(),
      edges: [...base().edges, { id: 'r', from: 'x', to: 'a', kind: 'rebuttal' }],
    };
    expect(undercut(withRebuttal, { edge: 'r' }, claim('u'))).toMatchObject({ ok: false });
  });
});

describe('separate and contraries', () => {
  it('separates a linked argument back into plain supports, unless it is undercut', () => {
    const map = base();
    const linked = applied(map, supportTogether(map, ['a', 'b'], 'p'));
    const id = linked.nodes.find((n) => n.kind === 'argument')!.id;
    expect(edgesOf(applied(linked, separatePremises(linked, id)))).toEqual(edgesOf(map));
    const undercutIt = applied(linked, undercut(linked, { argument: id }, claim('u', 'U')));
    const refused = separatePremises(undercutIt, id);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/^“U” undercuts this argument/);
  });

  it('marks two claims as contraries once, either way round', () => {
    const map = base();
    const next = applied(map, markContraries(map, 'a', 'x'));
    expect(edgesOf(next)).toContain('a contrary x');
    expect(markContraries(next, 'x', 'a')).toMatchObject({ ok: false });
  });
});

describe('keeping arguments whole', () => {
  const v5 = () => parseSuccess(readFileSync('tests/fixtures/format-v5.clashmap.json', 'utf8'));

  it('refuses an argument with no premise or without exactly one conclusion', () => {
    const map = v5();
    const noConclusion = { ...map, edges: map.edges.filter((e) => e.id !== 'e3') };
    expect(argumentShapeIssues(noConclusion)).toEqual([
      { path: 'nodes[4]', message: 'an argument has exactly one conclusion, not 0' },
    ]);
    const noPremise = { ...map, edges: map.edges.filter((e) => e.id !== 'e7') };
    expect(checkInvariants(noPremise)).toContainEqual({
      path: 'nodes[8]',
      message: 'an argument needs at least one premise',
    });
  });

  it('removes an argument with what it cannot stand without, and copies it with its parts', () => {
    const map = v5();
    const gone = applyChange(map, removeElements(map, ['supply']));
    expect(gone.nodes.map((n) => n.id)).not.toContain('arg-demand');
    expect(checkInvariants(gone)).toEqual([]);
    // One premise of two may go; the argument stays with the other.
    const one = applyChange(map, removeElements(map, ['hit']));
    expect(one.nodes.map((n) => n.id)).toContain('arg-labs');
    expect(copyFragment(map, ['labs', 'hit', 'flow']).nodes.map((n) => n.id)).toContain('arg-labs');
    expect(copyFragment(map, ['labs', 'flow']).nodes.map((n) => n.id)).not.toContain('arg-labs');
  });

  it('repairs a merged map whose argument lost its conclusion, and says so', () => {
    const map = v5();
    const merged = { ...map, nodes: map.nodes.filter((n) => n.id !== 'flow') };
    const { map: repaired, repairs } = repairMap(merged);
    expect(repaired.nodes.map((n) => n.id)).not.toContain('arg-labs');
    expect(repairs).toContain(
      'An argument that had lost its premises or its conclusion was removed.',
    );
    expect(checkInvariants(repaired)).toEqual([]);
  });
});

describe('arguments in the outline and the SVG', () => {
  const v5 = () => parseSuccess(readFileSync('tests/fixtures/format-v5.clashmap.json', 'utf8'));

  it('reads as "Together (scheme)", its premises, and what undercuts the inference', () => {
    const markdown = mapToMarkdown(v5());
    expect(markdown).toContain(
      [
        '- **Supports:** Strikes would stem the flow of fentanyl.',
        '  - **Together (Cause to Effect):** Strikes on labs cut supply',
        '    - **Premise:** The labs that make fentanyl can be found from the air.',
        '    - **Premise:** Destroyed labs make less fentanyl.',
        '    - **Undercuts the inference:** Cartels rebuild a lab within days, elsewhere.',
      ].join('\n'),
    );
    expect(markdown).toContain('- **Argument:** Argument from demand');
  });

  it('presents an argument with its premises, in a step of its own', () => {
    const steps = defaultSteps(v5()).map((step) => [
      (step.title ?? '').replace(/^“[^”]*”: /, ''),
      step.nodes,
    ]);
    expect(steps).toContainEqual([
      'reasons together (Cause to Effect)',
      ['arg-labs', 'labs', 'hit'],
    ]);
    expect(steps).toContainEqual(['an argument for it', ['arg-demand', 'supply']]);
  });

  it('draws an argument as a junction with its scheme beside it', () => {
    const map = v5();
    const boxes = new Map(
      map.nodes.map((n, i) => [
        n.id,
        n.kind === 'argument'
          ? { x: 300, y: i * 120, width: 28, height: 28 }
          : { x: 0, y: i * 120, width: 240, height: 80 },
      ]),
    );
    const svg = exportMapSvg(map, { boxes, measure: (text) => text.length * 7 });
    expect(svg).toMatch(
      /<g id="cm-node-arg-labs" class="node argument">\s*<circle [^>]*\/>\s*<text class="scheme"[^>]*>Cause to Effect<\/text>/,
    );
    expect(svg).not.toContain('>Together<');
  });
});
