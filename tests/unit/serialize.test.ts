import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { serializeMap } from '../../src/io/serialize';
import { emptyMap, type ClashMap } from '../../src/model/map';
import { ARTICLE_MAP_PATH, allFieldsMap, parseSuccess, readArticleMap } from './helpers/maps';

/** A deep copy with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeys(inner)]),
  );
}

const V1_FIXTURE = 'tests/fixtures/format-v1.clashmap.json';

describe('serializeMap', () => {
  it('writes the same bytes for the same map, every time', () => {
    const map = allFieldsMap();
    expect(serializeMap(map)).toBe(serializeMap(map));
    expect(serializeMap(structuredClone(map))).toBe(serializeMap(map));
  });

  it('writes the same bytes whatever order the keys were in', () => {
    const reversed = reverseKeys(allFieldsMap()) as ClashMap;
    expect(Object.keys(reversed)[0]).toBe('round');
    expect(serializeMap(reversed)).toBe(serializeMap(allFieldsMap()));
  });

  it('writes an empty map exactly so: 2-space indent, fixed key order, trailing newline', () => {
    expect(serializeMap(emptyMap('Empty'))).toBe(
      '{\n  "format": "clashmap",\n  "version": 5,\n  "title": "Empty",\n  "sources": [],\n  "nodes": [],\n  "edges": []\n}\n',
    );
  });

  it('ends with exactly one newline and indents every level by two spaces', () => {
    const text = serializeMap(allFieldsMap());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    for (const line of text.split('\n')) {
      const indent = /^ */.exec(line)![0].length;
      expect(indent % 2).toBe(0);
    }
    expect(text).toContain('\n  "nodes": [\n    {\n      "id": "pos-coop",\n');
    expect(text).not.toContain('\t"');
  });

  it('writes keys in the documented order', () => {
    const doc = JSON.parse(serializeMap(reverseKeys(allFieldsMap()) as ClashMap));
    expect(Object.keys(doc)).toEqual([
      'format',
      'version',
      'title',
      'description',
      'sources',
      'nodes',
      'edges',
      'round',
    ]);
    expect(Object.keys(doc.round)).toEqual(['format', 'aff', 'neg']);
    expect(Object.keys(doc.nodes[1])).toEqual([
      'id',
      'kind',
      'text',
      'evidence',
      'position',
      'tags',
      'notes',
      'side',
      'speech',
      'sheet',
      'conceded',
    ]);
    expect(Object.keys(doc.sources[0])).toEqual([
      'id',
      'title',
      'author',
      'publisher',
      'published',
      'url',
      'text',
    ]);
    expect(Object.keys(doc.nodes[0])).toEqual([
      'id',
      'kind',
      'text',
      'evidence',
      'position',
      'tags',
      'notes',
      'side',
      'speech',
    ]);
    expect(Object.keys(doc.nodes[0].evidence[0])).toEqual([
      'id',
      'sourceId',
      'quote',
      'start',
      'end',
      'speaker',
    ]);
    expect(Object.keys(doc.nodes[0].position)).toEqual(['x', 'y']);
    expect(Object.keys(doc.edges[0])).toEqual(['id', 'from', 'to', 'kind', 'note']);
  });

  it('leaves out optional fields that are absent or undefined, and keeps empty ones', () => {
    const map = allFieldsMap();
    map.description = undefined;
    const node = map.nodes[1]!;
    node.position = undefined;
    const doc = JSON.parse(serializeMap(map));
    expect(doc).not.toHaveProperty('description');
    expect(doc.nodes[1]).not.toHaveProperty('position');
    expect(doc.nodes[1].tags).toEqual([]);
    expect(doc.nodes[1].notes).toBe('');
    expect(doc.sources[1]).toEqual({
      id: 'book',
      title: 'A book nobody quotes',
      published: '2024-02',
    });
  });

  it('writes only the fields of the format, never extra properties a map object picked up', () => {
    const map = allFieldsMap();
    Object.assign(map, { selected: ['pos-coop'] });
    Object.assign(map.nodes[0]!, { measured: { width: 200, height: 80 } });
    Object.assign(map.nodes[0]!.position!, { z: 3 });
    expect(serializeMap(map)).toBe(serializeMap(allFieldsMap()));
  });

  it('keeps astral characters, CRLF and tabs as they are', () => {
    const map = allFieldsMap();
    const text = serializeMap(map);
    expect(text).toContain('🇲🇽');
    expect(text).toContain('\\r\\n');
    expect(text).toContain('\\t');
    expect(parseSuccess(text).sources[0]!.text).toBe(map.sources[0]!.text);
  });
});

describe('parseMap(serializeMap(map)) gives the map back', () => {
  it('for the map that sets every optional field', () => {
    const map = allFieldsMap();
    expect(parseSuccess(serializeMap(map))).toStrictEqual(map);
  });

  it('for the shipped article map', () => {
    const map = readArticleMap();
    expect(parseSuccess(serializeMap(map))).toStrictEqual(map);
  });

  it('for the frozen version-1 fixture', () => {
    const map = parseSuccess(readFileSync(V1_FIXTURE, 'utf8'));
    expect(parseSuccess(serializeMap(map))).toStrictEqual(map);
  });
});

describe('the shipped article map is in canonical form', () => {
  // If this fails, the file was edited by hand: re-write it with serializeMap(parseMap(file)).
  it('serializing the article map reproduces the shipped file byte for byte', () => {
    const text = readFileSync(ARTICLE_MAP_PATH, 'utf8');
    const result = parseMap(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(serializeMap(result.map)).toBe(text);
  });
});

describe('an argument’s scheme', () => {
  it('is written to the file and read back', () => {
    const text = readFileSync('tests/fixtures/format-v5.clashmap.json', 'utf8');
    const parsed = parseMap(text);
    if (!parsed.ok) throw new Error('the v5 fixture should parse');
    const again = parseMap(serializeMap(parsed.map));
    if (!again.ok) throw new Error('the saved map should parse');
    const schemes = (m: typeof parsed.map) =>
      m.nodes.flatMap((n) => (n.kind === 'argument' ? [[n.id, n.scheme]] : []));
    expect(schemes(again.map)).toEqual([
      ['arg-labs', 'Cause to Effect'],
      ['arg-demand', undefined],
    ]);
  });
});

describe('serializeMap, written from cached record texts', () => {
  /** The file text as one JSON.stringify of the whole document writes it. */
  const wholeText = (map: ClashMap) =>
    `${JSON.stringify(JSON.parse(serializeMap(structuredClone(map))), null, 2)}\n`;

  it('writes every fixture byte for byte as one JSON.stringify of the document would', () => {
    const maps = [allFieldsMap(), readArticleMap(), emptyMap('Empty')];
    for (const file of ['format-v5.clashmap.json', 'format-v4.clashmap.json']) {
      maps.push(parseSuccess(readFileSync(`tests/fixtures/${file}`, 'utf8')));
    }
    for (const map of maps) expect(serializeMap(map)).toBe(wholeText(map));
  });

  it('writes an edited record afresh and keeps the others, after the map was written once', () => {
    const map = readArticleMap();
    const before = serializeMap(map);
    const [first, ...rest] = map.nodes;
    const edited: ClashMap = {
      ...map,
      nodes: [{ ...first!, text: 'Edited “text”\nwith a line break' }, ...rest],
      edges: map.edges.slice(1),
      sources: [],
    };
    const after = serializeMap(edited);
    expect(after).not.toBe(before);
    expect(after).toContain('"text": "Edited “text”\\nwith a line break"');
    expect(after).toBe(wholeText(edited));
    expect(JSON.parse(after)).toEqual(JSON.parse(wholeText(edited)));
    // The original map still writes what it wrote.
    expect(serializeMap(map)).toBe(before);
  });

  it('writes a title that looks like a record array as text', () => {
    const map = { ...allFieldsMap(), title: '\u0000clashmap:nodes\u0000' };
    const text = serializeMap(map);
    expect((JSON.parse(text) as { title: string }).title).toBe('\u0000clashmap:nodes\u0000');
    expect(text).toBe(wholeText(map));
  });
});
