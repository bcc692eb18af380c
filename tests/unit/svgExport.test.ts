// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { serializeMap } from '../../src/io/serialize';
import {
  NOT_A_CLASHMAP_SVG,
  exportMapSvg,
  extractMapFromSvg,
  type SvgExportOptions,
} from '../../src/io/svgExport';
import { layoutMap } from '../../src/layout/layoutMap';
import { estimateNodeSize } from '../../src/layout/nodeSize';
import type { ClashMap } from '../../src/model/map';
import { readArticleMap } from './helpers/maps';

/** Half an em per character: 7.5px a character at 15px, 8.5px at 17px. */
function measure(text: string, font: string): number {
  const size = Number(/([\d.]+)px/.exec(font)?.[1] ?? 'NaN');
  if (!Number.isFinite(size)) throw new Error(`no size in font "${font}"`);
  return text.length * size * 0.5;
}

function boxesFor(map: ClashMap): SvgExportOptions['boxes'] {
  const positions = layoutMap(map);
  return new Map(
    map.nodes.map((node) => [node.id, { ...positions.get(node.id)!, ...estimateNodeSize(node) }]),
  );
}

const exportOf = (map: ClashMap, extra: Partial<SvgExportOptions> = {}) =>
  exportMapSvg(map, { boxes: boxesFor(map), measure, ...extra });

/** The SVG as a DOM; fails the test if it is not well-formed XML. */
function parseSvg(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed: ${error.textContent}`);
  return doc;
}

const linesOf = (text: Element | undefined | null) =>
  Array.from(text?.getElementsByTagName('tspan') ?? [], (t) => t.textContent ?? '');
const joined = (text: Element | undefined | null) => linesOf(text).join(' ');
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function nodeGroups(doc: Document): Map<string, Element> {
  const groups = new Map<string, Element>();
  for (const g of Array.from(doc.querySelectorAll('g.node'))) {
    groups.set(g.getAttribute('id')!.replace(/^cm-node-/, ''), g);
  }
  return groups;
}

const roundTrip = (svg: string): ClashMap => {
  const extracted = extractMapFromSvg(svg);
  if (!extracted.ok) throw new Error(extracted.reason);
  const parsed = parseMap(extracted.text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.map;
};

describe('exportMapSvg on the article map', () => {
  const map = readArticleMap();
  const svg = exportOf(map);
  const doc = parseSvg(svg);
  const root = doc.documentElement;

  it('is a well-formed standalone SVG 1.1 document with a viewBox and a font', () => {
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.localName).toBe('svg');
    expect(root.getAttribute('version')).toBe('1.1');
    const viewBox = root.getAttribute('viewBox')!.split(' ').map(Number);
    expect(viewBox).toHaveLength(4);
    expect(viewBox.every(Number.isFinite)).toBe(true);
    expect(root.getAttribute('width')).toBe(String(viewBox[2]));
    expect(root.getAttribute('font-family')).toMatch(/system-ui/);
    expect(doc.getElementsByTagName('foreignObject')).toHaveLength(0);
    expect(doc.getElementsByTagName('image')).toHaveLength(0);
    expect(doc.getElementsByTagName('style')).toHaveLength(0);
  });

  it('frames every drawn node inside the viewBox, with room to spare', () => {
    const [x, y, w, h] = root.getAttribute('viewBox')!.split(' ').map(Number) as [
      number,
      number,
      number,
      number,
    ];
    for (const rect of Array.from(doc.querySelectorAll('g.node > rect'))) {
      const rx = Number(rect.getAttribute('x'));
      const ry = Number(rect.getAttribute('y'));
      expect(rx).toBeGreaterThan(x);
      expect(ry).toBeGreaterThan(y);
      expect(rx + Number(rect.getAttribute('width'))).toBeLessThan(x + w);
      expect(ry + Number(rect.getAttribute('height'))).toBeLessThan(y + h);
    }
  });

  it('has the map title as <title> and as a line of text at the top', () => {
    expect(root.querySelector(':scope > title')?.textContent).toBe(map.title);
    expect(joined(doc.querySelector('text.map-title'))).toBe(map.title);
  });

  it('draws every node as a card with its kind, its text, its quotes and their speakers', () => {
    const groups = nodeGroups(doc);
    expect([...groups.keys()]).toEqual(map.nodes.map((n) => n.id));
    for (const node of map.nodes) {
      const g = groups.get(node.id)!;
      expect(g.getAttribute('class')).toBe(`node ${node.kind}`);
      expect(g.querySelector('text.kind')?.textContent).toBe(node.kind.toUpperCase());
      expect(joined(g.querySelector('text.node-text')), node.id).toBe(collapse(node.text));
      const quotes = Array.from(g.querySelectorAll('text.quote'), joined);
      const speakers = Array.from(g.querySelectorAll('text.speaker'), joined);
      expect(quotes).toEqual(node.evidence.map((e) => `“${collapse(e.quote)}”`));
      expect(speakers).toEqual(node.evidence.map((e) => `— ${collapse(e.speaker)}`));
      expect(Array.from(g.querySelectorAll('text.tag'), joined)).toEqual(node.tags ?? []);
    }
    expect(map.nodes.some((n) => n.tags && n.tags.length > 0)).toBe(true);
  });

  it('styles positions and claims as the canvas does', () => {
    const groups = nodeGroups(doc);
    const position = groups.get('pos-unilateral')!;
    const claim = groups.get('claim-collusion')!;
    expect(position.querySelector('rect')?.getAttribute('stroke')).toBe('#14365c');
    expect(position.querySelector('rect')?.getAttribute('stroke-width')).toBe('3');
    expect(position.querySelector('rect')?.getAttribute('fill')).toBe('#e6eef8');
    expect(position.querySelector('text.node-text')?.getAttribute('font-size')).toBe('17');
    expect(claim.querySelector('rect')?.getAttribute('stroke')).toBe('#c9c7bf');
    expect(claim.querySelector('rect')?.getAttribute('fill')).toBe('#ffffff');
    expect(claim.querySelector('text.node-text')?.getAttribute('font-size')).toBe('15');
    expect(claim.querySelector('text.quote')?.getAttribute('font-style')).toBe('italic');
  });

  it('wraps text to the card width between words', () => {
    const groups = nodeGroups(doc);
    let wrapped = 0;
    for (const node of map.nodes) {
      const g = groups.get(node.id)!;
      const border = node.kind === 'position' ? 3 : 1.5;
      const width = estimateNodeSize(node).width - 2 * border - 28;
      const text = g.querySelector('text.node-text')!;
      const lines = linesOf(text);
      if (lines.length > 1) wrapped++;
      const font = `${text.getAttribute('font-weight')} ${text.getAttribute('font-size')}px x`;
      for (const line of lines) expect(measure(line, font), line).toBeLessThanOrEqual(width);
      // Greedy: the next line's first word would not have fitted on this one.
      for (let i = 0; i + 1 < lines.length; i++) {
        const next = lines[i + 1]!.split(' ')[0]!;
        expect(measure(`${lines[i]} ${next}`, font)).toBeGreaterThan(width);
      }
      // No word is cut: every line break falls on a space of the original text.
      expect(lines.flatMap((l) => l.split(' '))).toEqual(collapse(node.text).split(' '));
    }
    expect(wrapped).toBeGreaterThan(0);
  });

  it('draws one path per edge, dashed exactly for rebuttals, each with its marker and badge', () => {
    const paths = Array.from(doc.querySelectorAll('g.edges path'));
    expect(paths).toHaveLength(map.edges.length);
    const dashed = paths.filter((p) => p.hasAttribute('stroke-dasharray'));
    expect(dashed.map((p) => p.getAttribute('id'))).toEqual(
      map.edges.filter((e) => e.kind === 'rebuttal').map((e) => `cm-edge-${e.id}`),
    );
    for (const [i, edge] of map.edges.entries()) {
      const path = paths[i]!;
      // Routed as on the canvas: straight runs (L) with rounded corners (Q).
      expect(path.getAttribute('d')).toMatch(/^M[-\d.]+,[-\d.]+( [LQ][-\d., ]+)+$/);
      expect(path.getAttribute('marker-end')).toBe(`url(#cm-marker-${edge.kind})`);
      expect(path.getAttribute('stroke')).toBe(edge.kind === 'support' ? '#1f6f43' : '#b0261c');
      if (edge.kind === 'rebuttal') expect(path.getAttribute('stroke-dasharray')).toBe('9 6');
    }
    const badges = Array.from(doc.querySelectorAll('g.badges > g'));
    expect(badges.map((b) => b.textContent)).toEqual(
      map.edges.map((e) => (e.kind === 'support' ? '+' : '−')),
    );
    expect(badges.filter((b) => b.querySelector('circle'))).toHaveLength(
      map.edges.filter((e) => e.kind === 'support').length,
    );
  });

  it('defines each marker once, in <defs>', () => {
    const markers = Array.from(doc.getElementsByTagName('marker'));
    expect(markers.map((m) => m.getAttribute('id'))).toEqual([
      'cm-marker-support',
      'cm-marker-rebuttal',
    ]);
    expect(markers.every((m) => m.parentElement?.localName === 'defs')).toBe(true);
  });

  it('has a legend: position and claim boxes, a solid "+" line and a dashed "−" line', () => {
    const legend = doc.querySelector('g.legend')!;
    expect(Array.from(legend.querySelectorAll('text.legend-label'), joined)).toEqual([
      'Position',
      'Claim',
      'supports',
      'rebuts',
    ]);
    const lines = Array.from(legend.querySelectorAll('line'));
    expect(lines.map((l) => l.hasAttribute('stroke-dasharray'))).toEqual([false, true]);
    expect(lines.map((l) => l.getAttribute('marker-end'))).toEqual([
      'url(#cm-marker-support)',
      'url(#cm-marker-rebuttal)',
    ]);
    expect(legend.textContent).toContain('+');
    expect(legend.textContent).toContain('−');
  });

  it('embeds the map file, which reads back as the same map', () => {
    const holder = doc.getElementsByTagNameNS('https://clashmap.app/ns/map', 'clashmap')[0];
    expect(holder?.parentElement?.localName).toBe('metadata');
    expect(holder?.getAttribute('version')).toBe('1');
    expect(holder?.textContent).toBe(serializeMap(map));
    const extracted = extractMapFromSvg(svg);
    expect(extracted).toEqual({ ok: true, text: serializeMap(map) });
    expect(roundTrip(svg)).toEqual(map);
  });

  it('gives the same text for the same input', () => {
    expect(exportOf(map)).toBe(svg);
  });

  it('asks for a bigger picture with scale, drawing the same thing', () => {
    const scaled = parseSvg(exportOf(map, { scale: 2 })).documentElement;
    expect(Number(scaled.getAttribute('width'))).toBeCloseTo(
      Number(root.getAttribute('width')) * 2,
    );
    expect(scaled.getAttribute('viewBox')).toBe(root.getAttribute('viewBox'));
  });
});

describe('exportMapSvg with hostile and awkward text', () => {
  const hostile = `<script>alert(1)</script> & "double" 'single' ]]> <!-- x -->`;
  const map = readArticleMap();
  map.title = `Title with <b>tags</b> & "quotes"`;
  map.nodes[0]!.text = hostile;
  const quoted = map.nodes.find((n) => n.evidence.length > 0)!;
  quoted.evidence[0]!.speaker = `<img src=x onerror="alert(1)">`;
  const svg = exportOf(map);
  const doc = parseSvg(svg);

  it('escapes user text, so it is shown as text and runs nothing', () => {
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/<img/i);
    expect(svg).not.toMatch(/<b>/);
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    expect(doc.getElementsByTagName('img')).toHaveLength(0);
    const groups = nodeGroups(doc);
    expect(joined(groups.get(map.nodes[0]!.id)!.querySelector('text.node-text'))).toBe(hostile);
    expect(joined(groups.get(quoted.id)!.querySelector('text.speaker'))).toBe(
      `— <img src=x onerror="alert(1)">`,
    );
    expect(doc.querySelector('svg > title')?.textContent).toBe(map.title);
    expect(roundTrip(svg)).toEqual(map);
  });

  it('drops control characters from the drawing but keeps every character in the file', () => {
    const odd = readArticleMap();
    // The map refuses C0 controls, but allows DEL's neighbours and U+FFFE, which XML does not.
    odd.nodes[0]!.text = 'Tab\there,\nnew line, C1 \u0085 and \uFFFE end';
    const oddSvg = exportOf(odd);
    const oddDoc = parseSvg(oddSvg);
    expect(joined(nodeGroups(oddDoc).get(odd.nodes[0]!.id)!.querySelector('text.node-text'))).toBe(
      'Tab here, new line, C1  and  end',
    );
    expect(oddSvg).not.toMatch(/[\u0085\uFFFE]/);
    expect(roundTrip(oddSvg)).toEqual(odd);
  });

  it('breaks a word longer than a line, and only that word', () => {
    const long = readArticleMap();
    const word = 'x'.repeat(80);
    long.nodes[0]!.text = `Short words then ${word} and more`;
    const g = nodeGroups(parseSvg(exportOf(long))).get(long.nodes[0]!.id)!;
    const lines = linesOf(g.querySelector('text.node-text'));
    // Rejoining the pieces of the long word gives the text back.
    expect(lines.join(' ').replace(/x (?=x)/g, 'x')).toBe(long.nodes[0]!.text);
    expect(lines[0]).toBe('Short words then');
    expect(lines.filter((l) => /^x+$/.test(l)).length).toBeGreaterThan(1);
    expect(lines.at(-1)).toMatch(/^x* ?and more$/);
  });

  it('wraps a long tag inside its pill rather than cutting it', () => {
    const tagged = readArticleMap();
    const tag = 'a tag long enough to need more than one line in its pill on a claim card';
    tagged.nodes[0]!.tags = ['short', tag];
    const g = nodeGroups(parseSvg(exportOf(tagged))).get(tagged.nodes[0]!.id)!;
    const texts = Array.from(g.querySelectorAll('text.tag'));
    expect(texts.map(joined)).toEqual(['short', tag]);
    expect(linesOf(texts[1]).length).toBeGreaterThan(1);
  });
});

describe('exporting a selection', () => {
  const map = readArticleMap();
  const head = map.nodes.find((n) => n.kind === 'position')!;
  const answers = map.edges.filter((e) => e.to === head.id).map((e) => e.from);
  const selected = new Set([head.id, ...answers]);
  // One node whose only links lead outside the selection.
  const outsider = map.nodes.find(
    (n) =>
      !selected.has(n.id) &&
      map.edges.some((e) => e.from === n.id || e.to === n.id) &&
      map.edges.every((e) => (e.from === n.id ? !selected.has(e.to) : true)),
  )!;
  selected.add(outsider.id);
  const svg = exportOf(map, { nodeIds: selected });
  const doc = parseSvg(svg);
  const inside = map.edges.filter((e) => selected.has(e.from) && selected.has(e.to));

  it('draws only the selected nodes and the edges between them', () => {
    expect(answers.length).toBeGreaterThan(0);
    expect([...nodeGroups(doc).keys()].sort()).toEqual([...selected].sort());
    expect(Array.from(doc.querySelectorAll('g.edges path'), (p) => p.getAttribute('id'))).toEqual(
      inside.map((e) => `cm-edge-${e.id}`),
    );
    expect(doc.querySelectorAll('g.badges > g')).toHaveLength(inside.length);
    expect(inside.length).toBeLessThan(map.edges.length);
  });

  it('frames the selection, not the whole map', () => {
    const whole = parseSvg(exportOf(map)).documentElement.getAttribute('viewBox')!.split(' ');
    const part = doc.documentElement.getAttribute('viewBox')!.split(' ');
    expect(Number(part[2]) * Number(part[3])).toBeLessThan(Number(whole[2]) * Number(whole[3]));
  });

  it('still embeds the whole map', () => {
    expect(roundTrip(svg)).toEqual(map);
  });

  it('gives a picture with just the title and legend for an empty selection', () => {
    const empty = parseSvg(exportOf(map, { nodeIds: new Set() }));
    expect(empty.querySelectorAll('g.node')).toHaveLength(0);
    expect(empty.querySelector('g.legend')).not.toBeNull();
    expect(roundTrip(exportOf(map, { nodeIds: new Set() }))).toEqual(map);
  });
});

describe('extractMapFromSvg', () => {
  it('refuses an SVG that Clashmap did not make', () => {
    const plain = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><metadata><rdf:RDF/></metadata></svg>`;
    expect(extractMapFromSvg(plain)).toEqual({ ok: false, reason: NOT_A_CLASHMAP_SVG });
    expect(NOT_A_CLASHMAP_SVG).toBe('This SVG was not made by Clashmap, so it holds no map');
    expect(extractMapFromSvg('')).toEqual({ ok: false, reason: NOT_A_CLASHMAP_SVG });
  });

  it('resolves each reference once, named and numeric', () => {
    const svg = `<svg><metadata><clashmap xmlns="https://clashmap.app/ns/map" version="1">&amp;lt; &lt;&gt;&quot;&apos; &#233;&#x1F600;</clashmap></metadata></svg>`;
    expect(extractMapFromSvg(svg)).toEqual({ ok: true, text: `&lt; <>"' é😀` });
  });

  it('reads a map an editor re-saved with a prefix, CDATA and CRLF line ends', () => {
    const svg =
      `<svg xmlns:cm='https://clashmap.app/ns/map'><metadata>\r\n` +
      `<cm:clashmap version='1'>{\r\n"a": <![CDATA["<&>"]]>}</cm:clashmap></metadata></svg>`;
    expect(extractMapFromSvg(svg)).toEqual({ ok: true, text: '{\n"a": "<&>"}' });
  });

  it('refuses a damaged or newer embedding with a reason', () => {
    const wrap = (inner: string, version = '1') =>
      `<svg><metadata><clashmap xmlns="https://clashmap.app/ns/map" version="${version}">${inner}</clashmap></metadata></svg>`;
    expect(extractMapFromSvg(wrap('{}', '2'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/newer/),
    });
    for (const damaged of [
      wrap('{}', 'one'),
      wrap('a &nbsp; b'),
      wrap('bare & ampersand'),
      wrap('&#0;'),
      wrap('<x/>'),
      wrap('<![CDATA[ open'),
      `<svg><clashmap xmlns="https://clashmap.app/ns/map" version="1">{ cut short`,
    ]) {
      expect(extractMapFromSvg(damaged), damaged).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/damaged/),
      });
    }
  });
});
