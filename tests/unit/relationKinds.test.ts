import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { relationKindCss } from '../../src/components/relationStyles';
import { exportAif, importAif } from '../../src/io/formats/aif';
import { exportArgdown, importArgdown } from '../../src/io/formats/argdown';
import { exportDot } from '../../src/io/formats/dot';
import { exportGraphml } from '../../src/io/formats/graphml';
import { importKialo } from '../../src/io/formats/kialo';
import { mapToMarkdown } from '../../src/io/markdown';
import { serializeMap } from '../../src/io/serialize';
import { exportMapSvg } from '../../src/io/svgExport';
import { END_MARKERS } from '../../src/layout/edgeGeometry';
import { edgeSchema } from '../../src/model/edge';
import { evaluateMap } from '../../src/model/evaluate';
import type { ClashMap } from '../../src/model/map';
import { NODE_KINDS } from '../../src/model/node';
import {
  aifSchemeForm,
  argdownFormOf,
  CANVAS_EDGE_KINDS,
  capitalised,
  EDGE_KINDS,
  edgeKindForShortcut,
  edgeKindOfAifNode,
  edgeKindOfArgdownRelation,
  edgeKindOfKialoStance,
  edgeKindsWithFlowRole,
  edgeKindsWithRole,
  endpointsAllowed,
  isEdgeKind,
  nextEdgeKind,
  RELATION_KINDS,
  relationKind,
  type EdgeKind,
  type RelationKindMap,
  type RelationKindSpec,
} from '../../src/model/relations/registry';
import { conclusion } from '../../src/model/relations/concludes';
import { contrary } from '../../src/model/relations/contrary';
import { crossApplication } from '../../src/model/relations/crossApplies';
import { premise } from '../../src/model/relations/premise';
import { undercut } from '../../src/model/relations/undercut';
import { extension } from '../../src/model/relations/extends';
import { rebuttal } from '../../src/model/relations/rebuttal';
import { support } from '../../src/model/relations/support';
import { turn } from '../../src/model/relations/turns';
import { exported, imported } from './formats/expectations';
import { parseSuccess } from './helpers/maps';

// ---------------------------------------------------------------------------------------------
// Type-level checks: each line below its directive must fail to compile (tsc reports an unused
// directive otherwise), so a forgotten kind or field is caught before any test runs.

// @ts-expect-error a registry without the rebuttal kind is not a RelationKindMap
const _missingKind: RelationKindMap = {
  support,
  extends: extension,
  turns: turn,
  'cross-applies': crossApplication,
};
const { evaluation: _role, ...withoutRole } = support;
// @ts-expect-error a spec without its evaluation role is not a RelationKindSpec
const _missingField: RelationKindSpec = withoutRole;
const _wrongId: RelationKindMap = {
  // @ts-expect-error a spec filed under another kind's key has the wrong id
  support: rebuttal,
  rebuttal,
  extends: extension,
  turns: turn,
  'cross-applies': crossApplication,
};
// @ts-expect-error a per-kind table that forgets a kind does not compile
const _partialTable: Record<EdgeKind, string> = { support: '+' };
/** An exhaustive switch: with a third kind and no case for it, `unknown: never` fails to compile. */
function _exhaustive(kind: EdgeKind): string {
  switch (kind) {
    case 'support':
      return support.id;
    case 'rebuttal':
      return rebuttal.id;
    case 'extends':
      return extension.id;
    case 'turns':
      return turn.id;
    case 'cross-applies':
      return crossApplication.id;
    case 'premise':
      return premise.id;
    case 'concludes':
      return conclusion.id;
    case 'undercut':
      return undercut.id;
    case 'contrary':
      return contrary.id;
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** A position and a claim, the claim joined to the position by one edge of `kind`. */
function mapWith(kind: EdgeKind): ClashMap {
  const { endpoints } = relationKind(kind);
  // The kinds that cannot end at a position (a cross-application) end at a claim instead.
  const target = endpoints.to.includes('position') ? 'position' : 'claim';
  return {
    format: 'clashmap',
    version: 5,
    title: `One ${kind}`,
    sources: [],
    nodes: [
      { id: 'p1', kind: target, text: 'Strike the cartels', evidence: [] },
      { id: 'c1', kind: 'claim', text: 'Strikes stem the flow', evidence: [] },
    ],
    edges: [{ id: 'e1', from: 'c1', to: 'p1', kind }],
  };
}

const kindsOf = (map: ClashMap) => map.edges.map((e) => `${e.from} -> ${e.to} (${e.kind})`);

const nonEmpty = (value: unknown) => typeof value === 'string' && value.trim() !== '';

describe('the relation-kind registry', () => {
  it('lists support, rebuttal and the flow kinds, in that order, each under its own id', () => {
    expect(EDGE_KINDS).toEqual([
      'support',
      'rebuttal',
      'extends',
      'turns',
      'cross-applies',
      'premise',
      'concludes',
      'undercut',
      'contrary',
    ]);
    expect(CANVAS_EDGE_KINDS).toEqual(['support', 'rebuttal']);
    for (const kind of EDGE_KINDS) expect(RELATION_KINDS[kind].id).toBe(kind);
  });

  it.each(EDGE_KINDS)('gives %s every field, filled in', (kind) => {
    const spec = relationKind(kind);
    for (const [field, value] of Object.entries(spec.names))
      expect(nonEmpty(value), field).toBe(true);
    // The kinds made by their own commands have no reply key; every other kind has one.
    if (spec.offered === 'command') expect(spec.shortcut).toBeNull();
    else expect(spec.shortcut).toMatch(/^[a-z]$/);
    expect(nonEmpty(spec.look.glyph)).toBe(true);
    expect(spec.look.color.cssVar).toMatch(/^--cm-[a-z-]+$/);
    expect(spec.look.color.hex).toMatch(/^#[0-9a-f]{6}$/);
    if (spec.look.dash !== null) expect(spec.look.dash).toMatch(/^\d+( \d+)+$/);
    expect(Object.keys(END_MARKERS)).toContain(spec.look.end);
    expect(['circle', 'square']).toContain(spec.look.badge);
    expect(['supports', 'attacks', 'turns', 'premise', 'conflicts']).toContain(spec.evaluation);
    expect(['answer', 'turn', 'extension', 'crossApplication', 'backing']).toContain(spec.flow);
    expect(['canvas', 'flow', 'command']).toContain(spec.offered);
    expect(spec.symmetric).toBe(spec.evaluation === 'conflicts');
    expect(spec.endpoints.from.length).toBeGreaterThan(0);
    expect(spec.endpoints.to.length).toBeGreaterThan(0);
    for (const end of [...spec.endpoints.from, ...spec.endpoints.to])
      expect(NODE_KINDS).toContain(end);
    const { argdown, aif, kialo, dot, graphml } = spec.formats;
    if ('part' in argdown) {
      // Written inside an argument's premise–conclusion structure, and as AIF's RA edges.
      expect(() => argdownFormOf(kind)).toThrow(/argument's structure/);
      expect(aif).toEqual(argdown);
    } else if ('as' in argdown) {
      // Written as a kind Argdown holds, which then reads back as itself.
      expect(argdownFormOf(kind)).toMatchObject({ lost: true });
      expect(argdownFormOf(argdownFormOf(kind).writtenAs).lost).toBe(false);
    } else {
      expect(nonEmpty(argdown.sign)).toBe(true);
      expect(argdown.reads.length + argdown.readsBothWays.length).toBeGreaterThan(0);
    }
    if (!('part' in aif)) {
      expect(['RA', 'CA']).toContain(aif.node);
      expect(nonEmpty(aif.scheme)).toBe(true);
    }
    if (kialo !== null) expect(nonEmpty(kialo.stance)).toBe(true);
    expect(dot.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(nonEmpty(dot.arrowhead)).toBe(true);
    expect(nonEmpty(graphml.kind)).toBe(true);
  });

  it('tells the kinds apart wherever a reader or a user has to', () => {
    const distinct = (values: (spec: RelationKindSpec) => readonly string[]) => {
      const all = EDGE_KINDS.flatMap((kind) => values(relationKind(kind)));
      expect(new Set(all).size, all.join(', ')).toBe(all.length);
    };
    distinct((s) => [s.names.noun]);
    distinct((s) => [s.names.verb]);
    distinct((s) => [s.names.label]);
    distinct((s) => [s.names.adjective]);
    distinct((s) => (s.shortcut === null ? [] : [s.shortcut]));
    // The parts of an argument are drawn as support is: green, into and out of its junction.
    const isPart = (s: RelationKindSpec) => 'part' in s.formats.aif;
    distinct((s) => (isPart(s) ? [] : [s.look.glyph]));
    distinct((s) => (isPart(s) ? [] : [s.look.color.cssVar]));
    const argdown = (s: RelationKindSpec) =>
      'as' in s.formats.argdown || 'part' in s.formats.argdown ? null : s.formats.argdown;
    distinct((s) => {
      const a = argdown(s);
      return a ? [a.sign] : [];
    });
    distinct((s) => {
      const a = argdown(s);
      return a ? [...a.reads, ...a.readsBothWays] : [];
    });
    distinct((s) =>
      'part' in s.formats.aif ? [] : [`${s.formats.aif.node} ${s.formats.aif.scheme}`],
    );
    distinct((s) => (s.formats.kialo ? [s.formats.kialo.stance.toLowerCase()] : []));
    distinct((s) => [s.formats.graphml.kind]);
    // The other single-key shortcuts (src/App.tsx) stay with their commands.
    for (const kind of EDGE_KINDS)
      expect(['p', 'c', 'l']).not.toContain(relationKind(kind).shortcut);
  });

  it('gives support and rebuttal their words, signs and roles', () => {
    expect(relationKind('support')).toMatchObject({
      names: { noun: 'support', verb: 'supports', label: 'Support' },
      look: { glyph: '+', dash: null, end: 'arrow' },
      evaluation: 'supports',
    });
    expect(relationKind('rebuttal')).toMatchObject({
      names: { noun: 'rebuttal', verb: 'rebuts', label: 'Rebuttal' },
      look: { glyph: '−', dash: '9 6', end: 'bar' },
      evaluation: 'attacks',
    });
    expect(edgeKindsWithRole('supports')).toEqual([
      'support',
      'extends',
      'cross-applies',
      'concludes',
    ]);
    expect(edgeKindsWithRole('attacks')).toEqual(['rebuttal', 'undercut']);
    expect(edgeKindsWithRole('premise')).toEqual(['premise']);
    expect(edgeKindsWithRole('conflicts')).toEqual(['contrary']);
    expect(edgeKindsWithRole('turns')).toEqual(['turns']);
    expect(edgeKindsWithFlowRole('answer')).toEqual(['rebuttal', 'undercut', 'contrary']);
    expect(edgeKindsWithFlowRole('turn')).toEqual(['turns']);
    expect(edgeKindsWithFlowRole('extension')).toEqual(['extends']);
    expect(edgeKindsWithFlowRole('crossApplication')).toEqual(['cross-applies']);
  });

  it('answers the lookups the app and the readers make', () => {
    expect(isEdgeKind('rebuttal')).toBe(true);
    expect(isEdgeKind('undercut')).toBe(true);
    expect(isEdgeKind('attack')).toBe(false);
    expect(isEdgeKind('__proto__')).toBe(false);
    expect(isEdgeKind(null)).toBe(false);
    // A badge click cycles through the canvas kinds; a flow kind turns into the first of them.
    expect(EDGE_KINDS.map(nextEdgeKind)).toEqual([
      'rebuttal',
      'support',
      'support',
      'support',
      'support',
      'support',
      'support',
      'support',
      'support',
    ]);
    expect(edgeKindForShortcut('S')).toBe('support');
    expect(edgeKindForShortcut('r')).toBe('rebuttal');
    expect(edgeKindForShortcut('x')).toBe('cross-applies');
    expect(edgeKindForShortcut('q')).toBeUndefined();
    expect(edgeKindOfArgdownRelation('entails')).toEqual({ kind: 'support', bothWays: false });
    expect(edgeKindOfArgdownRelation('contradictory')).toEqual({
      kind: 'contrary',
      bothWays: false,
    });
    // Argdown's contrary (an attack between statements in strict mode) cannot both be true, and
    // says nothing about which comes first: a conflict, as a contradiction is; an attack rebuts.
    expect(edgeKindOfArgdownRelation('contrary')).toEqual({ kind: 'contrary', bothWays: false });
    expect(edgeKindOfArgdownRelation('attack')).toEqual({ kind: 'rebuttal', bothWays: false });
    expect(edgeKindOfArgdownRelation('undercut')).toEqual({ kind: 'undercut', bothWays: false });
    expect(edgeKindOfArgdownRelation('premise')).toBeUndefined();
    expect(edgeKindOfAifNode('CA')).toBe('rebuttal');
    expect(edgeKindOfAifNode('CA', 'Turn')).toBe('turns');
    expect(edgeKindOfAifNode('RA', 'Extension')).toBe('extends');
    expect(edgeKindOfAifNode('RA', 'Some other scheme')).toBe('support');
    expect(edgeKindOfAifNode('MA')).toBeUndefined();
    expect(edgeKindOfKialoStance('PRO')).toBe('support');
    expect(edgeKindOfKialoStance('thesis')).toBeUndefined();
    expect(capitalised('rebuts')).toBe('Rebuts');
    const statements = NODE_KINDS.filter((kind) => kind !== 'argument');
    for (const kind of CANVAS_EDGE_KINDS)
      for (const from of statements)
        for (const to of statements) expect(endpointsAllowed(kind, from, to)).toBe(true);
    // An argument has premises and one conclusion, and only an undercut attacks it.
    expect(endpointsAllowed('premise', 'claim', 'argument')).toBe(true);
    expect(endpointsAllowed('concludes', 'argument', 'claim')).toBe(true);
    expect(endpointsAllowed('undercut', 'claim', 'argument')).toBe(true);
    expect(endpointsAllowed('undercut', 'claim', 'claim')).toBe(false);
    for (const kind of CANVAS_EDGE_KINDS) {
      expect(endpointsAllowed(kind, 'claim', 'argument')).toBe(false);
      expect(endpointsAllowed(kind, 'argument', 'claim')).toBe(false);
    }
    // A position is a sheet, not an argument made in a speech: it extends and turns nothing,
    // and nothing is cross-applied as a position.
    expect(endpointsAllowed('extends', 'position', 'claim')).toBe(false);
    expect(endpointsAllowed('turns', 'position', 'claim')).toBe(false);
    expect(endpointsAllowed('cross-applies', 'claim', 'position')).toBe(false);
    expect(endpointsAllowed('cross-applies', 'position', 'claim')).toBe(true);
  });

  it('refuses a kind the registry does not hold, naming the kinds it does', () => {
    const result = edgeSchema.safeParse({ id: 'e1', from: 'a', to: 'b', kind: 'attack' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'must be "support", "rebuttal", "extends", "turns", "cross-applies", "premise", "concludes", "undercut" or "contrary"',
    );
  });

  it('draws each kind on the canvas, in the legend and the outline from the registry alone', () => {
    const css = relationKindCss();
    const ruleOf = (selector: string) => {
      const at = css.indexOf(`${selector} {`);
      return at < 0 ? '' : css.slice(at, css.indexOf('}', at));
    };
    for (const kind of EDGE_KINDS) {
      const { color, dash, badge } = relationKind(kind).look;
      const paint = `var(${color.cssVar})`;
      expect(ruleOf(':root')).toContain(`${color.cssVar}: ${color.hex};`);
      expect(ruleOf(":root[data-theme='dark']")).toContain(`${color.cssVar}: ${color.dark};`);
      expect(ruleOf('.cm-present')).toContain(`${color.cssVar}: ${color.present.light};`);
      expect(ruleOf(".cm-present[data-theme='dark']")).toContain(
        `${color.cssVar}: ${color.present.dark};`,
      );
      expect(ruleOf(`.cm-edge--${kind}`)).toContain(`stroke: ${paint};`);
      expect(ruleOf(`.cm-edge--${kind}`)).toContain(`stroke-dasharray: ${dash ?? 'none'};`);
      expect(ruleOf(`.cm-marker--${kind}`)).toContain(`fill: ${paint};`);
      const radius = badge === 'circle' ? '50%' : '3px';
      expect(ruleOf(`.cm-edge-label--${kind}`)).toContain(`background: ${paint};`);
      expect(ruleOf(`.cm-edge-label--${kind}`)).toContain(`border-radius: ${radius};`);
      expect(ruleOf(`.react-flow__handle.cm-handle--${kind}`)).toContain(`background: ${paint};`);
      expect(ruleOf(`.cm-outline__item--${kind} > .cm-outline__relation`)).toContain(paint);
    }
    // The kinds made on the canvas have their handles one below the other, none on another.
    const tops = CANVAS_EDGE_KINDS.map(
      (kind) => /top: ([^;]+);/.exec(ruleOf(`.react-flow__handle.cm-handle--${kind}`))?.[1],
    );
    expect(tops.every(Boolean)).toBe(true);
    expect(new Set(tops).size).toBe(CANVAS_EDGE_KINDS.length);
  });

  it('leaves no kind to src/styles.css, so that a new kind needs no CSS', () => {
    const css = readFileSync('src/styles.css', 'utf8');
    for (const kind of EDGE_KINDS) {
      expect(css).not.toContain(`--${kind} `);
      expect(css).not.toContain(`--${kind}:`);
      expect(css).not.toContain(`--${kind},`);
      expect(css).not.toContain(`${relationKind(kind).look.color.cssVar}:`);
    }
  });
});

// The kinds that join two claims; the parts of an argument and undercuts have their own tests
// (tests/unit/arguments.test.ts).
const BETWEEN_CLAIMS = EDGE_KINDS.filter(
  (kind) =>
    relationKind(kind).endpoints.from.every((end) => end !== 'argument') &&
    relationKind(kind).endpoints.to.every((end) => end !== 'argument'),
);

describe.each(BETWEEN_CLAIMS)('a %s edge', (kind) => {
  const spec = relationKind(kind);
  const map = mapWith(kind);
  const expected = ['c1 -> p1 (' + kind + ')'];
  const argdownForm = argdownFormOf(kind);

  it.runIf(spec.symmetric)('makes both claims undecided until one is settled', () => {
    const evaluation = evaluateMap(map);
    expect(evaluation.nodes.get('c1')?.label).toBe('undecided');
    expect(evaluation.nodes.get('p1')?.label).toBe('undecided');
    expect(evaluateMap(map, { c1: 'falls' }).nodes.get('p1')?.label).toBe('stands');
    expect(evaluateMap(map, { p1: 'falls' }).nodes.get('c1')?.label).toBe('stands');
    expect(evaluateMap(map, { c1: 'stands' }).nodes.get('p1')?.label).toBe('falls');
  });

  it.runIf(!spec.symmetric)('does to its target in evaluation what its role says', () => {
    const evaluation = evaluateMap(map);
    expect(evaluation.nodes.get('c1')?.label).toBe('stands');
    expect(evaluation.nodes.get('p1')?.label).toBe(
      spec.evaluation === 'supports' ? 'stands' : 'falls',
    );
    // A supported node whose only supporter falls, falls; an attacked one stands.
    const struck = evaluateMap(map, { c1: 'falls' });
    expect(struck.nodes.get('p1')?.label).toBe(spec.evaluation === 'supports' ? 'falls' : 'stands');
    expect(evaluateMap(map).nodes.get('p1')?.label).toBe(
      spec.evaluation === 'supports' ? 'stands' : 'falls',
    );
  });

  it('survives the Clashmap file', () => {
    expect(kindsOf(parseSuccess(serializeMap(map)))).toEqual(expected);
  });

  it('survives Argdown, written with its sign, or says it was written as another kind', async () => {
    const result = exportArgdown(map);
    const { text } = exported(result);
    expect(text).toContain(`  ${argdownForm.sign} [c1]`);
    const back = kindsOf(imported(await importArgdown(text)).map);
    // A symmetric relation may come back written the other way round.
    const either = spec.symmetric ? [back[0]?.replace(/^p1 -> c1/, 'c1 -> p1')] : back;
    if (!argdownForm.lost) expect(either).toEqual(expected);
    else {
      expect(back).toEqual([`c1 -> p1 (${argdownForm.writtenAs})`]);
      expect(result.ok && result.losses.map((l) => `${l.path}: ${l.message}`)).toContain(
        `edges[0]: Argdown has no ${spec.names.noun}: it was written as a ${relationKind(argdownForm.writtenAs).names.noun}, and reads back as one`,
      );
    }
  }, 60_000); // the first Argdown import loads @argdown/core, slow on a busy machine

  it('survives AIF, written as its scheme node', async () => {
    const { text } = exported(exportAif(map, { now: new Date('2025-05-06T14:03:00Z') }));
    const nodes = (
      JSON.parse(text) as { nodes: Array<{ nodeID: string; type: string; text: string }> }
    ).nodes;
    const form = aifSchemeForm(kind)!;
    expect(nodes.find((n) => n.nodeID === 'e1')).toMatchObject({
      type: form.node,
      text: form.scheme,
    });
    expect(kindsOf(imported(await importAif(text)).map)).toEqual(expected);
  });

  it.runIf(spec.formats.kialo !== null)('is read from Kialo by its stance', async () => {
    const text = [
      'Discussion Title: Strikes',
      '',
      '1. Strike the cartels',
      `1.1. ${spec.formats.kialo?.stance}: Strikes stem the flow`,
      '',
    ].join('\n');
    const read = imported(await importKialo(text)).map;
    expect(read.edges.map((e) => e.kind)).toEqual([kind]);
  });

  it('is drawn in DOT with its glyph, colour, line and arrowhead', () => {
    const { text } = exported(exportDot(map));
    const { color, arrowhead } = spec.formats.dot;
    const style = spec.look.dash === null ? 'solid' : 'dashed';
    expect(text).toContain(
      `label="${spec.look.glyph}", style=${style}, arrowhead=${arrowhead}, color="${color}", fontcolor="${color}"`,
    );
  });

  it('is named in GraphML', () => {
    const { text } = exported(exportGraphml(map));
    expect(text).toContain(`<data key="edgeKind">${spec.formats.graphml.kind}</data>`);
  });

  it('is worded in the Markdown outline', () => {
    expect(mapToMarkdown(map)).toContain(
      `- **${capitalised(spec.names.verb)}:** Strikes stem the flow`,
    );
  });

  it('is drawn in SVG with its colour, dash, marker and glyph', () => {
    const boxes = new Map([
      ['p1', { x: 0, y: 0, width: 240, height: 80 }],
      ['c1', { x: 400, y: 0, width: 240, height: 80 }],
    ]);
    const svg = exportMapSvg(map, { boxes, measure: (text) => text.length * 7 });
    const path = /<path id="cm-edge-e1"[^>]*>/.exec(svg)?.[0] ?? '';
    expect(path).toContain(`class="edge ${kind}"`);
    expect(path).toContain(`stroke="${spec.look.color.hex}"`);
    expect(path).toContain(`marker-end="url(#cm-marker-${kind})"`);
    if (spec.look.dash === null) expect(path).not.toContain('stroke-dasharray');
    else expect(path).toContain(`stroke-dasharray="${spec.look.dash}"`);
    expect(svg).toContain(`<marker id="cm-marker-${kind}"`);
    const glyph = spec.look.glyph.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(svg).toMatch(new RegExp(`<g class="badge ${kind}">[^]*?>${glyph}</text></g>`));
  });
});
