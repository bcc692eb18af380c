import { describe, expect, it, vi } from 'vitest';
import { decodeMapBytes } from '../../src/io/decode';
import { parseMap } from '../../src/io/parse';
import { parseErrorLines } from '../../src/io/parseError';
import { FRESH_ID_RANDOM_CHARS, ID_PATTERN, freshId } from '../../src/model/ids';
import { LIMITS } from '../../src/model/limits';
import { emptyMap } from '../../src/model/map';
import { createClashmapStore } from '../../src/store/store';
import { fileWith, parseFailure, parseSuccess, validDoc } from './helpers/maps';

/** Every line a user reads for a refused file. */
const linesFor = (text: string) => parseErrorLines(parseFailure(text));

const EMOJI = '\u{1F600}'; // one character, two UTF-16 code units

describe('text limits count UTF-16 code units, as the file format says', () => {
  it('refuses 1,001 emoji (2,002 code units) in a node’s text, whose limit is 2,000', () => {
    expect(linesFor(fileWith((d) => (d.nodes[0]!.text = EMOJI.repeat(1_001))))).toEqual([
      'This map file has a problem.',
      'nodes[0].text: is longer than 2,000 characters',
    ]);
  });

  it('accepts 1,000 emoji (exactly 2,000 code units)', () => {
    const map = parseSuccess(fileWith((d) => (d.nodes[0]!.text = EMOJI.repeat(1_000))));
    expect(map.nodes[0]!.text).toHaveLength(LIMITS.nodeTextLength);
  });

  it('counts code units in every limited field: title, tag, speaker, source field, URL', () => {
    const lines = linesFor(
      fileWith((d) => {
        d.title = EMOJI.repeat(251);
        d.nodes[0]!.tags = [EMOJI.repeat(41)];
        d.nodes[1]!.evidence[0]!.speaker = EMOJI.repeat(151);
        d.sources[0]!.author = EMOJI.repeat(251);
        d.sources[0]!.url = `https://example.org/${EMOJI.repeat(1_020)}`;
      }),
    );
    expect(lines).toEqual([
      'This map file has 5 problems.',
      'title: is longer than 500 characters',
      'sources[0].author: is longer than 500 characters',
      'sources[0].url: is longer than 2,048 characters',
      'nodes[0].tags[0]: is longer than 80 characters',
      'nodes[1].evidence[0].speaker: is longer than 300 characters',
    ]);
  });

  it('the app refuses an edit of 1,001 emoji the same way, and keeps the node as it was', () => {
    const store = createClashmapStore(emptyMap('Limits'));
    const id = store.getState().addNode('claim', { x: 0, y: 0 });
    const before = store.getState().map;
    store.getState().updateNode(id, { text: EMOJI.repeat(1_001) });
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice?.text).toBe('The text is longer than 2,000 characters.');
  });
});

describe('duplicate keys', () => {
  it('are refused with the object that has them, not silently resolved to the last', () => {
    const text = fileWith(() => {}).replace(
      '"text": "Mexico will not be subordinated"',
      '"text": "Mexico will not be subordinated",\n      "text": "Mexico agrees"',
    );
    expect(linesFor(text)).toEqual([
      'This map file has a problem.',
      'nodes[1]: the key "text" appears twice',
    ]);
  });

  it('are found at the top level, deep inside a list, and when written with escapes', () => {
    const top = JSON.stringify(validDoc()).replace('"title":', '"title":"One","title":');
    expect(linesFor(top)).toEqual([
      'This map file has a problem.',
      'the key "title" appears twice in the file\'s top-level object',
    ]);
    const deep = JSON.stringify(validDoc()).replace('"speaker":', '"sp\\u0065aker":"X","speaker":');
    expect(linesFor(deep)).toEqual([
      'This map file has a problem.',
      'nodes[1].evidence[0]: the key "speaker" appears twice',
    ]);
  });

  it('are allowed in different objects, and strings that look like keys are only values', () => {
    const doc = validDoc();
    doc.nodes[0]!.text = '"text": "x", {"id": [1, 2]} \\"';
    doc.nodes[0]!.tags = ['id', 'id'];
    expect(parseSuccess(JSON.stringify(doc))).toStrictEqual(doc);
  });
});

describe('byte order marks', () => {
  const file = fileWith(() => {});

  it('one is accepted, in text and in bytes', () => {
    expect(parseSuccess(`\uFEFF${file}`)).toStrictEqual(validDoc());
    const bytes = new TextEncoder().encode(`\uFEFF${file}`);
    const decoded = decodeMapBytes(bytes);
    expect(decoded.ok && parseMap(decoded.text).ok).toBe(true);
  });

  it('two are refused with a message that names them, in text and in bytes', () => {
    const expected = [
      'This map file has a problem.',
      'the file starts with two byte order marks (U+FEFF); remove the extra one and open it again',
    ];
    expect(linesFor(`\uFEFF\uFEFF${file}`)).toEqual(expected);
    const decoded = decodeMapBytes(new TextEncoder().encode(`\uFEFF\uFEFF${file}`));
    const result = decoded.ok ? parseMap(decoded.text) : decoded;
    expect(!result.ok && parseErrorLines(result.error)).toEqual(expected);
  });
});

describe('source URLs', () => {
  const urlLine = (url: string) => {
    const lines = linesFor(fileWith((d) => (d.sources[0]!.url = url)));
    expect(lines).toHaveLength(2);
    return lines[1];
  };

  it('refuses a user name or password before the host', () => {
    expect(urlLine('https://a.com@b.example/')).toBe(
      'sources[0].url: has a user name or password before the host (the "@" hides where the link really goes)',
    );
    expect(urlLine('http://user:secret@example.org/')).toMatch(/^sources\[0\]\.url: has a user/);
  });

  it('refuses an address with no host, which the URL parser would read as a host', () => {
    expect(urlLine('https:///etc/passwd')).toBe('sources[0].url: has no host name after the "//"');
    expect(urlLine('http://?q=1')).toBe('sources[0].url: has no host name after the "//"');
  });

  it('names a space and where it is', () => {
    expect(urlLine('https://a b.example/')).toBe(
      'sources[0].url: contains a space at character 10',
    );
    expect(urlLine('https://example.org/x\ty')).toBe(
      'sources[0].url: contains a tab at character 22',
    );
    expect(urlLine('https://exa\u200bmple.org/')).toBe(
      'sources[0].url: contains an invisible character (U+200B) at character 12',
    );
  });

  it('still accepts an ordinary address, with an "@" after the host', () => {
    const map = parseSuccess(
      fileWith((d) => (d.sources[0]!.url = 'https://example.org/people/@sheinbaum?a=b#c')),
    );
    expect(map.sources[0]!.url).toBe('https://example.org/people/@sheinbaum?a=b#c');
  });
});

describe('freshId', () => {
  it('has the readable prefix and 20 base-36 characters: over 96 random bits', () => {
    const id = freshId('claim', new Set());
    expect(id).toMatch(/^claim-[0-9a-z]{20}$/);
    expect(id).toMatch(ID_PATTERN);
    expect(FRESH_ID_RANDOM_CHARS * Math.log2(36)).toBeGreaterThanOrEqual(96);
    expect(freshId('pos', new Set())).toMatch(/^pos-[0-9a-z]{20}$/);
    expect(freshId('e', new Set())).toMatch(/^e-[0-9a-z]{20}$/);
  });

  it('draws from crypto.getRandomValues', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    freshId('claim', new Set());
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('gives 10,000 distinct ids, with every character of the random part varying', () => {
    const ids = Array.from({ length: 10_000 }, () => freshId('claim', new Set()));
    expect(new Set(ids).size).toBe(10_000);
    // Each position of the random part takes many values across the ids (none is fixed).
    for (let k = 0; k < FRESH_ID_RANDOM_CHARS; k++) {
      expect(new Set(ids.map((id) => id['claim-'.length + k])).size).toBe(36);
    }
  });

  it('skips an id that is taken', () => {
    const zeros = `claim-${'0'.repeat(FRESH_ID_RANDOM_CHARS)}`;
    const spy = vi
      .spyOn(globalThis.crypto, 'getRandomValues')
      .mockImplementationOnce((array) => {
        (array as unknown as Uint8Array).fill(0);
        return array;
      })
      .mockImplementationOnce((array) => {
        (array as unknown as Uint8Array).fill(1);
        return array;
      });
    expect(freshId('claim', new Set([zeros]))).toBe(`claim-${'1'.repeat(FRESH_ID_RANDOM_CHARS)}`);
    spy.mockRestore();
  });
});
