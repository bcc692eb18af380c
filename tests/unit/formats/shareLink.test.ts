import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SHARE_LINK_MAX_CHARS,
  SHARE_LINK_MAX_MAP_BYTES,
  decodeShareFragment,
  deflateRaw,
  encodeShareFragment,
  fromBase64Url,
  inflateRawLimited,
  toBase64Url,
  type ShareDecodeResult,
} from '../../../src/io/formats/shareLink';
import { parseMap } from '../../../src/io/parse';
import { serializeMap } from '../../../src/io/serialize';
import type { Edge } from '../../../src/model/edge';
import type { ClashMap } from '../../../src/model/map';
import type { MapNode } from '../../../src/model/node';
import { textProblem } from '../../../src/model/text';
import { allFieldsMap, readArticleMap, validDoc } from '../helpers/maps';
import { generatedMap } from './generatedMap';

async function fragmentOf(map: ClashMap): Promise<string> {
  const result = await encodeShareFragment(map);
  if (!result.ok) throw new Error(`expected a link: ${result.error.message}`);
  return result.fragment;
}

function failureOf(result: ShareDecodeResult) {
  if (result.ok) throw new Error('expected the link to be refused, but it opened');
  return result.error;
}

/** A fragment whose payload is `text`, compressed the way Clashmap does it. */
async function fragmentWithPayload(bytes: Uint8Array): Promise<string> {
  return `#map=v1.${toBase64Url(await deflateRaw(bytes))}`;
}

describe('share links: encode and decode', () => {
  it('round-trips the article map through "#map=v1." and base64url', async () => {
    const map = readArticleMap();
    const fragment = await fragmentOf(map);
    expect(fragment).toMatch(/^#map=v1\.[A-Za-z0-9_-]+$/);
    const decoded = await decodeShareFragment(fragment);
    expect(decoded).toEqual({ ok: true, map });
  });

  it('round-trips every field, and opens a whole pasted link or a fragment without "#"', async () => {
    const map = allFieldsMap();
    const fragment = await fragmentOf(map);
    expect(await decodeShareFragment(fragment)).toEqual({ ok: true, map });
    expect(await decodeShareFragment(`https://clashmap.app/${fragment}`)).toEqual({
      ok: true,
      map,
    });
    expect(await decodeShareFragment(fragment.slice(1))).toEqual({ ok: true, map });
  });

  it('makes a link under 12 KB for a realistic 100-node map', async () => {
    for (const seed of [1, 2, 3]) {
      const map = generatedMap(100, seed);
      expect(parseMap(serializeMap(map)).ok).toBe(true);
      const fragment = await fragmentOf(map);
      expect(fragment.length).toBeLessThan(12 * 1024);
      expect(await decodeShareFragment(fragment)).toEqual({ ok: true, map });
    }
  });

  it('refuses to make a link over 32 KB and says to share the file', async () => {
    // Text with no patterns left to compress: 50,000 characters from a 64-letter alphabet,
    // drawn with mulberry32.
    let seed = 42;
    const next = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .';
    const noise = Array.from({ length: 50_000 }, () => alphabet[Math.floor(next() * 64)]).join('');
    const map: ClashMap = {
      ...readArticleMap(),
      sources: [{ id: 'article', title: 'Noise', text: noise }],
    };
    map.nodes = map.nodes.map((n) => ({ ...n, evidence: [] }));
    const result = await encodeShareFragment(map);
    if (result.ok) throw new Error(`expected a refusal, got ${result.fragment.length} characters`);
    expect(result.error).toMatchObject({ kind: 'tooBigForLink', limit: SHARE_LINK_MAX_CHARS });
    expect(result.error.kind === 'tooBigForLink' && result.error.chars).toBeGreaterThan(
      SHARE_LINK_MAX_CHARS,
    );
    expect(result.error.message).toMatch(
      /^This map is too big for a link \(\d+ KB; a link holds at most 32 KB\)\. Share it as a file instead\.$/,
    );
  });

  it('round-trips generated valid maps (property, 1,000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(validMap, async (map) => {
        // A link holds exactly what the saved file holds (JSON, for instance, has no -0).
        const saved = parseMap(serializeMap(map));
        if (!saved.ok) throw new Error(`generated an invalid map: ${JSON.stringify(saved.error)}`);
        const fragment = await fragmentOf(map);
        expect(await decodeShareFragment(fragment)).toEqual({ ok: true, map: saved.map });
      }),
      { numRuns: 1000 },
    );
    // A thousand compress-and-decode round trips take seconds on a quiet machine; a busy shared
    // one (CI, or a build beside the tests) has taken over 30.
  }, 180_000);
});

describe('share links: refusals', () => {
  it('refuses text that is not a share link', async () => {
    for (const text of ['', '#', '#view=v1.abc', 'https://example.org/page']) {
      expect(failureOf(await decodeShareFragment(text)).kind).toBe('notAShareLink');
    }
    expect(failureOf(await decodeShareFragment('#map=abc')).message).toBe(
      'This share link is malformed: it should continue "#map=v1." and the map data.',
    );
  });

  it('refuses other versions, naming a newer one', async () => {
    const fragment = await fragmentOf(readArticleMap());
    const newer = failureOf(await decodeShareFragment(fragment.replace('#map=v1.', '#map=v2.')));
    expect(newer).toEqual({
      kind: 'unsupportedVersion',
      version: '2',
      message:
        'This link was made by a newer Clashmap (link version 2; this app reads version 1). Update Clashmap to open it.',
    });
    expect(failureOf(await decodeShareFragment('#map=v0.AAAA')).kind).toBe('unsupportedVersion');
  });

  it('refuses payloads that are not base64url', async () => {
    for (const payload of ['ab$c', 'abc+/', 'abcde', 'ab cd']) {
      expect(failureOf(await decodeShareFragment(`#map=v1.${payload}`)).kind).toBe('badEncoding');
    }
    expect(failureOf(await decodeShareFragment('#map=v1.')).kind).toBe('corrupt');
  });

  it('refuses a truncated link', async () => {
    const fragment = await fragmentOf(readArticleMap());
    for (const cut of [20, 200, fragment.length - 40]) {
      const error = failureOf(await decodeShareFragment(fragment.slice(0, cut)));
      expect(['corrupt', 'badEncoding']).toContain(error.kind);
    }
    const error = failureOf(await decodeShareFragment(fragment.slice(0, fragment.length - 40)));
    expect(error.message).toMatch(/^This link cannot be opened: the link is damaged or cut short/);
  });

  it('refuses corrupted compressed data', async () => {
    const fragment = await fragmentOf(readArticleMap());
    const bytes = fromBase64Url(fragment.slice('#map=v1.'.length))!;
    bytes[10] = bytes[10]! ^ 0xff;
    bytes[11] = bytes[11]! ^ 0x55;
    const error = failureOf(await decodeShareFragment(`#map=v1.${toBase64Url(bytes)}`));
    expect(['corrupt', 'invalidMap']).toContain(error.kind);
    const garbage = failureOf(await decodeShareFragment('#map=v1.____________'));
    expect(garbage.kind).toBe('corrupt');
  });

  it('refuses data that is not UTF-8, not JSON, or not a valid map', async () => {
    const notUtf8 = failureOf(
      await decodeShareFragment(await fragmentWithPayload(new Uint8Array([0x7b, 0xff, 0xfe]))),
    );
    expect(notUtf8).toEqual({
      kind: 'corrupt',
      message: 'This link cannot be opened: its data is not UTF-8 text.',
    });
    const notJson = failureOf(
      await decodeShareFragment(await fragmentWithPayload(new TextEncoder().encode('hello'))),
    );
    expect(notJson.kind === 'invalidMap' && notJson.error.kind).toBe('notJson');
    const doc = validDoc();
    doc.edges.push({ id: 'loop', from: 'pos', to: 'pos', kind: 'support' });
    const invalid = failureOf(
      await decodeShareFragment(
        await fragmentWithPayload(new TextEncoder().encode(JSON.stringify(doc))),
      ),
    );
    expect(invalid.kind === 'invalidMap' && invalid.error.issues).toEqual([
      { path: 'edges[1]', message: 'connects node "pos" to itself' },
    ]);
    expect(invalid.message).toBe(
      'The map in this link is not valid. This map file has a problem.\nedges[1]: connects node "pos" to itself',
    );
  });

  it('says what is wrong with the map in a link and where, listing at most five problems', async () => {
    const doc = validDoc();
    doc.nodes[0]!.text = 'x'.repeat(2_001);
    const one = failureOf(
      await decodeShareFragment(
        await fragmentWithPayload(new TextEncoder().encode(JSON.stringify(doc))),
      ),
    );
    expect(one.message.split('\n')).toEqual([
      'The map in this link is not valid. This map file has a problem.',
      'nodes[0].text: is longer than 2,000 characters',
    ]);
    for (let i = 0; i < 7; i++)
      doc.edges.push({ id: `e${i + 2}`, from: 'claim', to: 'pos', kind: 'attack' });
    const many = failureOf(
      await decodeShareFragment(
        await fragmentWithPayload(new TextEncoder().encode(JSON.stringify(doc))),
      ),
    );
    const lines = many.message.split('\n');
    expect(lines[0]).toBe('The map in this link is not valid. This map file has 8 problems.');
    expect(lines.slice(1, 3)).toEqual([
      'nodes[0].text: is longer than 2,000 characters',
      'edges[1].kind: must be "support", "rebuttal", "extends", "turns", "cross-applies", "premise", "concludes", "undercut" or "contrary", not the text "attack"',
    ]);
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe('…and 3 more');
  });

  it('stops inflating a decompression bomb as soon as it passes 10 MB', async () => {
    const bomb = await deflateRaw(new Uint8Array(50 * 1024 * 1024).fill(0x20));
    expect(bomb.length).toBeLessThan(100_000);
    // That it stops early is checked by how much it inflated (below), not by a clock: a timed
    // assertion fails on a busy machine whatever the code does.
    const error = failureOf(await decodeShareFragment(`#map=v1.${toBase64Url(bomb)}`));
    expect(error).toEqual({
      kind: 'tooLarge',
      message: 'This link cannot be opened: the map in this link is larger than 10 MB.',
    });
    // It read just past the limit (one chunk), never the 50 MB the data would become.
    const inflated = await inflateRawLimited(bomb, SHARE_LINK_MAX_MAP_BYTES);
    expect(inflated.ok).toBe(false);
    if (!inflated.ok) {
      expect(inflated.reason).toBe('tooLarge');
      expect(inflated.produced).toBeGreaterThan(SHARE_LINK_MAX_MAP_BYTES);
      expect(inflated.produced).toBeLessThan(SHARE_LINK_MAX_MAP_BYTES + 1024 * 1024);
    }
  });

  it('refuses a fragment too long to be a link before decoding anything', async () => {
    const error = failureOf(await decodeShareFragment(`#map=v1.${'A'.repeat(3 * 1024 * 1024)}`));
    expect(error.kind).toBe('tooLarge');
  });
});

describe('base64url', () => {
  it('round-trips bytes of every length', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) % 256);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    expect(fromBase64Url('AA==')).toEqual(new Uint8Array([0]));
  });
});

// ---------------------------------------------------------------------------------------------
// Generated valid maps for the property test.

const MAX = 24;
const idArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,15}$/);
const prose = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: max })
    .filter((s) => s.length <= max && textProblem(s) === null);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const validMap: fc.Arbitrary<ClashMap> = fc
  .record({
    ids: fc.uniqueArray(idArb, { minLength: 2, maxLength: MAX }),
    title: prose(60),
    description: optional(prose(120)),
    sourceText: prose(300),
    nodes: fc.array(
      fc.record({
        text: prose(100),
        position: fc.boolean(),
        span: optional(fc.tuple(fc.nat(300), fc.integer({ min: 1, max: 40 }), prose(30))),
        tags: optional(fc.array(prose(12), { maxLength: 3 })),
        notes: optional(fc.string({ maxLength: 40 }).filter((s) => textProblem(s) === null)),
        at: optional(
          fc.record({
            x: fc.integer({ min: -500, max: 500 }),
            y: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          }),
        ),
      }),
      { minLength: MAX, maxLength: MAX },
    ),
    links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 30 }),
  })
  .map(({ ids, title, description, sourceText, nodes: drafts, links }) => {
    const [sourceId, ...rest] = ids as [string, ...string[]];
    const nodeCount = Math.ceil(rest.length / 2);
    const nodes: MapNode[] = rest.slice(0, nodeCount).map((id, i) => {
      const draft = drafts[i]!;
      const node: MapNode = {
        id,
        kind: draft.position ? 'position' : 'claim',
        text: draft.text,
        evidence: [],
      };
      if (draft.span) {
        const [from, length, speaker] = draft.span;
        const start = from % sourceText.length;
        const quote = sourceText.slice(start, start + length);
        if (quote !== '' && textProblem(quote) === null) {
          node.evidence.push({
            id: `q${i + 1}`,
            sourceId,
            quote,
            start,
            end: start + quote.length,
            speaker,
          });
        }
      }
      if (draft.tags) node.tags = draft.tags;
      if (draft.notes !== undefined) node.notes = draft.notes;
      if (draft.at) node.position = draft.at;
      return node;
    });
    const edges: Edge[] = [];
    const edgeIds = rest.slice(nodeCount);
    const seen = new Set<string>();
    for (const [a, b, support] of links) {
      if (edges.length >= edgeIds.length) break;
      const from = nodes[a % nodes.length]!.id;
      const to = nodes[b % nodes.length]!.id;
      const kind = support ? 'support' : 'rebuttal';
      if (from === to || seen.has(`${from} ${to} ${kind}`)) continue;
      seen.add(`${from} ${to} ${kind}`);
      edges.push({ id: edgeIds[edges.length]!, from, to, kind });
    }
    const map: ClashMap = {
      format: 'clashmap',
      version: 5,
      title,
      sources: [{ id: sourceId, title: 'Transcript', text: sourceText }],
      nodes,
      edges,
    };
    if (description !== undefined) map.description = description;
    return map;
  });
