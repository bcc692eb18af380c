import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMapBytes } from '../../src/io/decode';
import { parseMap, type ParseResult } from '../../src/io/parse';
import { parseErrorLines, type ParseError } from '../../src/io/parseError';
import { serializeMap } from '../../src/io/serialize';
import { LIMITS } from '../../src/model/limits';
import type { ClashMap } from '../../src/model/map';
import type { MapNode } from '../../src/model/node';
import type { Source } from '../../src/model/source';
import { isSafeUrl } from '../../src/model/source';
import { textProblem } from '../../src/model/text';

/*
 * Properties of reading files, checked on generated input. Seeded, so a failure reproduces
 * (fast-check prints the seed and the shrunk counterexample); at least 1,000 runs each.
 */
const SEED = 20261124;
const RUNS = 1_000;
const settings = { seed: SEED, numRuns: RUNS };
// Each property takes one to a few seconds; a busy two-core CI runner may take several times that.
const TIMEOUT = 30_000;

const KINDS: ReadonlySet<ParseError['kind']> = new Set([
  'unreadable',
  'tooLarge',
  'badEncoding',
  'notJson',
  'notAClashmap',
  'versionTooNew',
  'migrationFailed',
  'invalidContent',
]);

/** The outcome is a map, or one of our own errors with a headline and well-formed issues. */
function expectWellFormed(result: ParseResult): void {
  if (result.ok) {
    expect(Array.isArray(result.map.nodes)).toBe(true);
    return;
  }
  expect(KINDS.has(result.error.kind)).toBe(true);
  const lines = parseErrorLines(result.error);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(typeof line).toBe('string');
  expect(result.error.issues.length).toBeGreaterThan(0);
  expect(result.error.issues.length).toBeLessThanOrEqual(101);
}

const prototypeNames = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  function: Object.getOwnPropertyNames(Function.prototype).sort(),
});
let pristine: ReturnType<typeof prototypeNames>;

/** Nothing any parse did reached a prototype. */
function expectPrototypesUntouched(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
}

/** parseMap in both modes the app uses; neither may throw, both give well-formed outcomes. */
function parseBothWays(text: string): ParseResult {
  const strict = parseMap(text);
  expectWellFormed(strict);
  expectWellFormed(parseMap(text, { brokenQuotes: 'warn' }));
  expectPrototypesUntouched();
  return strict;
}

beforeAll(() => {
  pristine = prototypeNames();
});

afterAll(() => {
  // Checked once more after every property: no own property was added, anywhere, ever.
  expect(prototypeNames()).toEqual(pristine);
});

// ---------------------------------------------------------------------------------------------
// Generators of hostile text

/** Characters that matter to a JSON reader or to the text rules, mixed with any code point. */
const trickyChar = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      '"',
      '\\',
      '/',
      '*',
      ' ',
      '\n',
      '\r',
      '\t',
      '0',
      '-',
      'e',
      '.',
      't',
      'n',
      'u',
      '\u0000',
      '\u0007',
      '\u001b',
      '\u007f',
      '\u00a0',
      '\u200b',
      '\u200e',
      '\u202e',
      '\u2066',
      '\u2069',
      '\u2028',
      '\ufeff',
      '\ufffe',
      '<',
      '>',
      '&',
    ),
  },
  // Lone surrogate halves, which no well-formed generator produces.
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  },
);
const hostileString = fc.string({ unit: trickyChar, maxLength: 60 });

/** Keys that reach for prototypes, or that the schema knows, or anything. */
const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'format',
    'version',
    'title',
    'nodes',
    'edges',
    'sources',
    'id',
    'kind',
    'text',
    'evidence',
    'position',
    'x',
    'y',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'polluted',
  ),
  hostileString,
);

/** Numbers a JSON file can hold, including those a double cannot. */
const hostileNumberText = fc.oneof(
  fc.constantFrom(
    '1e999',
    '-1e999',
    '1e308',
    '-0',
    '0.0000000000000000000001',
    '9007199254740993',
    '1e-400',
    '123456789012345678901234567890',
    '2',
    '1.5',
    '-1',
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
);

/** JSON text built from hostile parts (keys, numbers, strings, nesting), never through a JS object. */
const hostileJsonText: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileNumberText,
    hostileString.map((s) => JSON.stringify(s)),
    fc.constantFrom('true', 'false', 'null', '"clashmap"', '1'),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value as fc.Arbitrary<string>;

// ---------------------------------------------------------------------------------------------
// A generator of valid maps

const SAFE_PROSE_CHARS = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\t',
      '\n',
      '\r',
      '"',
      '\\',
      '<',
      '>',
      '&',
      '\u200e',
      '\u200f',
      '\u200d',
      '\u00a0',
      '\u{1F1F2}\u{1F1FD}',
      '\u{1F468}\u200D\u{1F469}',
      'é',
      'e\u0301',
      '“',
      '”',
      '__proto__',
      '<script>alert(1)</script>',
      '{"format":"clashmap"}',
      '\u05e9\u05dc\u05d5\u05dd',
    ),
  },
);
/** Removes what prose may not hold, so every generated string is valid text. */
const asProse = (text: string) =>
  // eslint-disable-next-line no-control-regex -- these are exactly the characters refused
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '');

const prose = (maxLength: number, minLength = 0) =>
  fc
    .string({ unit: SAFE_PROSE_CHARS, maxLength: Math.min(maxLength, 24) })
    .map((s) => asProse(s).slice(0, maxLength))
    .filter((s) => s.length >= minLength && textProblem(s) === null);

const idArb = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}$/) },
  { weight: 1, arbitrary: fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'valueOf') },
  { weight: 1, arbitrary: fc.constant('x'.repeat(LIMITS.idLength)) },
);

const dateArb = fc
  .date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .chain((d) => fc.constantFrom(4, 7, 10).map((n) => d.toISOString().slice(0, n)));

const coordinate = fc
  .oneof(
    fc.double({ min: -LIMITS.coordinate, max: LIMITS.coordinate, noNaN: true }),
    fc.integer({ min: -LIMITS.coordinate, max: LIMITS.coordinate }),
    fc.constantFrom(LIMITS.coordinate, -LIMITS.coordinate, 0.1, 5e-324),
  )
  // JSON has no -0: it is written as 0, so a map never holds it after a round trip.
  .map((n) => (Object.is(n, -0) ? 0 : n));

/** Moves an offset off the second half of a surrogate pair, so a quote never splits one. */
function snap(text: string, at: number): number {
  const c = text.charCodeAt(at);
  const before = text.charCodeAt(at - 1);
  return c >= 0xdc00 && c <= 0xdfff && before >= 0xd800 && before <= 0xdbff ? at - 1 : at;
}

interface Shape {
  ids: string[];
  sourceCount: number;
  nodeCount: number;
}

const shapeArb: fc.Arbitrary<Shape> = fc
  .tuple(fc.nat(3), fc.nat(7), fc.nat(10))
  .chain(([sourceCount, nodeCount, edgeIdCount]) =>
    fc
      .uniqueArray(idArb, {
        minLength: sourceCount + nodeCount + edgeIdCount,
        maxLength: sourceCount + nodeCount + edgeIdCount,
      })
      .map((ids) => ({ ids, sourceCount, nodeCount })),
  );

/** Builds an object with only the optional fields that have a value, as files hold them. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const sourceArb = (id: string): fc.Arbitrary<Source> =>
  fc
    .record(
      {
        title: prose(LIMITS.sourceFieldLength, 1),
        author: prose(LIMITS.sourceFieldLength),
        publisher: prose(LIMITS.sourceFieldLength),
        published: dateArb,
        url: fc
          .webUrl({ withQueryParameters: true, withFragments: true })
          .filter((u) => u.length <= LIMITS.urlLength && isSafeUrl(u)),
        text: fc.oneof(prose(LIMITS.sourceTextLength, 1), prose(LIMITS.sourceTextLength)),
      },
      { requiredKeys: ['title'] },
    )
    .map((fields) => defined({ id, ...fields }));

const rawEvidenceArb = fc.record({
  source: fc.nat(),
  a: fc.nat(),
  b: fc.nat(),
  speaker: prose(LIMITS.speakerLength, 1),
});

const nodeArb = (id: string, sources: Source[]): fc.Arbitrary<MapNode> => {
  const quotable = sources.filter((s) => (s.text ?? '').length > 0);
  return fc
    .record(
      {
        kind: fc.constantFrom('position' as const, 'claim' as const),
        text: prose(LIMITS.nodeTextLength, 1),
        evidence: fc.array(rawEvidenceArb, { maxLength: quotable.length > 0 ? 3 : 0 }),
        // Plain objects, as JSON.parse makes them (fast-check's default has no prototype).
        position: fc.record({ x: coordinate, y: coordinate }, { noNullPrototype: true }),
        tags: fc.array(prose(LIMITS.tagLength, 1), { maxLength: 3 }),
        notes: prose(LIMITS.notesLength),
      },
      { requiredKeys: ['kind', 'text', 'evidence'] },
    )
    .map(({ evidence, ...fields }) => {
      const quotes = evidence.flatMap(({ source, a, b, speaker }) => {
        const from = quotable[source % quotable.length]!;
        const text = from.text!;
        let start = snap(text, a % text.length);
        let end = snap(text, start + 1 + (b % (text.length - start)));
        if (end <= start) end = Math.min(text.length, start + 2);
        if (end <= start) return [];
        start = snap(text, start);
        const quote = text.slice(start, end);
        if (textProblem(quote) !== null) return [];
        return [{ id: 'q1', sourceId: from.id, quote, start, end, speaker }];
      });
      return defined({ id, ...fields, evidence: quotes }) as MapNode;
    });
};

const mapArb: fc.Arbitrary<ClashMap> = shapeArb.chain(({ ids, sourceCount, nodeCount }) => {
  const sourceIds = ids.slice(0, sourceCount);
  const nodeIds = ids.slice(sourceCount, sourceCount + nodeCount);
  const edgeIds = ids.slice(sourceCount + nodeCount);
  return fc.tuple(...sourceIds.map(sourceArb)).chain((sources) =>
    fc
      .record(
        {
          title: prose(LIMITS.titleLength, 1),
          description: prose(LIMITS.descriptionLength),
          nodes: fc.tuple(...nodeIds.map((id) => nodeArb(id, sources))),
          edgeEnds: fc.array(
            fc.record({
              from: fc.nat(),
              to: fc.nat(),
              kind: fc.constantFrom('support' as const, 'rebuttal' as const),
              note: fc.option(prose(LIMITS.edgeNoteLength), { nil: undefined }),
            }),
            { maxLength: edgeIds.length },
          ),
          assumptions: fc.array(
            fc.record({
              node: fc.nat(),
              value: fc.constantFrom('stands' as const, 'falls' as const),
            }),
            { maxLength: 3 },
          ),
          keepAssumptions: fc.boolean(),
        },
        { requiredKeys: ['title', 'nodes', 'edgeEnds', 'assumptions', 'keepAssumptions'] },
      )
      .map(({ title, description, nodes: drafted, edgeEnds, assumptions, keepAssumptions }) => {
        // Quote ids are unique in the map: number them in node order.
        let quoteCount = 0;
        const nodes = drafted.map((node) => ({
          ...node,
          evidence: node.evidence.map((quote) => ({ ...quote, id: `q${++quoteCount}` })),
        }));
        // Edges between distinct nodes, each (from, to, kind) once: what the invariants require.
        const seen = new Set<string>();
        const edges = edgeEnds.flatMap(({ from, to, kind, note }, i) => {
          if (nodes.length < 2) return [];
          const a = nodes[from % nodes.length]!.id;
          const b = nodes[(from + 1 + (to % (nodes.length - 1))) % nodes.length]!.id;
          const key = `${a}\u0000${b}\u0000${kind}`;
          if (a === b || seen.has(key)) return [];
          seen.add(key);
          return [defined({ id: edgeIds[i]!, from: a, to: b, kind, note })];
        });
        const assumed = new Set<string>();
        const kept = assumptions.flatMap(({ node, value }) => {
          const id = nodes.length > 0 ? nodes[node % nodes.length]!.id : undefined;
          if (id === undefined || assumed.has(id)) return [];
          assumed.add(id);
          return [{ node: id, value }];
        });
        return defined({
          format: 'clashmap' as const,
          version: 5 as const,
          title,
          description,
          sources,
          nodes,
          edges,
          assumptions: keepAssumptions && kept.length > 0 ? kept : undefined,
        }) as ClashMap;
      }),
  );
});

// ---------------------------------------------------------------------------------------------
// Mutations of a valid map

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `root`, the root itself included. */
function pathsOf(root: Json): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<{ value: Json; path: Array<string | number> }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    out.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return out;
}

function parentOf(root: Json, path: Array<string | number>): Record<string | number, Json> | null {
  let current: Json = root;
  for (const key of path.slice(0, -1)) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string | number, Json>)[key]!;
  }
  return current !== null && typeof current === 'object'
    ? (current as Record<string | number, Json>)
    : null;
}

const MARK = '@@hostile@@';

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'replace'; at: number; raw: string }
  | { op: 'retype'; at: number; value: Json }
  | { op: 'forbiddenKey'; at: number; key: string }
  | { op: 'duplicateId'; from: number; to: number }
  | { op: 'truncate'; at: number }
  | { op: 'spliceText'; at: number; text: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.nat(),
    raw: fc.oneof(
      hostileNumberText,
      hostileString.map((s) => JSON.stringify(s)),
      hostileJsonText,
    ),
  }),
  fc.record({
    op: fc.constant('retype' as const),
    at: fc.nat(),
    value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
  fc.record({
    op: fc.constant('forbiddenKey' as const),
    at: fc.nat(),
    key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
  }),
  fc.record({ op: fc.constant('duplicateId' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('spliceText' as const), at: fc.nat(), text: hostileString }),
);

/** The file text of `map` after `mutations`, applied to its JSON and then to its text. */
function mutatedText(map: ClashMap, mutations: Mutation[]): string {
  const doc = JSON.parse(serializeMap(map)) as Json;
  const raws: string[] = [];
  const textOps: Mutation[] = [];
  for (const m of mutations) {
    const paths = pathsOf(doc);
    if (m.op === 'delete' || m.op === 'replace' || m.op === 'retype') {
      const path = paths[m.at % paths.length]!;
      const parent = parentOf(doc, path);
      if (!parent || path.length === 0) continue;
      const key = path[path.length - 1]!;
      if (m.op === 'delete') {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      } else if (m.op === 'retype') parent[key] = m.value;
      else {
        // Raw JSON text (1e999, a bad escape…) goes in through a marker replaced after stringify.
        parent[key] = `${MARK}${raws.length}`;
        raws.push(m.raw);
      }
    } else if (m.op === 'duplicateId') {
      const ids = paths.filter((p) => p[p.length - 1] === 'id');
      if (ids.length < 2) continue;
      const from = ids[m.from % ids.length]!;
      const to = ids[m.to % ids.length]!;
      const value = parentOf(doc, from)![from[from.length - 1]!]!;
      parentOf(doc, to)![to[to.length - 1]!] = value;
    } else textOps.push(m);
  }
  let text = JSON.stringify(doc, null, 2);
  raws.forEach((raw, i) => (text = text.replace(`"${MARK}${i}"`, () => raw)));
  for (const m of textOps) {
    if (m.op === 'forbiddenKey') {
      // Every "{" that opens a non-empty object in pretty-printed JSON ends its line; inside a
      // string a line break is always escaped, so this never lands in text.
      const opens = [...text.matchAll(/\{\n/g)].map((match) => match.index);
      if (opens.length === 0) continue;
      const at = opens[m.at % opens.length]! + 1;
      text = `${text.slice(0, at)}"${m.key}": {"polluted": true, "isAdmin": true},${text.slice(at)}`;
    } else if (m.op === 'truncate') {
      text = text.slice(0, m.at % (text.length + 1));
    } else if (m.op === 'spliceText') {
      const at = m.at % (text.length + 1);
      text = `${text.slice(0, at)}${m.text}${text.slice(at)}`;
    }
  }
  return text;
}

// ---------------------------------------------------------------------------------------------

describe('import never throws, and always answers with a map or its own error', () => {
  it(
    'on any string (printable ASCII, any code point, JSON punctuation and lone surrogates)',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hostileString), (text) => {
          parseBothWays(text);
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'on any JSON value, and on JSON built from hostile keys, numbers and strings',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.jsonValue().map((v) => JSON.stringify(v)),
            hostileJsonText,
          ),
          (text) => {
            parseBothWays(text);
          },
        ),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'on any JSON value placed in a valid envelope, as the whole map or one field of it',
    () => {
      const field = fc.constantFrom('title', 'sources', 'nodes', 'edges', 'description', 'extra');
      fc.assert(
        fc.property(field, hostileJsonText, (name, value) => {
          const text = `{"format":"clashmap","version":1,"title":"t","sources":[],"nodes":[],"edges":[],"${name}":${value}}`;
          // A key that appears twice keeps its last value, so this replaces the field.
          parseBothWays(text);
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'on any bytes, through decodeMapBytes',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 200 }),
            hostileJsonText.map((t) => new TextEncoder().encode(t)),
            hostileString.map((t) => {
              const utf16 = new Uint8Array(t.length * 2);
              for (let i = 0; i < t.length; i++) {
                utf16[2 * i] = t.charCodeAt(i) & 0xff;
                utf16[2 * i + 1] = t.charCodeAt(i) >> 8;
              }
              return utf16;
            }),
          ),
          (bytes) => {
            const decoded = decodeMapBytes(bytes);
            if (!decoded.ok) {
              expectWellFormed(decoded);
              expect(['tooLarge', 'badEncoding']).toContain(decoded.error.kind);
            } else parseBothWays(decoded.text);
          },
        ),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'on valid maps with random mutations; whatever still opens saves and reopens the same',
    () => {
      fc.assert(
        fc.property(
          mapArb,
          fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
          (map, mutations) => {
            const result = parseBothWays(mutatedText(map, mutations));
            if (result.ok) {
              const again = parseMap(serializeMap(result.map));
              expect(again.ok && again.map).toStrictEqual(result.map);
            }
          },
        ),
        settings,
      );
    },
    TIMEOUT,
  );
});

describe('export then import gives the same map', () => {
  it(
    'parseMap(serializeMap(map)) equals map, and serializing again gives the same bytes',
    () => {
      fc.assert(
        fc.property(mapArb, (map) => {
          const text = serializeMap(map);
          const result = parseMap(text);
          if (!result.ok) throw new Error(parseErrorLines(result.error).join('\n'));
          expect(result.map).toStrictEqual(map);
          expect(result.warnings).toEqual([]);
          expect(serializeMap(result.map)).toBe(text);
          expectPrototypesUntouched();
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'the generator is not trivial: it makes quotes, edges, tags, URLs and assumptions',
    () => {
      const sample = fc.sample(mapArb, { seed: SEED, numRuns: 300 });
      const count = (f: (m: ClashMap) => boolean) => sample.filter(f).length;
      expect(count((m) => m.nodes.some((n) => n.evidence.length > 0))).toBeGreaterThan(30);
      expect(count((m) => m.edges.length > 2)).toBeGreaterThan(30);
      expect(count((m) => m.nodes.some((n) => (n.tags ?? []).length > 0))).toBeGreaterThan(30);
      expect(count((m) => m.sources.some((s) => s.url !== undefined))).toBeGreaterThan(30);
      expect(count((m) => m.assumptions !== undefined)).toBeGreaterThan(10);
      expect(count((m) => m.nodes.some((n) => n.position !== undefined))).toBeGreaterThan(30);
    },
    TIMEOUT,
  );
});
