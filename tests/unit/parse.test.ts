import { describe, expect, it } from 'vitest';
import { MAX_REPORTED_ISSUES, parseMap } from '../../src/io/parse';
import { parseErrorLines } from '../../src/io/parseError';
import { LIMITS } from '../../src/model/limits';
import { CURRENT_VERSION } from '../../src/model/map';
import {
  SOURCE_TEXT,
  allFieldsMap,
  fileWith,
  parseFailure,
  parseSuccess,
  validDoc,
  type Doc,
  type Fields,
} from './helpers/maps';

/** The kind, and every line a user sees, for a file that must be refused. */
function refusal(text: string) {
  const error = parseFailure(text);
  return { kind: error.kind, lines: parseErrorLines(error) };
}

/** For a file with exactly one problem: the kind and the one issue line under the headline. */
function oneProblem(text: string) {
  const { kind, lines } = refusal(text);
  expect(lines[0]).toBe('This map file has a problem.');
  expect(lines).toHaveLength(2);
  return { kind, line: lines[1] };
}

describe('parseMap accepts', () => {
  it('the smallest map there is', () => {
    const text =
      '{"format":"clashmap","version":1,"title":"Empty","sources":[],"nodes":[],"edges":[]}';
    expect(parseSuccess(text)).toStrictEqual({
      format: 'clashmap',
      version: 5,
      title: 'Empty',
      sources: [],
      nodes: [],
      edges: [],
    });
  });

  it('a small map with a quote and an edge, exactly as written', () => {
    expect(parseSuccess(fileWith(() => {}))).toStrictEqual(validDoc());
  });

  it('a map that sets every optional field, exactly as written', () => {
    expect(parseSuccess(JSON.stringify(allFieldsMap()))).toStrictEqual(allFieldsMap());
  });

  it('a file that starts with a byte order mark', () => {
    expect(parseSuccess(`\uFEFF${fileWith(() => {})}`)).toStrictEqual(validDoc());
  });

  it('ids such as "constructor" and "toString", which are only names', () => {
    const map = parseSuccess(
      fileWith((doc) => {
        doc.nodes[0]!.id = 'constructor';
        doc.nodes[1]!.id = 'toString';
        doc.edges[0] = {
          id: 'hasOwnProperty',
          from: 'toString',
          to: 'constructor',
          kind: 'rebuttal',
        };
      }),
    );
    expect(map.nodes.map((n) => n.id)).toEqual(['constructor', 'toString']);
  });

  it('a published date on 29 February of a leap year, and a year-month date', () => {
    expect(
      parseSuccess(fileWith((doc) => (doc.sources[0]!.published = '2024-02-29'))).sources[0]!
        .published,
    ).toBe('2024-02-29');
    expect(
      parseSuccess(fileWith((doc) => (doc.sources[0]!.published = '2000-02'))).sources[0]!
        .published,
    ).toBe('2000-02');
  });

  it(`exactly ${LIMITS.nodes.toLocaleString('en-US')} nodes`, () => {
    const map = parseSuccess(
      fileWith((doc) => {
        doc.nodes = Array.from({ length: LIMITS.nodes }, (_, i) => ({
          id: `n${i}`,
          kind: 'claim',
          text: 'x',
          evidence: [],
        }));
        doc.edges = [];
      }),
    );
    expect(map.nodes).toHaveLength(LIMITS.nodes);
  });
});

describe('parseMap refuses text that is not JSON', () => {
  it('an empty file', () => {
    const error = parseFailure('');
    expect(error).toMatchObject({ kind: 'notJson', line: 1, column: 1 });
    expect(parseErrorLines(error)).toEqual([
      'This file is not valid JSON (line 1, column 1).',
      'line 1, column 1: the file is empty',
    ]);
  });

  it('plain text', () => {
    const error = parseFailure('hello');
    expect(error).toMatchObject({ kind: 'notJson', line: 1, column: 1 });
    expect(parseErrorLines(error)).toEqual([
      'This file is not valid JSON (line 1, column 1).',
      'line 1, column 1: unexpected "h" where a value was expected',
    ]);
  });

  it('a mistake on a later line, located by line and column', () => {
    const error = parseFailure('{\n  "format": "clashmap",\n  "version": tru\n}');
    expect(error).toMatchObject({ kind: 'notJson', line: 3, column: 14 });
    expect(parseErrorLines(error)).toEqual([
      'This file is not valid JSON (line 3, column 14).',
      'line 3, column 14: unexpected "t" where a value was expected',
    ]);
  });

  it('Windows line endings do not shift the column', () => {
    const error = parseFailure('{\r\n  "a": 1,\r\n  "b": ?\r\n}');
    expect(error).toMatchObject({ kind: 'notJson', line: 3, column: 8 });
  });

  it('a file cut off in the middle of an object', () => {
    expect(refusal('{\n  "format": "clashmap",\n  "version": 1')).toEqual({
      kind: 'notJson',
      lines: [
        'This file is not valid JSON (line 3, column 15).',
        'line 3, column 15: the file ends before the object is closed (truncated?)',
      ],
    });
  });

  it('a file cut off in the middle of a string', () => {
    expect(refusal('{"title": "Strik')).toEqual({
      kind: 'notJson',
      lines: [
        'This file is not valid JSON (line 1, column 17).',
        'line 1, column 17: the file ends inside a string',
      ],
    });
  });

  it('a trailing comma', () => {
    expect(refusal('{\n  "nodes": [1, 2,]\n}')).toEqual({
      kind: 'notJson',
      lines: [
        'This file is not valid JSON (line 2, column 18).',
        'line 2, column 18: trailing comma before "]"',
      ],
    });
  });

  it('single-quoted keys and values', () => {
    expect(refusal("{'format': 'clashmap'}").lines).toEqual([
      'This file is not valid JSON (line 1, column 2).',
      `line 1, column 2: expected a key in double quotes but found "'"`,
    ]);
    expect(refusal(`{"format": 'clashmap'}`).lines).toEqual([
      'This file is not valid JSON (line 1, column 12).',
      'line 1, column 12: strings must use double quotes, not single quotes',
    ]);
  });

  it('a line break inside a string', () => {
    expect(refusal('{"title": "two\nlines"}').lines).toEqual([
      'This file is not valid JSON (line 1, column 15).',
      'line 1, column 15: a string contains a raw control character or line break (missing closing quote?)',
    ]);
  });

  it('two documents one after the other', () => {
    expect(refusal('{}\n{}').lines).toEqual([
      'This file is not valid JSON (line 2, column 1).',
      'line 2, column 1: unexpected "{" after the end of the data',
    ]);
  });
});

describe('parseMap refuses JSON that is not a Clashmap map', () => {
  it.each([
    ['a list', '[]', 'the file holds a list, not a map object'],
    ['a string', '"clashmap"', 'the file holds the text "clashmap", not a map object'],
    ['a number', '42', 'the file holds the number 42, not a map object'],
    ['null', 'null', 'the file holds null, not a map object'],
  ])('a file that holds %s', (_, text, line) => {
    expect(refusal(text)).toEqual({
      kind: 'notAClashmap',
      lines: ['This is not a Clashmap map file.', line],
    });
  });

  it('an object without "format"', () => {
    const error = parseFailure('{"title": "Strikes", "nodes": []}');
    expect(error.kind).toBe('notAClashmap');
    expect(error).not.toHaveProperty('recognizedAs');
    expect(parseErrorLines(error)).toEqual([
      'This is not a Clashmap map file.',
      'format: is missing; a map file has "format": "clashmap"',
    ]);
  });

  it('another format name', () => {
    expect(refusal(fileWith((doc) => (doc.format = 'argdown')))).toEqual({
      kind: 'notAClashmap',
      lines: ['This is not a Clashmap map file.', 'format: is the text "argdown", not "clashmap"'],
    });
  });

  it.each([
    [
      'Excalidraw',
      {
        type: 'excalidraw',
        version: 2,
        source: 'https://excalidraw.com',
        elements: [],
        appState: {},
        files: {},
      },
      'This looks like an Excalidraw file, not a Clashmap map.',
    ],
    [
      'tldraw',
      { tldrawFileFormatVersion: 1, schema: { schemaVersion: 2, sequences: {} }, records: [] },
      'This looks like a tldraw file, not a Clashmap map.',
    ],
    [
      'AIF (Argument Interchange Format)',
      {
        nodes: [{ nodeID: '1', text: 'Strikes work', type: 'I', timestamp: '' }],
        edges: [{ edgeID: '1', fromID: '1', toID: '2', formEdgeID: null }],
        locutions: [],
      },
      'This looks like an AIF (Argument Interchange Format) file, not a Clashmap map.',
    ],
    [
      'React Flow',
      {
        nodes: [{ id: '1', position: { x: 0, y: 0 }, data: { label: 'A' } }],
        edges: [{ id: 'e1', source: '1', target: '2' }],
        viewport: { x: 0, y: 0, zoom: 1 },
      },
      'This looks like a React Flow file, not a Clashmap map.',
    ],
  ])('a file from %s, named as such', (recognizedAs, doc, headline) => {
    const error = parseFailure(JSON.stringify(doc));
    expect(error).toMatchObject({ kind: 'notAClashmap', recognizedAs });
    expect(parseErrorLines(error)).toEqual([
      headline,
      'format: is missing; a map file has "format": "clashmap"',
    ]);
  });
});

describe('parseMap and format versions', () => {
  it('refuses a file made with a newer Clashmap, and says so', () => {
    const newer = CURRENT_VERSION + 1;
    const error = parseFailure(fileWith((doc) => (doc.version = newer)));
    expect(error).toMatchObject({ kind: 'versionTooNew', version: newer });
    expect(parseErrorLines(error)).toEqual([
      `This map was made with a newer Clashmap (format version ${newer}; this app reads up to ${CURRENT_VERSION}). Update Clashmap to open it.`,
      `version: is ${newer}; this Clashmap reads versions up to ${CURRENT_VERSION}`,
    ]);
  });

  it.each([
    ['0', 0, 'version: must be a whole number from 1 up, not the number 0'],
    ['negative', -1, 'version: must be a whole number from 1 up, not the number -1'],
    ['a fraction', 1.5, 'version: must be a whole number from 1 up, not the number 1.5'],
    ['text', '1', 'version: must be a whole number from 1 up, not the text "1"'],
    ['missing', undefined, 'version: is missing; it must be a whole number from 1 up'],
  ])('refuses a version that is %s', (_, version, line) => {
    expect(oneProblem(fileWith((doc) => (doc.version = version)))).toEqual({
      kind: 'invalidContent',
      line,
    });
  });
});

describe('parseMap refuses files too big to be maps', () => {
  it('a file over the size limit, before reading any of it', () => {
    const text = `{"format":"clashmap"}${' '.repeat(LIMITS.fileBytes)}`;
    expect(refusal(text)).toEqual({
      kind: 'tooLarge',
      lines: ['This file is too large to open.', 'the file is larger than the 10 MB limit'],
    });
  });

  it('too many nodes', () => {
    const text = fileWith((doc) => {
      doc.nodes = Array.from({ length: LIMITS.nodes + 1 }, (_, i) => ({
        id: `n${i}`,
        kind: 'claim',
        text: 'x',
        evidence: [],
      }));
    });
    expect(oneProblem(text)).toEqual({
      kind: 'invalidContent',
      line: `nodes: has ${(LIMITS.nodes + 1).toLocaleString('en-US')} entries; a map may have at most ${LIMITS.nodes.toLocaleString('en-US')}`,
    });
  });

  it('too many edges', () => {
    const text = fileWith((doc) => {
      doc.edges = Array.from({ length: LIMITS.edges + 1 }, (_, i) => ({
        id: `e${i}`,
        from: 'claim',
        to: 'pos',
        kind: 'support',
      }));
    });
    expect(oneProblem(text)).toEqual({
      kind: 'invalidContent',
      line: 'edges: has 20,001 entries; a map may have at most 20,000',
    });
  });

  it('too many quotes on one node, and too many tags', () => {
    const quotes = fileWith((doc) => {
      const quote = doc.nodes[1]!.evidence[0]!;
      doc.nodes[1]!.evidence = Array.from({ length: LIMITS.evidencePerNode + 1 }, () => ({
        ...quote,
      }));
    });
    expect(oneProblem(quotes).line).toBe('nodes[1].evidence: has more than 50 quotes');
    const tags = fileWith((doc) => {
      doc.nodes[0]!.tags = Array.from({ length: LIMITS.tagsPerNode + 1 }, (_, i) => `t${i}`);
    });
    expect(oneProblem(tags).line).toBe('nodes[0].tags: has more than 30 tags');
  });

  it('nesting far deeper than any map, without overflowing the stack', () => {
    const depth = 100_000;
    const text = fileWith((doc) => (doc.title = '@deep')).replace(
      '"@deep"',
      `${'['.repeat(depth)}${']'.repeat(depth)}`,
    );
    expect(oneProblem(text)).toEqual({
      kind: 'invalidContent',
      line: `title${'[0]'.repeat(31)}: is nested more than 32 levels deep, far deeper than any map needs`,
    });
  });

  it(`reports at most ${MAX_REPORTED_ISSUES} problems, then says how many more there are`, () => {
    const text = fileWith((doc) => {
      doc.nodes = Array.from({ length: 150 }, (_, i) => ({
        id: `n${i}`,
        kind: 'claim',
        text: '',
        evidence: [],
      }));
      doc.edges = [];
    });
    const { kind, lines } = refusal(text);
    expect(kind).toBe('invalidContent');
    expect(lines).toHaveLength(1 + MAX_REPORTED_ISSUES + 1);
    expect(lines[0]).toBe('This map file has 150 problems.');
    expect(lines[1]).toBe('nodes[0].text: must not be empty');
    expect(lines[MAX_REPORTED_ISSUES]).toBe('nodes[99].text: must not be empty');
    expect(lines.at(-1)).toBe('…and 50 more problems');
  });

  it('does not add a summary line when every problem is shown', () => {
    const text = fileWith((doc) => {
      doc.nodes = Array.from({ length: MAX_REPORTED_ISSUES }, (_, i) => ({
        id: `n${i}`,
        kind: 'claim',
        text: '',
        evidence: [],
      }));
      doc.edges = [];
    });
    const { lines } = refusal(text);
    expect(lines[0]).toBe('This map file has 100 problems.');
    expect(lines).toHaveLength(1 + MAX_REPORTED_ISSUES);
    expect(lines.at(-1)).toBe('nodes[99].text: must not be empty');
  });
});

describe('parseMap refuses keys that reach for the prototype', () => {
  const polluted = () => Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');

  it('"__proto__" at the top of the file', () => {
    const text = fileWith(() => {}).replace('{', '{"__proto__": {"polluted": true},');
    expect(oneProblem(text)).toEqual({
      kind: 'invalidContent',
      line: 'the file has the key "__proto__", which is never allowed',
    });
    expect(polluted()).toBe(false);
    expect(({} as Fields).polluted).toBeUndefined();
  });

  it('"constructor" inside a node and "prototype" inside a source', () => {
    const text = fileWith(() => {}).replace(
      '"id": "claim",',
      '"id": "claim", "constructor": {"prototype": {"polluted": true}},',
    );
    expect(oneProblem(text)).toEqual({
      kind: 'invalidContent',
      line: 'nodes[1]: has the key "constructor", which is never allowed',
    });
    const nested = fileWith(() => {}).replace(
      '"id": "article",',
      '"id": "article", "prototype": {"polluted": true},',
    );
    expect(oneProblem(nested).line).toBe(
      'sources[0]: has the key "prototype", which is never allowed',
    );
    expect(polluted()).toBe(false);
    expect(({} as Fields).polluted).toBeUndefined();
  });
});

// Each file has exactly one thing wrong with it; the test names the line a user reads.
const INVALID_CONTENT: Array<{ name: string; change: (doc: Doc) => void; line: string }> = [
  // unknown fields
  {
    name: 'an unknown top-level field',
    change: (d) => (d.colour = 'red'),
    line: 'the map has an unknown field "colour"',
  },
  {
    name: 'an unknown node field',
    change: (d) => (d.nodes[0]!.color = 'red'),
    line: 'nodes[0]: has an unknown field "color"',
  },
  {
    name: 'an unknown evidence field',
    change: (d) => (d.nodes[1]!.evidence[0]!.page = 3),
    line: 'nodes[1].evidence[0]: has an unknown field "page"',
  },
  // wrong types
  {
    name: 'a title that is null',
    change: (d) => (d.title = null),
    line: 'title: must be text, not null',
  },
  {
    name: 'node text that is a number',
    change: (d) => (d.nodes[0]!.text = 5),
    line: 'nodes[0].text: must be text, not the number 5',
  },
  {
    name: 'nodes that are an object',
    change: (d) => (d.nodes = {} as Doc['nodes']),
    line: 'nodes: must be a list, not an object',
  },
  {
    name: 'an offset written as text',
    change: (d) => (d.nodes[1]!.evidence[0]!.start = '41'),
    line: 'nodes[1].evidence[0].start: must be a number, not the text "41"',
  },
  {
    name: 'a fractional offset',
    change: (d) => (d.nodes[1]!.evidence[0]!.start = 41.5),
    line: 'nodes[1].evidence[0].start: must be a whole number, not the number 41.5',
  },
  {
    name: 'a negative offset',
    change: (d) => (d.nodes[1]!.evidence[0]!.start = -1),
    line: 'nodes[1].evidence[0].start: must not be negative',
  },
  {
    name: 'an edge note that is true',
    change: (d) => (d.edges[0]!.note = true),
    line: 'edges[0].note: must be text, not true',
  },
  {
    name: 'tags that are text',
    change: (d) => (d.nodes[0]!.tags = 'a, b'),
    line: 'nodes[0].tags: must be a list, not the text "a, b"',
  },
  // missing required fields
  { name: 'no title', change: (d) => delete d.title, line: 'title: is missing' },
  { name: 'no nodes', change: (d) => delete (d as Fields).nodes, line: 'nodes: is missing' },
  {
    name: 'a node without text',
    change: (d) => delete d.nodes[0]!.text,
    line: 'nodes[0].text: is missing',
  },
  {
    name: 'a node without evidence',
    change: (d) => delete (d.nodes[0] as Fields).evidence,
    line: 'nodes[0].evidence: is missing',
  },
  {
    name: 'a quote without a speaker',
    change: (d) => delete d.nodes[1]!.evidence[0]!.speaker,
    line: 'nodes[1].evidence[0].speaker: is missing',
  },
  {
    name: 'an edge without "to"',
    change: (d) => delete d.edges[0]!.to,
    line: 'edges[0].to: is missing',
  },
  // empty text where text is required
  { name: 'an empty title', change: (d) => (d.title = ''), line: 'title: must not be empty' },
  {
    name: 'an empty speaker',
    change: (d) => (d.nodes[1]!.evidence[0]!.speaker = ''),
    line: 'nodes[1].evidence[0].speaker: must not be empty',
  },
  {
    name: 'an empty tag',
    change: (d) => (d.nodes[0]!.tags = ['ok', '']),
    line: 'nodes[0].tags[1]: must not be empty',
  },
  // enums
  {
    name: 'an unknown node kind',
    change: (d) => (d.nodes[0]!.kind = 'inference'),
    line: 'nodes[0].kind: must be "position", "claim" or "argument", not the text "inference"',
  },
  {
    name: 'a node without a kind',
    change: (d) => delete d.nodes[0]!.kind,
    line: 'nodes[0].kind: is missing; it must be "position", "claim" or "argument"',
  },
  {
    name: 'an unknown edge kind',
    change: (d) => (d.edges[0]!.kind = 'attack'),
    line: 'edges[0].kind: must be "support", "rebuttal", "extends", "turns", "cross-applies", "premise", "concludes", "undercut" or "contrary", not the text "attack"',
  },
  // ids
  {
    name: 'an id with a space',
    change: (d) => (d.nodes[0]!.id = 'has space'),
    line: 'nodes[0].id: must start with a letter or digit and use only letters, digits, "_", ".", ":" or "-"',
  },
  {
    name: 'an id starting with "-"',
    change: (d) => (d.edges[0]!.id = '-e1'),
    line: 'edges[0].id: must start with a letter or digit and use only letters, digits, "_", ".", ":" or "-"',
  },
  {
    name: 'an empty id',
    change: (d) => (d.sources[0]!.id = ''),
    line: 'sources[0].id: must not be empty',
  },
  {
    name: 'an id that is too long',
    change: (d) => (d.nodes[0]!.id = 'n'.repeat(65)),
    line: 'nodes[0].id: is longer than 64 characters',
  },
  // coordinates
  {
    name: 'an absurd coordinate',
    change: (d) => (d.nodes[0]!.position = { x: 0, y: -2_000_000 }),
    line: 'nodes[0].position.y: must be between -1,000,000 and 1,000,000',
  },
  {
    name: 'a position without y',
    change: (d) => (d.nodes[0]!.position = { x: 0 }),
    line: 'nodes[0].position.y: is missing',
  },
  // text
  {
    name: 'node text over the limit',
    change: (d) => (d.nodes[0]!.text = 'x'.repeat(LIMITS.nodeTextLength + 1)),
    line: 'nodes[0].text: is longer than 2,000 characters',
  },
  {
    name: 'a title over the limit',
    change: (d) => (d.title = 'x'.repeat(LIMITS.titleLength + 1)),
    line: 'title: is longer than 500 characters',
  },
  {
    name: 'a control character',
    change: (d) => (d.nodes[0]!.text = 'ring the bell\u0007'),
    line: 'nodes[0].text: contains a control character',
  },
  {
    name: 'an escape character in a note',
    change: (d) => (d.edges[0]!.note = '\u001b[31mred'),
    line: 'edges[0].note: contains a control character',
  },
  // urls
  {
    name: 'a javascript: URL',
    change: (d) => (d.sources[0]!.url = 'javascript:alert(1)'),
    line: 'sources[0].url: must be an http:// or https:// address',
  },
  {
    name: 'a mixed-case JaVaScRiPt: URL',
    change: (d) => (d.sources[0]!.url = 'JaVaScRiPt:alert(1)'),
    line: 'sources[0].url: must be an http:// or https:// address',
  },
  {
    name: 'a javascript: URL behind leading spaces and a tab',
    change: (d) => (d.sources[0]!.url = '  \tjavascript:alert(1)'),
    line: 'sources[0].url: must be an http:// or https:// address',
  },
  {
    name: 'a data: URL',
    change: (d) => (d.sources[0]!.url = 'data:text/html,<script>alert(1)</script>'),
    line: 'sources[0].url: must be an http:// or https:// address',
  },
  {
    name: 'a relative URL',
    change: (d) => (d.sources[0]!.url = '/report.html'),
    line: 'sources[0].url: must be an http:// or https:// address',
  },
  // dates
  {
    name: 'a date in words',
    change: (d) => (d.sources[0]!.published = 'May 6, 2025'),
    line: 'sources[0].published: must be a date written YYYY, YYYY-MM or YYYY-MM-DD',
  },
  {
    name: 'month 13',
    change: (d) => (d.sources[0]!.published = '2025-13-01'),
    line: 'sources[0].published: is not a real date (check the month and day)',
  },
  {
    name: '29 February of a year that is not a leap year',
    change: (d) => (d.sources[0]!.published = '2025-02-29'),
    line: 'sources[0].published: is not a real date (check the month and day)',
  },
  {
    name: 'day 0',
    change: (d) => (d.sources[0]!.published = '2025-05-00'),
    line: 'sources[0].published: is not a real date (check the month and day)',
  },
  // evidence spans
  {
    name: 'an end before the start',
    change: (d) => (d.nodes[1]!.evidence[0]!.end = 30),
    line: 'nodes[1].evidence[0].end: must be after start',
  },
  {
    name: 'an empty span (end equal to start)',
    change: (d) => (d.nodes[1]!.evidence[0]!.end = 41),
    line: 'nodes[1].evidence[0].end: must be after start',
  },
  // invariants: ids
  {
    name: 'two nodes with one id',
    change: (d) => d.nodes.push({ id: 'pos', kind: 'claim', text: 'Copy', evidence: [] }),
    line: 'nodes[2].id: duplicate id "pos" (also used by nodes[0])',
  },
  {
    name: 'an edge with a node’s id',
    change: (d) => (d.edges[0]!.id = 'claim'),
    line: 'edges[0].id: duplicate id "claim" (also used by nodes[1])',
  },
  {
    name: 'a node with a source’s id',
    change: (d) => d.nodes.push({ id: 'article', kind: 'claim', text: 'Copy', evidence: [] }),
    line: 'nodes[2].id: duplicate id "article" (also used by sources[0])',
  },
  // invariants: edges
  {
    name: 'an edge from a missing node',
    change: (d) => (d.edges[0]!.from = 'ghost'),
    line: 'edges[0].from: no node has the id "ghost"',
  },
  {
    name: 'an edge to a missing node',
    change: (d) => (d.edges[0]!.to = 'ghost'),
    line: 'edges[0].to: no node has the id "ghost"',
  },
  {
    name: 'an edge from a node to itself',
    change: (d) => (d.edges[0]!.to = 'claim'),
    line: 'edges[0]: connects node "claim" to itself',
  },
  {
    name: 'the same edge twice',
    change: (d) => d.edges.push({ id: 'e2', from: 'claim', to: 'pos', kind: 'support' }),
    line: 'edges[1]: repeats edges[0] (same from, to and kind)',
  },
  {
    name: 'two quotes with one id',
    change: (d) => d.nodes[0]!.evidence.push({ ...d.nodes[1]!.evidence[0]! }),
    line: 'nodes[1].evidence[0].id: duplicate id "q1" (also used by nodes[0].evidence[0])',
  },
  {
    name: 'two presentation steps with one id',
    change: (d) =>
      (d.presentation = {
        steps: [
          { id: 'step-a', nodes: ['pos'] },
          { id: 'step-a', nodes: ['claim'] },
        ],
      }),
    line: 'presentation.steps[1].id: duplicate id "step-a" (also used by presentation.steps[0])',
  },
  // invariants: quotes
  {
    name: 'a quote naming a source that does not exist',
    change: (d) => (d.nodes[1]!.evidence[0]!.sourceId = 'elsewhere'),
    line: 'nodes[1].evidence[0].sourceId: no source has the id "elsewhere"',
  },
  {
    name: 'a quote that does not match its span',
    change: (d) => (d.nodes[1]!.evidence[0]!.quote = 'does not obey anyone'),
    line: 'nodes[1].evidence[0].quote: does not match source "article" at 41–68, which reads "does not subordinate itself"',
  },
  {
    name: 'a quote one character off',
    change: (d) => {
      d.nodes[1]!.evidence[0]!.start = 42;
      d.nodes[1]!.evidence[0]!.end = 69;
    },
    line: 'nodes[1].evidence[0].quote: does not match source "article" at 42–69, which reads "oes not subordinate itself."',
  },
  {
    name: 'a quote whose span is long, shown shortened',
    change: (d) => {
      d.nodes[1]!.evidence[0]!.start = 0;
      d.nodes[1]!.evidence[0]!.end = 69;
    },
    line: 'nodes[1].evidence[0].quote: does not match source "article" at 0–69, which reads "Mexico coordinates and collaborates, but does not subordi…"',
  },
  {
    name: 'a span that ends beyond the source text',
    change: (d) => (d.nodes[1]!.evidence[0]!.end = 500),
    line: 'nodes[1].evidence[0].quote: end 500 is past the end of source "article" (69 characters)',
  },
  {
    name: 'a quote from a source that has no text',
    change: (d) => delete d.sources[0]!.text,
    line: 'nodes[1].evidence[0].quote: source "article" has no text to check the quote against',
  },
  // zod's own English wording, where the schema sets none (zod/mini installs no locale by itself)
  {
    name: 'a presentation step showing more nodes than a map may have',
    change: (d) =>
      (d.presentation = {
        steps: [{ id: 's1', nodes: Array.from({ length: LIMITS.nodes + 1 }, () => 'pos') }],
      }),
    line: `presentation.steps[0].nodes: Too big: expected array to have <=${LIMITS.nodes} items`,
  },
];

describe('parseMap refuses a map with something wrong in it', () => {
  it('the small valid document really is valid (so each case below has exactly one fault)', () => {
    expect(SOURCE_TEXT.slice(41, 68)).toBe('does not subordinate itself');
    expect(parseMap(fileWith(() => {})).ok).toBe(true);
  });

  it.each(INVALID_CONTENT)('$name', ({ change, line }) => {
    expect(oneProblem(fileWith(change))).toEqual({ kind: 'invalidContent', line });
  });

  // Text the JSON escapes produce, which JSON.stringify would not write as we need.
  it('a coordinate too large for a number (1e999 reads as Infinity)', () => {
    const text = fileWith((d) => (d.nodes[0]!.position = { x: '@huge', y: 0 })).replace(
      '"@huge"',
      '1e999',
    );
    expect(oneProblem(text)).toEqual({
      kind: 'invalidContent',
      line: 'nodes[0].position.x: must be a finite number, not the number Infinity',
    });
  });

  it('a lone surrogate written as a \\ud800 escape', () => {
    const text = fileWith((d) => (d.nodes[0]!.text = '@broken')).replace(
      '"@broken"',
      '"Broken \\ud800 text"',
    );
    expect(text).toContain('\\ud800');
    expect(oneProblem(text)).toEqual({
      kind: 'invalidContent',
      line: 'nodes[0].text: contains a broken character (a lone UTF-16 surrogate)',
    });
  });

  it('a lone low surrogate, and a NUL, written as escapes', () => {
    const low = fileWith((d) => (d.title = '@t')).replace('"@t"', '"\\udc00 first"');
    expect(oneProblem(low).line).toBe(
      'title: contains a broken character (a lone UTF-16 surrogate)',
    );
    const nul = fileWith((d) => (d.title = '@t')).replace('"@t"', '"a\\u0000b"');
    expect(oneProblem(nul).line).toBe('title: contains a control character');
  });

  it('counts offsets in UTF-16 code units, not in characters', () => {
    // The flag is two astral characters: 2 code points, 4 UTF-16 code units.
    const text = '🇲🇽 Mexico rejects intervention.';
    const quoted = (start: number) =>
      fileWith((d) => {
        d.sources[0]!.text = text;
        d.nodes[1]!.evidence[0] = {
          id: 'q1',
          sourceId: 'article',
          quote: 'rejects intervention',
          start,
          end: start + 20,
          speaker: 'Claudia Sheinbaum',
        };
      });
    expect(parseMap(quoted(12)).ok).toBe(true);
    expect(oneProblem(quoted(10)).line).toBe(
      'nodes[1].evidence[0].quote: does not match source "article" at 10–30, which reads "o rejects interventi"',
    );
  });

  it('reports every fault the schema finds, in file order, under one headline', () => {
    const text = fileWith((d) => {
      d.sources[0]!.url = 'javascript:alert(1)';
      d.nodes[0]!.text = '';
      d.edges[0]!.kind = 'attack';
    });
    expect(refusal(text)).toEqual({
      kind: 'invalidContent',
      lines: [
        'This map file has 3 problems.',
        'sources[0].url: must be an http:// or https:// address',
        'nodes[0].text: must not be empty',
        'edges[0].kind: must be "support", "rebuttal", "extends", "turns", "cross-applies", "premise", "concludes", "undercut" or "contrary", not the text "attack"',
      ],
    });
  });

  it('reports every broken rule between entities together', () => {
    const text = fileWith((d) => {
      d.edges.push({ id: 'e1', from: 'pos', to: 'pos', kind: 'rebuttal' });
      d.nodes[1]!.evidence[0]!.sourceId = 'elsewhere';
    });
    expect(refusal(text).lines).toEqual([
      'This map file has 3 problems.',
      'nodes[1].evidence[0].sourceId: no source has the id "elsewhere"',
      'edges[1].id: duplicate id "e1" (also used by edges[0])',
      'edges[1]: connects node "pos" to itself',
    ]);
  });
});

describe('parseMap never throws', () => {
  it.each([
    '\uFEFF',
    ' ',
    '{',
    '[',
    '"',
    '-',
    '{"format":"clashmap","version":1}',
    '{"format":"clashmap","version":1,"title":"t","sources":null,"nodes":[null],"edges":[1]}',
    '{"format":"clashmap","version":1e999}',
    '{"format":"clashmap","version":1,"title":"t","sources":[],"nodes":[{"kind":{}}],"edges":[]}',
  ])('on %j', (text) => {
    expect(() => parseMap(text)).not.toThrow();
    expect(parseMap(text).ok).toBe(false);
  });
});
