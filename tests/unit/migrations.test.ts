import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, type RawDocument } from '../../src/io/migrations';
import { parseMap } from '../../src/io/parse';
import { CURRENT_VERSION } from '../../src/model/map';

type Step = (doc: RawDocument) => RawDocument;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('migrate, with a made-up table of migrations', () => {
  // Version 1 calls the text "label"; version 2 renames it "text"; version 3 adds "tags".
  const calls: number[] = [];
  const TABLE: Record<number, Step> = {
    1: (doc) => {
      calls.push(1);
      const nodes = (doc.nodes as Array<Record<string, unknown>>).map(({ label, ...rest }) => ({
        ...rest,
        text: label,
      }));
      return { ...doc, nodes };
    },
    2: (doc) => {
      calls.push(2);
      // Mutates its input on purpose: migrate must hand it a copy.
      for (const node of doc.nodes as Array<Record<string, unknown>>) node.tags = [];
      return doc;
    },
  };
  const v1 = () => ({
    format: 'clashmap',
    version: 1,
    title: 'Old',
    nodes: [{ id: 'a', label: 'A claim' }],
  });

  it('runs 1→2 then 2→3, in order, each step seeing the one before, and sets the version', () => {
    calls.length = 0;
    const result = migrate(v1(), 1, 3, TABLE);
    expect(calls).toEqual([1, 2]);
    expect(result).toEqual({
      ok: true,
      document: {
        format: 'clashmap',
        version: 3,
        title: 'Old',
        nodes: [{ id: 'a', text: 'A claim', tags: [] }],
      },
    });
  });

  it('starts from the version the file has, skipping the steps before it', () => {
    calls.length = 0;
    const v2 = { format: 'clashmap', version: 2, title: 'Mid', nodes: [{ id: 'a', text: 'A' }] };
    expect(migrate(v2, 2, 3, TABLE)).toEqual({
      ok: true,
      document: { ...v2, version: 3, nodes: [{ id: 'a', text: 'A', tags: [] }] },
    });
    expect(calls).toEqual([2]);
  });

  it('works on a copy: the input is never changed, even by a step that mutates its argument', () => {
    const v2 = () => ({
      format: 'clashmap',
      version: 2,
      title: 'Mid',
      nodes: [{ id: 'a', text: 'A' }],
    });
    const input = v2();
    expect(migrate(input, 2, 3, TABLE).ok).toBe(true);
    expect(input).toEqual(v2());
    // A frozen input would make the mutating step throw, were it handed the input itself.
    expect(migrate(deepFreeze(v2()), 2, 3, TABLE).ok).toBe(true);
    expect(migrate(deepFreeze(v1()), 1, 3, TABLE).ok).toBe(true);
  });

  it('returns a copy even when there is nothing to do', () => {
    const input = v1();
    const result = migrate(input, 1, 1, TABLE);
    expect(result).toEqual({ ok: true, document: input });
    expect(result.ok && result.document).not.toBe(input);
  });

  it('reports a step that throws, with the version it started from', () => {
    const failing: Record<number, Step> = {
      ...TABLE,
      2: () => {
        throw new Error('node "a" has no label to split');
      },
    };
    expect(migrate(v1(), 1, 3, failing)).toEqual({
      ok: false,
      fromVersion: 2,
      reason: 'node "a" has no label to split',
    });
  });

  it('reports a step that throws something other than an Error', () => {
    const failing: Record<number, Step> = {
      1: () => {
        throw 'bad shape';
      },
    };
    expect(migrate(v1(), 1, 2, failing)).toEqual({
      ok: false,
      fromVersion: 1,
      reason: 'bad shape',
    });
  });

  it('reports a gap in the table rather than skipping it', () => {
    const gappy: Record<number, Step> = { 1: TABLE[1]!, 3: (doc) => doc };
    expect(migrate(v1(), 1, 4, gappy)).toEqual({
      ok: false,
      fromVersion: 2,
      reason: 'no migration from version 2',
    });
  });
});

describe('the real migrations table', () => {
  const fixturePath = (version: number) => `tests/fixtures/format-v${version}.clashmap.json`;

  it('has one migration for each version from 1 to CURRENT_VERSION - 1, and no others', () => {
    const keys = Object.keys(MIGRATIONS)
      .map(Number)
      .sort((a, b) => a - b);
    expect(keys).toEqual(Array.from({ length: CURRENT_VERSION - 1 }, (_, i) => i + 1));
  });

  // Every version ever shipped (each key of MIGRATIONS, and the current one) keeps a frozen
  // fixture, and every one of them still opens in this build.
  const versions = Array.from({ length: CURRENT_VERSION }, (_, i) => i + 1);
  it.each(versions)('a frozen fixture of version %i exists and opens', (version) => {
    const path = fixturePath(version);
    expect(
      existsSync(path),
      `${path} is missing: add a frozen fixture for version ${version}`,
    ).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text).version).toBe(version);
    const result = parseMap(text);
    expect(result.ok ? [] : result.error.issues).toEqual([]);
    expect(result.ok && result.map.version).toBe(CURRENT_VERSION);
  });
});

// The frozen version-1 fixture, spelled out. This literal must never change: if the file and
// this disagree, someone edited a fixture that old files in the wild still look like.
const FORMAT_V1 = {
  format: 'clashmap',
  version: 1,
  title: 'Format version 1',
  description: 'A frozen fixture: every field that version 1 of the format has.',
  sources: [
    {
      id: 'src-1',
      title: 'Transcript',
      author: 'A. Reporter',
      publisher: 'Example News',
      published: '2025-05-06',
      url: 'https://example.com/transcript',
      text: 'We reject any form of intervention. What truly works is ongoing attention to root causes.',
    },
  ],
  nodes: [
    {
      id: 'pos-1',
      kind: 'position',
      text: 'Act only in cooperation',
      evidence: [
        {
          sourceId: 'src-1',
          quote: 'We reject any form of intervention.',
          start: 0,
          end: 35,
          speaker: 'Claudia Sheinbaum',
        },
      ],
      position: { x: 0, y: 0 },
      tags: ['sovereignty'],
      notes: 'The stance the map is about.',
    },
    {
      id: 'claim-1',
      kind: 'claim',
      text: 'Root causes matter more than strikes',
      evidence: [
        {
          sourceId: 'src-1',
          quote: 'What truly works is ongoing attention to root causes.',
          start: 36,
          end: 89,
          speaker: 'Claudia Sheinbaum',
        },
      ],
      position: { x: 240.5, y: -80 },
      tags: [],
      notes: '',
    },
    { id: 'claim-2', kind: 'claim', text: 'Strikes deter cartels', evidence: [] },
  ],
  edges: [
    {
      id: 'e-1',
      from: 'claim-1',
      to: 'pos-1',
      kind: 'support',
      note: 'Her own reason for cooperation',
    },
    { id: 'e-2', from: 'claim-1', to: 'claim-2', kind: 'rebuttal' },
  ],
};

describe('the frozen version-1 fixture', () => {
  const text = readFileSync('tests/fixtures/format-v1.clashmap.json', 'utf8');

  it('holds exactly what it held when version 1 shipped', () => {
    expect(JSON.parse(text)).toStrictEqual(FORMAT_V1);
  });

  it('opens as the map it describes, its quotes numbered in file order', () => {
    const result = parseMap(text);
    const [pos, claim, bare] = FORMAT_V1.nodes;
    expect(result.ok && result.map).toStrictEqual({
      ...FORMAT_V1,
      version: CURRENT_VERSION,
      nodes: [
        { ...pos, evidence: [{ id: 'q1', ...pos!.evidence[0] }] },
        { ...claim, evidence: [{ id: 'q2', ...claim!.evidence[0] }] },
        bare,
      ],
    });
  });
});

describe('migration 1 → 2: quotes and presentation steps get ids', () => {
  const step = MIGRATIONS[1]!;
  const v1WithSteps = (): RawDocument => ({
    ...structuredClone(FORMAT_V1),
    presentation: {
      steps: [
        { title: 'Position', nodes: ['pos-1'] },
        { nodes: ['claim-1', 'claim-2'], note: 'Then the reasons' },
      ],
    },
  });

  it('numbers quotes across all nodes in order, and steps in order', () => {
    const out = step(v1WithSteps()) as unknown as typeof FORMAT_V1 & {
      presentation: { steps: Array<{ id: string }> };
    };
    expect(out.nodes.flatMap((n) => n.evidence.map((e) => (e as { id?: string }).id))).toEqual([
      'q1',
      'q2',
    ]);
    expect(out.presentation.steps.map((s) => s.id)).toEqual(['step1', 'step2']);
  });

  it('gives the same ids on every run, so two machines opening one old file agree', () => {
    expect(step(v1WithSteps())).toStrictEqual(step(v1WithSteps()));
    const a = parseMap(JSON.stringify(v1WithSteps()));
    const b = parseMap(JSON.stringify(v1WithSteps()));
    expect(a.ok && b.ok).toBe(true);
    expect(a).toStrictEqual(b);
  });

  it('a version-1 map with steps opens with every field kept', () => {
    const result = parseMap(JSON.stringify(v1WithSteps()));
    expect(result.ok ? [] : result.error.issues).toEqual([]);
    expect(result.ok && result.map.presentation).toStrictEqual({
      steps: [
        { id: 'step1', title: 'Position', nodes: ['pos-1'] },
        { id: 'step2', nodes: ['claim-1', 'claim-2'], note: 'Then the reasons' },
      ],
    });
  });

  it('leaves what is not the shape of version 1 for validation to report, by path', () => {
    const broken = { ...structuredClone(FORMAT_V1), nodes: [FORMAT_V1.nodes[0], 'not a node'] };
    const result = parseMap(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.issues.map((i) => i.path)).toContain('nodes[1]');
    const noList = { ...structuredClone(FORMAT_V1), nodes: { pos: 1 } };
    const refused = parseMap(JSON.stringify(noList));
    expect(!refused.ok && refused.error.issues.map((i) => i.path)).toContain('nodes');
  });

  it('a version-2 file is read as it is: its ids are kept, not renumbered', () => {
    const text = readFileSync('tests/fixtures/format-v2.clashmap.json', 'utf8');
    const result = parseMap(text);
    expect(result.ok ? [] : result.error.issues).toEqual([]);
    expect(result.ok && result.map).toStrictEqual({
      ...JSON.parse(text),
      version: CURRENT_VERSION,
    });
  });
});

describe('migration 2 → 3: quotes may have no offsets', () => {
  it('changes nothing but the version: every version-2 document is a version-3 one', () => {
    const text = readFileSync('tests/fixtures/format-v2.clashmap.json', 'utf8');
    const document = JSON.parse(text) as RawDocument;
    expect(MIGRATIONS[2]!(structuredClone(document))).toStrictEqual(document);
  });
});

describe('migration 3 → 4: maps may hold a debate round and the flow relation kinds', () => {
  it('changes nothing but the version: every version-3 document is a version-4 one', () => {
    const text = readFileSync('tests/fixtures/format-v3.clashmap.json', 'utf8');
    const document = JSON.parse(text) as RawDocument;
    expect(MIGRATIONS[3]!(structuredClone(document))).toStrictEqual(document);
    const opened = parseMap(text);
    expect(opened.ok && opened.map).toStrictEqual({ ...document, version: CURRENT_VERSION });
  });

  it('the version-4 fixture holds a round: format, teams, sides, speeches, sheets, a concession', () => {
    const result = parseMap(readFileSync('tests/fixtures/format-v4.clashmap.json', 'utf8'));
    expect(result.ok ? [] : result.error.issues).toEqual([]);
    if (!result.ok) return;
    expect(result.map.round).toEqual({ format: 'policy', aff: 'Northside AB', neg: 'Lakeview CD' });
    expect(result.map.nodes.find((n) => n.id === 'aff-perm')).toMatchObject({
      side: 'aff',
      speech: '2AC',
      sheet: 'cp',
      conceded: '2NR',
    });
    expect(new Set(result.map.edges.map((e) => e.kind))).toEqual(
      new Set(['support', 'rebuttal', 'extends', 'turns', 'cross-applies']),
    );
  });
});

describe('migration 4 → 5: maps may hold arguments, undercuts and contraries', () => {
  it('changes nothing but the version: every version-4 document is a version-5 one', () => {
    const text = readFileSync('tests/fixtures/format-v4.clashmap.json', 'utf8');
    const document = JSON.parse(text) as RawDocument;
    expect(MIGRATIONS[4]!(structuredClone(document))).toStrictEqual(document);
    const opened = parseMap(text);
    expect(opened.ok && opened.map).toStrictEqual({ ...document, version: 5 });
  });

  it('the version-5 fixture holds a linked argument with a scheme, an undercut and contraries', () => {
    const result = parseMap(readFileSync('tests/fixtures/format-v5.clashmap.json', 'utf8'));
    expect(result.ok ? [] : result.error.issues).toEqual([]);
    if (!result.ok) return;
    expect(result.map.nodes.find((n) => n.id === 'arg-labs')).toMatchObject({
      kind: 'argument',
      scheme: 'Cause to Effect',
    });
    expect(new Set(result.map.edges.map((e) => e.kind))).toEqual(
      new Set(['premise', 'concludes', 'support', 'undercut', 'contrary']),
    );
  });

  it('an older app refuses a version-5 file rather than misreading its arguments', () => {
    const text = readFileSync('tests/fixtures/format-v5.clashmap.json', 'utf8');
    expect(JSON.parse(text).version).toBeGreaterThan(4);
  });
});

describe("today's shipped article map, frozen as version 1", () => {
  it('opens, and is the shipped version-2 map once migrated', () => {
    const frozen = parseMap(readFileSync('tests/fixtures/article-map-v1.clashmap.json', 'utf8'));
    const shipped = parseMap(
      readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'),
    );
    expect(frozen.ok ? [] : frozen.error.issues).toEqual([]);
    expect(
      JSON.parse(readFileSync('tests/fixtures/article-map-v1.clashmap.json', 'utf8')).version,
    ).toBe(1);
    expect(frozen.ok && frozen.map).toStrictEqual(shipped.ok && shipped.map);
    const quotes = frozen.ok ? frozen.map.nodes.flatMap((n) => n.evidence) : [];
    expect(quotes.length).toBeGreaterThan(10);
    expect(new Set(quotes.map((q) => q.id)).size).toBe(quotes.length);
  });
});
