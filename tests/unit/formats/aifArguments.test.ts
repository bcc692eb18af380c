import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AIF_EXTENSION_KEY,
  exportAif,
  importAif,
  readAnalysedText,
} from '../../../src/io/formats/aif';
import { evaluateMap } from '../../../src/model/evaluate';
import type { ClashMap } from '../../../src/model/map';
import type { MapNode } from '../../../src/model/node';
import { parseSuccess } from '../helpers/maps';
import { exported, imported, lossAbout, messages } from './expectations';

const NOW = new Date('2025-05-06T14:03:00Z');
const V5 = 'tests/fixtures/format-v5.clashmap.json';

/** Nodes (id, kind, text, scheme, notes) and edges ("from -> to (kind)", a contrary either way). */
function structureOf(map: ClashMap) {
  const symmetric = (e: ClashMap['edges'][number]) =>
    e.kind === 'contrary' && e.to < e.from ? `${e.to} -> ${e.from}` : `${e.from} -> ${e.to}`;
  return {
    nodes: map.nodes
      .map((n: MapNode) => ({
        id: n.id,
        kind: n.kind,
        text: n.text,
        ...(n.kind === 'argument' && n.scheme !== undefined ? { scheme: n.scheme } : {}),
        ...(n.kind === 'argument' && n.notes !== undefined ? { notes: n.notes } : {}),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    edges: map.edges.map((e) => `${symmetric(e)} (${e.kind})`).sort(),
  };
}

const labelsOf = (map: ClashMap) =>
  Object.fromEntries([...evaluateMap(map).nodes].map(([id, e]) => [id, e.label]));

interface AifDoc {
  nodes: Array<{ nodeID: string; text: string; type: string; scheme?: string }>;
  edges: Array<{ fromID: string; toID: string }>;
  [AIF_EXTENSION_KEY]?: unknown;
}
const parseDoc = (text: string) => JSON.parse(text) as AifDoc;

describe('AIF export of arguments, undercuts and contraries', () => {
  const v5 = () => parseSuccess(readFileSync(V5, 'utf8'));

  it('writes an argument as one RA-node named by its scheme, its linked premises all into it', () => {
    const doc = parseDoc(exported(exportAif(v5(), { now: NOW })).text);
    expect(doc.nodes.find((n) => n.nodeID === 'arg-labs')).toMatchObject({
      type: 'RA',
      text: 'Cause to Effect',
      scheme: 'Cause to Effect',
    });
    expect(doc.nodes.find((n) => n.nodeID === 'arg-demand')).toMatchObject({
      type: 'RA',
      text: 'Default Inference',
    });
    const into = (id: string) => doc.edges.filter((e) => e.toID === id).map((e) => e.fromID);
    const outOf = (id: string) => doc.edges.filter((e) => e.fromID === id).map((e) => e.toID);
    // labs and hit, then the undercut's CA-node (e5).
    expect(into('arg-labs')).toEqual(['labs', 'hit', 'e5']);
    expect(outOf('arg-labs')).toEqual(['flow']);
  });

  it('writes an undercut as a CA-node aimed at the RA-node, and a contrary as two CA-nodes, one each way', () => {
    const doc = parseDoc(exported(exportAif(v5(), { now: NOW })).text);
    const node = (id: string) => doc.nodes.find((n) => n.nodeID === id);
    const link = (id: string) => ({
      from: doc.edges.filter((e) => e.toID === id).map((e) => e.fromID),
      to: doc.edges.filter((e) => e.fromID === id).map((e) => e.toID),
    });
    expect(node('e5')).toMatchObject({ type: 'CA', text: 'Undercut' });
    expect(link('e5')).toEqual({ from: ['rebuild'], to: ['arg-labs'] });
    expect(node('e6')).toMatchObject({ type: 'CA', text: 'Contrary' });
    expect(link('e6')).toEqual({ from: ['demand'], to: ['supply'] });
    expect(node('e6.back')).toMatchObject({ type: 'CA', text: 'Contrary' });
    expect(link('e6.back')).toEqual({ from: ['supply'], to: ['demand'] });
  });

  it('keeps argument names and notes in the clashmap field, and says the labels survive', () => {
    const { text, losses } = exported(exportAif(v5(), { now: NOW }));
    expect(parseDoc(text)[AIF_EXTENSION_KEY]).toMatchObject({
      arguments: [
        { id: 'arg-labs', text: 'Strikes on labs cut supply' },
        {
          id: 'arg-demand',
          text: 'Argument from demand',
          notes: 'A one-premise argument, made explicit so that it can be undercut.',
        },
      ],
    });
    // Neither the undercut nor the contrary is a loss: both are AIF's own forms.
    expect(messages(losses)).toEqual([
      'AIF has no positions: Clashmap lists them in its own "clashmap" field, and other AIF tools see ordinary propositions',
      'Which claims stand is unchanged by these losses',
    ]);
  });
});

describe('AIF round trip of arguments (Clashmap → AIF → Clashmap)', () => {
  it('keeps the format-5 fixture’s linked premises, scheme, undercut, contrary and argument names', async () => {
    const map = parseSuccess(readFileSync(V5, 'utf8'));
    const { map: back, losses } = imported(await importAif(exported(exportAif(map)).text));
    expect(structureOf(back)).toEqual(structureOf(map));
    expect(labelsOf(back)).toEqual(labelsOf(map));
    expect(losses).toEqual([]);
  });

  it('keeps canvas positions exactly, in the clashmap field', async () => {
    const map = parseSuccess(readFileSync(V5, 'utf8'));
    map.nodes[0]!.position = { x: 120.5, y: -40 };
    map.nodes[4]!.position = { x: 300, y: 80.25 };
    const { text, losses } = exported(exportAif(map));
    expect(messages(losses).join('\n')).not.toContain('Canvas positions');
    const { map: back } = imported(await importAif(text));
    const at = (id: string) => back.nodes.find((n) => n.id === id)?.position;
    expect([at('strike'), at('arg-labs'), at('flow')]).toEqual([
      { x: 120.5, y: -40 },
      { x: 300, y: 80.25 },
      undefined,
    ]);
  });

  it('reads the same file as another AIF tool would (no clashmap field): the same labels', async () => {
    const map = parseSuccess(readFileSync(V5, 'utf8'));
    const doc = parseDoc(exported(exportAif(map)).text);
    delete doc[AIF_EXTENSION_KEY];
    const { map: back } = imported(await importAif(JSON.stringify(doc)));
    const { edges } = structureOf(back);
    // The named, linked and undercut inference is still an argument; the plain one-premise
    // one is a support (its name lived in the clashmap field); the contrary is one edge.
    expect(edges).toEqual([
      'arg-labs -> flow (concludes)',
      'demand -> supply (contrary)',
      'flow -> strike (support)',
      'hit -> arg-labs (premise)',
      'labs -> arg-labs (premise)',
      'rebuild -> arg-labs (undercut)',
      'supply -> strike (support)',
    ]);
    expect(back.nodes.find((n) => n.id === 'arg-labs')).toMatchObject({
      kind: 'argument',
      scheme: 'Cause to Effect',
    });
    const meant = labelsOf(map);
    for (const [id, label] of Object.entries(labelsOf(back)))
      if (id in meant) expect(label).toBe(meant[id]);
  });

  it('keeps random maps of claims, arguments, undercuts and contraries (property, 150 maps)', async () => {
    const kinds = ['support', 'rebuttal', 'contrary'] as const;
    const arbitraryMap = fc
      .record({
        claims: fc.integer({ min: 2, max: 6 }),
        links: fc.array(
          fc.record({
            kind: fc.constantFrom(...kinds),
            from: fc.nat(),
            to: fc.nat(),
          }),
          { maxLength: 6 },
        ),
        args: fc.array(
          fc.record({
            premises: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
            conclusion: fc.nat(),
            scheme: fc.option(fc.constantFrom('Expert Opinion', 'Cause to Effect', 'Analogy')),
            undercutBy: fc.option(fc.nat()),
          }),
          { maxLength: 3 },
        ),
      })
      .map(({ claims, links, args }): ClashMap => {
        const ids = Array.from({ length: claims }, (_, i) => `c${i}`);
        const pick = (n: number) => ids[n % claims]!;
        const nodes: MapNode[] = ids.map((id, i) => ({
          id,
          kind: i === 0 ? 'position' : 'claim',
          text: `Claim ${i}`,
          evidence: [],
        }));
        const edges: ClashMap['edges'] = [];
        const seen = new Set<string>();
        const add = (from: string, to: string, kind: ClashMap['edges'][number]['kind']) => {
          const key = kind === 'contrary' ? [from, to].sort().join() + kind : from + to + kind;
          if (from === to || seen.has(key)) return;
          seen.add(key);
          edges.push({ id: `e${edges.length + 1}`, from, to, kind });
        };
        for (const link of links) add(pick(link.from), pick(link.to), link.kind);
        args.forEach((arg, k) => {
          const conclusion = pick(arg.conclusion);
          const premises = [...new Set(arg.premises.map(pick))].filter((p) => p !== conclusion);
          if (premises.length === 0) return;
          const id = `a${k}`;
          nodes.push({
            id,
            kind: 'argument',
            text: `Argument ${k}`,
            evidence: [],
            ...(arg.scheme !== null ? { scheme: arg.scheme } : {}),
          });
          for (const p of premises) add(p, id, 'premise');
          add(id, conclusion, 'concludes');
          if (arg.undercutBy !== null) add(pick(arg.undercutBy), id, 'undercut');
        });
        return { format: 'clashmap', version: 5, title: 'Random', sources: [], nodes, edges };
      });
    await fc.assert(
      fc.asyncProperty(arbitraryMap, async (map) => {
        const { map: back } = imported(await importAif(exported(exportAif(map)).text));
        expect(structureOf(back)).toEqual(structureOf(map));
        expect(labelsOf(back)).toEqual(labelsOf(map));
      }),
      { numRuns: 150 },
    );
  });
});

describe('AIF import of hand-written arguments', () => {
  const doc = (nodes: Array<[string, string, string]>, edges: Array<[string, string]>) =>
    JSON.stringify({
      nodes: nodes.map(([nodeID, type, text]) => ({ nodeID, type, text })),
      edges: edges.map(([fromID, toID], i) => ({ edgeID: String(i + 1), fromID, toID })),
    });

  it('makes one argument per conclusion of an RA-node with several, and says so', async () => {
    const text = doc(
      [
        ['1', 'I', 'Premise'],
        ['2', 'I', 'First conclusion'],
        ['3', 'I', 'Second conclusion'],
        ['4', 'RA', 'Expert Opinion'],
      ],
      [
        ['1', '4'],
        ['4', '2'],
        ['4', '3'],
      ],
    );
    const { map, losses } = imported(await importAif(text));
    expect(structureOf(map).edges).toEqual([
      '1 -> 4 (premise)',
      '1 -> 4-2 (premise)',
      '4 -> 2 (concludes)',
      '4-2 -> 3 (concludes)',
    ]);
    expect(lossAbout(losses, 'several conclusions').message).toMatch(
      /which claims stand does not change$/,
    );
  });

  it('reads a CA-node named "Contradiction" as a contrary, and a two-way conflict as one', async () => {
    const text = doc(
      [
        ['1', 'I', 'Yes'],
        ['2', 'I', 'No'],
        ['3', 'I', 'Maybe'],
        ['4', 'CA', 'Contradiction'],
        ['5', 'CA', 'Default Conflict'],
        ['6', 'CA', 'Default Conflict'],
      ],
      [
        ['1', '4'],
        ['4', '2'],
        ['2', '5'],
        ['5', '3'],
        ['3', '6'],
        ['6', '2'],
      ],
    );
    const { map } = imported(await importAif(text));
    expect(structureOf(map).edges).toEqual(['1 -> 2 (contrary)', '2 -> 3 (contrary)']);
  });

  it('says whether conflicts that other conflicts attack decide which claims stand', async () => {
    const text = doc(
      [
        ['1', 'I', 'Strikes work'],
        ['2', 'I', 'Demand persists'],
        ['3', 'I', 'That conflict misreads the data'],
        ['4', 'CA', 'Default Conflict'],
        ['5', 'CA', 'Default Conflict'],
      ],
      [
        ['2', '4'],
        ['4', '1'],
        ['3', '5'],
        ['5', '4'],
      ],
    );
    const { losses } = imported(await importAif(text));
    expect(lossAbout(losses, 'other conflicts attack').message).toBe(
      'Conflicts that other conflicts attack or preferences weigh were kept as if they succeed; compared with their failing, this changes which claims stand: “Strikes work” stood and now falls',
    );
  });

  it('takes a personID that is a name as the speaker when the file lists no participants', async () => {
    const text = JSON.stringify({
      nodes: [
        { nodeID: '1', type: 'I', text: 'Strikes work' },
        { nodeID: '2', type: 'L', text: 'strikes do work' },
        { nodeID: '3', type: 'YA', text: 'Asserting' },
      ],
      edges: [
        { fromID: '2', toID: '3' },
        { fromID: '3', toID: '1' },
      ],
      locutions: [{ nodeID: '2', personID: 'Fiona Bruce' }],
    });
    const { map, losses } = imported(await importAif(text));
    expect(map.nodes[0]!.evidence.map((e) => [e.quote, e.speaker])).toEqual([
      ['strikes do work', 'Fiona Bruce'],
    ]);
    expect(messages(losses).join('\n')).not.toContain('Unknown speaker');
  });

  it('calls a speaker known only by a number "Person N", not "Unknown speaker"', async () => {
    const text = JSON.stringify({
      nodes: [
        { nodeID: '1', type: 'I', text: 'Strikes work' },
        { nodeID: '2', type: 'L', text: 'strikes do work' },
        { nodeID: '3', type: 'YA', text: 'Asserting' },
      ],
      edges: [
        { fromID: '2', toID: '3' },
        { fromID: '3', toID: '1' },
      ],
      locutions: [{ nodeID: '2', personID: 3730 }],
    });
    const { map, losses } = imported(await importAif(text));
    expect(map.nodes[0]!.evidence.map((e) => e.speaker)).toEqual(['Person 3730']);
    expect(lossAbout(losses, 'personID that no participant names').path).toBe('nodes[1]');
  });
});

describe('the analysed text of an OVA3 file', () => {
  it('is read as plain text, never as markup to run: tags dropped, entities decoded, scripts left out', () => {
    const html =
      '<div>F:&nbsp;<span id="node5_1" class="highlighted">we &amp; they</span> said</div>' +
      '<div><br></div><script>alert("x")</script><style>p{}</style><!-- note -->' +
      '<div>M: <span id="node7_1"> <b>not</b> this </span>&lt;b&gt;</div>';
    const { text, anchors } = readAnalysedText(html);
    expect(text).toBe('F: we & they said\n\nM:  not this <b>');
    expect(text.slice(anchors.get('5_1')!.start, anchors.get('5_1')!.end)).toBe('we & they');
    expect(text.slice(anchors.get('7_1')!.start, anchors.get('7_1')!.end)).toBe('not this');
    expect([...anchors.keys()]).toEqual(['5_1', '7_1']);
  });

  it('reads hostile markup in linear time (unended quotes and tags, deep spans over white space)', () => {
    const started = performance.now();
    readAnalysedText('<a "'.repeat(200_000));
    readAnalysedText('<b'.repeat(200_000));
    const deep = Array.from({ length: 20_000 }, (_, i) => `<span id="node${i}">`).join('');
    const { anchors } = readAnalysedText(
      `${deep}${' '.repeat(200_000)}x${'</span>'.repeat(20_000)}`,
    );
    expect(anchors.size).toBe(20_000);
    // A backtracking tokenizer took minutes on the first of these; this takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('keeps a locution without a span in a second source, and says so', async () => {
    const text = JSON.stringify({
      AIF: {
        nodes: [
          { nodeID: '1', type: 'I', text: 'A' },
          { nodeID: '2', type: 'L', text: 'Ann: A' },
          { nodeID: '3', type: 'YA', text: 'Asserting' },
          { nodeID: '4', type: 'I', text: 'B' },
          { nodeID: '5', type: 'L', text: 'Bob: B' },
          { nodeID: '6', type: 'YA', text: 'Asserting' },
        ],
        edges: [
          { fromID: '2', toID: '3' },
          { fromID: '3', toID: '1' },
          { fromID: '5', toID: '6' },
          { fromID: '6', toID: '4' },
        ],
      },
      text: 'Ann said <span id="node2">A</span>.',
      OVA: { nodes: [] },
    });
    const { map, losses } = imported(await importAif(text));
    expect(map.sources.map((s) => [s.title, s.text])).toEqual([
      ['Analysed text', 'Ann said A.'],
      ['Locutions not marked in the analysed text', 'B'],
    ]);
    expect(lossAbout(losses, 'not marked in the analysed text').path).toBe('AIF.nodes[4]');
  });
});
