import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAif } from '../../../src/io/formats/aif';
import { argumentParts } from '../../../src/model/arguments';
import { evaluateMap } from '../../../src/model/evaluate';
import type { ClashMap } from '../../../src/model/map';
import { imported, messages } from './expectations';

/*
 * Every AIF file in tests/fixtures/third-party/aif (made with OVA and AIFdb by ARG-tech; origins
 * in the README there) is imported and checked against the counts in its expected.json, which
 * were tallied from the raw JSON independently of Clashmap.
 */

const DIR = 'tests/fixtures/third-party/aif';

interface Expected {
  iNodes: number;
  raNodes: number;
  raPremiseCounts: Record<string, number>;
  linkedRaNodes: number;
  caNodes: number;
  undercutsCaToRa: number;
  rebuttalsCaToI: number;
  symmetricConflictPairs: number;
  maNodes: number;
  namedSchemes: string[];
  speakersByPersonID: Record<string, string | null>;
  speakerNamesInLocutionText: string[];
  sourceTextWithSpans: boolean;
  spanAnchors: number;
  ovaLayout: boolean;
  linkedArguments?: Record<string, string[]>;
  expectedLabels?: Record<string, string>;
}

const EXPECTED = (
  JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8')) as { files: Record<string, Expected> }
).files;
const FILES = Object.keys(EXPECTED);

const read = (file: string) => readFileSync(`${DIR}/${file}`, 'utf8');

/** What the map holds, in the terms expected.json counts. */
function tally(map: ClashMap) {
  const parts = argumentParts(map);
  const edgesOf = (kind: string) => map.edges.filter((e) => e.kind === kind);
  const premiseSizes: Record<string, number> = {};
  for (const own of parts.values())
    premiseSizes[own.premises.length] = (premiseSizes[own.premises.length] ?? 0) + 1;
  // A plain support is the one-premise inference.
  const supports = edgesOf('support').length;
  if (supports > 0) premiseSizes[1] = (premiseSizes[1] ?? 0) + supports;
  return {
    propositions: map.nodes.filter((n) => n.kind !== 'argument').length,
    inferences: parts.size + supports,
    premiseSizes,
    linked: [...parts.values()].filter((p) => p.premises.length >= 2).length,
    undercuts: edgesOf('undercut').length,
    contraries: edgesOf('contrary').length,
    rebuttals: edgesOf('rebuttal').length,
    schemes: [
      ...new Set(map.nodes.flatMap((n) => (n.kind === 'argument' && n.scheme ? [n.scheme] : []))),
    ].sort(),
    speakers: new Set(map.nodes.flatMap((n) => n.evidence.map((e) => e.speaker))),
  };
}

/**
 * The locutions the raw file anchors in its text that assert a proposition (L → YA → I with a
 * `<span id="node…">`): each should come in as a quote at its span. Read from the raw JSON.
 */
function anchoredLocutions(file: string): Set<string> {
  const raw = JSON.parse(read(file)) as {
    AIF: {
      nodes: Array<{ nodeID: string; type: string }>;
      edges: Array<{ fromID: string; toID: string }>;
    };
    text: string;
  };
  const type = new Map(raw.AIF.nodes.map((n) => [String(n.nodeID), n.type]));
  const spans = new Set([...raw.text.matchAll(/id="node([^"]+)"/g)].map((m) => m[1]!));
  const out = new Map<string, string[]>();
  for (const e of raw.AIF.edges)
    out.set(String(e.fromID), [...(out.get(String(e.fromID)) ?? []), String(e.toID)]);
  const asserts = (l: string) =>
    (out.get(l) ?? []).some(
      (ya) => type.get(ya) === 'YA' && (out.get(ya) ?? []).some((i) => type.get(i) === 'I'),
    );
  return new Set([...spans].filter((id) => type.get(id) === 'L' && asserts(id)));
}

describe.each(FILES)('the real AIF file %s', (file) => {
  const expected = EXPECTED[file]!;

  it('comes in with its propositions, linked arguments, undercuts, contraries and schemes', async () => {
    const { map } = imported(await importAif(read(file)));
    const got = tally(map);
    expect(got.propositions).toBe(expected.iNodes);
    expect(got.inferences).toBe(Object.values(expected.raPremiseCounts).reduce((a, b) => a + b, 0));
    expect(got.premiseSizes).toEqual(expected.raPremiseCounts);
    expect(got.linked).toBe(expected.linkedRaNodes);
    expect(got.undercuts).toBe(expected.undercutsCaToRa);
    expect(got.contraries).toBe(expected.symmetricConflictPairs);
    expect(got.rebuttals).toBe(expected.rebuttalsCaToI - 2 * expected.symmetricConflictPairs);
    expect(got.schemes).toEqual([...expected.namedSchemes].sort());
  });

  it('names its speakers, with nobody left as "Unknown speaker"', async () => {
    const { map } = imported(await importAif(read(file)));
    const { speakers } = tally(map);
    for (const name of expected.speakerNamesInLocutionText) expect(speakers).toContain(name);
    for (const name of Object.values(expected.speakersByPersonID))
      if (name !== null) expect(speakers).toContain(name);
    expect(speakers).not.toContain('Unknown speaker');
  });

  it.runIf(expected.sourceTextWithSpans)(
    'keeps the analysed text as its source, each quote at its locution’s span',
    async () => {
      const { map, losses } = imported(await importAif(read(file)));
      const source = map.sources.find((s) => s.title === 'Analysed text');
      expect(source?.text).toBeDefined();
      expect(source!.text).not.toMatch(/<span|<div|&nbsp;/);
      const anchored = map.nodes.flatMap((n) =>
        n.evidence.filter((e) => e.sourceId === source!.id),
      );
      // Every quote is the text at its place (finishImport checks it too).
      for (const quote of anchored)
        expect(source!.text!.slice(quote.start, quote.end)).toBe(quote.quote);
      const spans = new Set(anchored.map((q) => `${q.start}-${q.end}`));
      expect(spans.size).toBe(anchoredLocutions(file).size);
      expect(spans.size).toBeLessThanOrEqual(expected.spanAnchors);
      expect(messages(losses).join('\n')).not.toMatch(/AIF has no source documents/);
    },
  );

  it.runIf(!expected.sourceTextWithSpans)(
    'says it has no source text, and keeps the quoted words in a source of their own',
    async () => {
      const { map, losses } = imported(await importAif(read(file)));
      expect(map.sources.map((s) => s.title)).not.toContain('Analysed text');
      const quotes = map.nodes.reduce((n, node) => n + node.evidence.length, 0);
      if (quotes > 0) expect(messages(losses).join('\n')).toMatch(/AIF has no source documents/);
    },
  );

  it(`places its nodes ${expected.ovaLayout ? 'where OVA drew them' : 'nowhere (no OVA layout)'}`, async () => {
    const { map } = imported(await importAif(read(file)));
    const placed = map.nodes.filter((n) => n.position !== undefined).length;
    expect(placed).toBe(expected.ovaLayout ? map.nodes.length : 0);
  });

  it('says, for every loss, whether it changes which claims stand', async () => {
    const { losses } = imported(await importAif(read(file)));
    for (const message of messages(losses)) expect(message).toMatch(/which claims stand/);
    const ma = messages(losses).filter((m) => m.startsWith('MA-nodes'));
    expect(ma.length > 0).toBe(expected.maNodes > 0);
  });
});

describe('what the real AIF files mean', () => {
  it('papa-rebut_undercut: the undercut and the rebuttal leave A unsupported, as its author meant', async () => {
    const file = 'papa-rebut_undercut.json';
    const { map } = imported(await importAif(read(file)));
    const labels = evaluateMap(map).nodes;
    const label = (text: string) => labels.get(map.nodes.find((n) => n.text === text)!.id)?.label;
    expect(label('A')).toBe('falls');
    expect(label('B')).toBe('falls');
    expect(label('not B')).toBe('stands');
    expect(label('A and B are totally unrelated')).toBe('stands');
    const argument = map.nodes.find((n) => n.kind === 'argument')!;
    expect(labels.get(argument.id)?.label).toBe('falls');
    const parts = argumentParts(map).get(argument.id)!;
    expect(parts.undercutters.map((id) => map.nodes.find((n) => n.id === id)?.text)).toEqual([
      'A and B are totally unrelated',
    ]);
    // OVA's layout, scaled: A was drawn above B.
    const at = (text: string) => map.nodes.find((n) => n.text === text)!.position!;
    expect(at('A').y).toBeLessThan(at('B').y);
    // The analysed text, without its HTML, and the quotes at their spans.
    expect(map.sources[0]!.text).toBe('A because B.\n\nThose are totally unrelated. Also not B.');
    expect(
      map.nodes.flatMap((n) => n.evidence.map((e) => [n.text, e.quote, e.start, e.speaker])),
    ).toEqual([
      ['A', 'A', 0, 'Participant Rachel'],
      ['B', 'B', 10, 'Participant Rachel'],
      ['A and B are totally unrelated', 'Those are totally unrelated', 14, 'Participant Carolyn'],
      ['not B', 'not B', 48, 'Participant Carolyn'],
    ]);
  });

  it('hypgen-rules-19868: three linked arguments for one conclusion, told apart by their premises', async () => {
    const file = 'hypgen-rules-19868.json';
    const { map } = imported(await importAif(read(file)));
    const parts = argumentParts(map);
    expect(Object.fromEntries([...parts].map(([id, p]) => [id, p.premises.sort()]))).toEqual(
      EXPECTED[file]!.linkedArguments,
    );
    expect(new Set([...parts.values()].map((p) => p.conclusions.join()))).toEqual(new Set(['20']));
  });

  it('papa-28010: the forecaster’s Yes and No conflict both ways, so they are contraries and undecided', async () => {
    const { map, losses } = imported(await importAif(read('papa-28010.json')));
    const [contrary] = map.edges.filter((e) => e.kind === 'contrary');
    const labels = evaluateMap(map).nodes;
    expect(labels.get(contrary!.from)?.label).toBe('undecided');
    expect(labels.get(contrary!.to)?.label).toBe('undecided');
    expect(messages(losses).join('\n')).toContain('MA-nodes named "Evaluation"');
  });
});
