// @vitest-environment jsdom
// jsdom's DOMParser is a strict XML parser: the well-formedness check these tests need.
import { describe, expect, it } from 'vitest';
import { exportGraphml, xmlEscape } from '../../../src/io/formats/graphml';
import type { ClashMap } from '../../../src/model/map';
import type { MapNode } from '../../../src/model/node';
import { readArticleMap } from '../helpers/maps';
import { exported, messages } from './expectations';
import { TRICKY_MAP } from './trickyMap';

/** Parses XML strictly (jsdom's parser); throws on anything that is not well formed. */
function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return doc;
}

/** The data values of one GraphML element, by key. */
function dataOf(element: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const data of Array.from(element.children)) {
    if (data.localName === 'data') out[data.getAttribute('key')!] = data.textContent ?? '';
  }
  return out;
}

describe('GraphML export', () => {
  it('writes the exact document for a small map', () => {
    const { text } = exported(exportGraphml(TRICKY_MAP));
    expect(text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"',
        '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
        '  <key id="title" for="graph" attr.name="title" attr.type="string"/>',
        '  <key id="description" for="graph" attr.name="description" attr.type="string"/>',
        '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
        '  <key id="text" for="node" attr.name="text" attr.type="string"/>',
        '  <key id="speaker" for="node" attr.name="speaker" attr.type="string"/>',
        '  <key id="quote" for="node" attr.name="quote" attr.type="string"/>',
        '  <key id="tags" for="node" attr.name="tags" attr.type="string"/>',
        '  <key id="note" for="node" attr.name="note" attr.type="string"/>',
        '  <key id="x" for="node" attr.name="x" attr.type="double"/>',
        '  <key id="y" for="node" attr.name="y" attr.type="double"/>',
        '  <key id="edgeKind" for="edge" attr.name="kind" attr.type="string"/>',
        '  <key id="edgeNote" for="edge" attr.name="note" attr.type="string"/>',
        '  <graph id="clashmap" edgedefault="directed">',
        '    <data key="title">Strikes &quot;now&quot; \\ later</data>',
        '    <data key="description">Two&#10;lines</data>',
        '    <node id="pos-strike">',
        '      <data key="kind">position</data>',
        '      <data key="text">The US should strike cartels in Mexico with drones, unilaterally if need be.</data>',
        '    </node>',
        '    <node id="claim-reject">',
        '      <data key="kind">claim</data>',
        '      <data key="text">Mexico says &quot;no&quot; to&#10;any &lt;intervention&gt; &amp; ends with \\</data>',
        '      <data key="speaker">Claudia Sheinbaum</data>',
        '      <data key="quote">We reject any form of intervention.</data>',
        '      <data key="tags">sovereignty, Mexico 🇲🇽</data>',
        '      <data key="note">Tab&#9;here, CR&#13;&#10;and &apos;quotes&apos;</data>',
        '      <data key="x">-12.5</data>',
        '      <data key="y">40</data>',
        '    </node>',
        '    <edge id="e-reject" source="claim-reject" target="pos-strike">',
        '      <data key="edgeKind">rebuttal</data>',
        '      <data key="edgeNote">Sovereignty &quot;first&quot;</data>',
        '    </edge>',
        '    <edge id="e-support" source="pos-strike" target="claim-reject">',
        '      <data key="edgeKind">support</data>',
        '    </edge>',
        '  </graph>',
        '</graphml>',
        '',
      ].join('\n'),
    );
  });

  it('is well-formed XML whose values read back exactly, CR and tab included', () => {
    const doc = parseXml(exported(exportGraphml(TRICKY_MAP)).text);
    const nodes = Array.from(doc.getElementsByTagName('node'));
    expect(nodes.map((n) => n.getAttribute('id'))).toEqual(['pos-strike', 'claim-reject']);
    expect(dataOf(nodes[1]!)).toEqual({
      kind: 'claim',
      text: 'Mexico says "no" to\nany <intervention> & ends with \\',
      speaker: 'Claudia Sheinbaum',
      quote: 'We reject any form of intervention.',
      tags: 'sovereignty, Mexico 🇲🇽',
      note: "Tab\there, CR\r\nand 'quotes'",
      x: '-12.5',
      y: '40',
    });
    const edges = Array.from(doc.getElementsByTagName('edge'));
    expect(
      edges.map((e) => [e.getAttribute('source'), e.getAttribute('target'), dataOf(e).edgeKind]),
    ).toEqual([
      ['claim-reject', 'pos-strike', 'rebuttal'],
      ['pos-strike', 'claim-reject', 'support'],
    ]);
    expect(dataOf(doc.getElementsByTagName('graph')[0]!).title).toBe('Strikes "now" \\ later');
  });

  it('uses a parser strict enough to catch broken XML', () => {
    expect(() => parseXml('<a>&</a>')).toThrow();
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>\u0001</a>')).toThrow();
  });

  it('declares a key for every data element it uses', () => {
    const doc = parseXml(exported(exportGraphml(readArticleMap())).text);
    const keys = new Map(
      Array.from(doc.getElementsByTagName('key')).map((k) => [
        k.getAttribute('id'),
        k.getAttribute('for'),
      ]),
    );
    for (const data of Array.from(doc.getElementsByTagName('data'))) {
      const owner = data.parentElement!.localName;
      expect(keys.get(data.getAttribute('key'))).toBe(owner);
    }
    expect(doc.getElementsByTagName('node')).toHaveLength(readArticleMap().nodes.length);
    expect(doc.getElementsByTagName('edge')).toHaveLength(readArticleMap().edges.length);
  });

  it('lists several quotes and their speakers one per line, in the same order', () => {
    const map = readArticleMap();
    const doc = parseXml(exported(exportGraphml(map)).text);
    const node = Array.from(doc.getElementsByTagName('node')).find(
      (n) => n.getAttribute('id') === 'claim-reject-intervention',
    )!;
    const source = map.nodes.find((n) => n.id === 'claim-reject-intervention')!;
    expect(dataOf(node).quote!.split('\n')).toEqual(source.evidence.map((e) => e.quote));
    expect(dataOf(node).speaker!.split('\n')).toEqual(source.evidence.map((e) => e.speaker));
  });

  it('replaces the characters XML forbids, and says so', () => {
    const map: ClashMap = {
      ...TRICKY_MAP,
      nodes: [{ id: 'a', kind: 'claim', text: 'bad \uFFFE here', evidence: [] }],
      edges: [],
    };
    const { text, losses } = exported(exportGraphml(map));
    expect(dataOf(parseXml(text).getElementsByTagName('node')[0]!).text).toBe('bad \uFFFD here');
    expect(losses[0]).toEqual({
      path: 'nodes[0]',
      message: 'The characters U+FFFE and U+FFFF are not allowed in XML; they became �',
      count: 1,
    });
    expect(xmlEscape('a\u0001b')).toBe('a\uFFFDb');
  });

  it('gives the same text for the same map, and says what it leaves out', () => {
    const map = readArticleMap();
    const first = exported(exportGraphml(map));
    expect(first.text).toBe(exported(exportGraphml(structuredClone(map))).text);
    expect(messages(first.losses)).toEqual([
      'Quote sources and offsets are not kept; quotes and speakers are listed one per line',
      'Sources (title, author, publisher, date, address and text) are not exported',
      'Which claims stand is unchanged by these losses',
    ]);
  });
});

describe('exports of a round (issue 16: every loss report says whether it changes which claims stand)', () => {
  it('say which claims the round judges otherwise than the file will', () => {
    // The 2AC drops the 1NC's answer, so the 1AR's late answer does not count in the round.
    const claim = (id: string, speech: string, side: 'aff' | 'neg'): MapNode => ({
      id,
      kind: 'claim',
      text: id.toUpperCase(),
      evidence: [],
      speech,
      side,
      sheet: 'p',
    });
    const round: ClashMap = {
      format: 'clashmap',
      version: 5,
      title: 'Round',
      round: { format: 'policy' },
      sources: [],
      nodes: [
        { id: 'p', kind: 'position', text: 'Advantage', evidence: [], side: 'aff' },
        claim('a', '1AC', 'aff'),
        claim('n', '1NC', 'neg'),
        claim('r', '1AR', 'aff'),
      ],
      edges: [
        { id: 'e1', from: 'a', to: 'p', kind: 'support' },
        { id: 'e2', from: 'n', to: 'a', kind: 'rebuttal' },
        { id: 'e3', from: 'r', to: 'n', kind: 'rebuttal' },
      ],
    };
    const last = exported(exportGraphml(round)).losses.at(-1)!.message;
    expect(last).toMatch(/^This changes which claims stand: /);
    expect(last).toContain('“A” fell and now stands');
  });
});
