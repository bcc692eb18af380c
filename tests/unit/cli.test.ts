import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/main';
import { runInMemory } from './helpers/cli';
import { ARTICLE_MAP_PATH, fileWith, readArticleMap } from './helpers/maps';
import { exportedSvg } from './helpers/svg';

// The usage text itself is the CLI's; these tests check when and where it is printed.

const run = runInMemory;

const GOOD = fileWith(() => {});
const BAD = fileWith((doc) => {
  doc.nodes[0]!.kind = 'inference';
  doc.edges[0]!.kind = 'attack';
});

describe('clashmap validate', () => {
  it('says a good file is valid and exits 0', () => {
    expect(run(['validate', 'good.json'], { 'good.json': GOOD })).toEqual({
      code: 0,
      out: ['good.json: valid (2 nodes, 1 edge)'],
      err: [],
    });
  });

  it('checks every file, reports each fault of the bad one by path, and exits 1', () => {
    const result = run(['validate', 'good.json', 'bad.json', 'also-good.json'], {
      'good.json': GOOD,
      'bad.json': BAD,
      'also-good.json': GOOD,
    });
    expect(result).toEqual({
      code: 1,
      out: ['good.json: valid (2 nodes, 1 edge)', 'also-good.json: valid (2 nodes, 1 edge)'],
      err: [
        'bad.json: This map file has 2 problems.',
        'bad.json: nodes[0].kind: must be "position", "claim" or "argument", not the text "inference"',
        'bad.json: edges[0].kind: must be "support", "rebuttal", "extends", "turns", "cross-applies", "premise", "concludes", "undercut" or "contrary", not the text "attack"',
      ],
    });
  });

  it('says plainly that a file does not exist', () => {
    expect(run(['validate', 'missing.json'])).toEqual({
      code: 1,
      out: [],
      err: ['missing.json: cannot read: no such file'],
    });
  });

  it('says plainly that a folder is not a file', () => {
    expect(run(['validate', 'maps/'])).toEqual({
      code: 1,
      out: [],
      err: ['maps/: cannot read: it is a folder'],
    });
  });

  it('reports files that are not UTF-8, not JSON, or from another app', () => {
    const result = run(['validate', 'utf16.json', 'broken.json', 'drawing.json'], {
      'utf16.json': new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
      'broken.json': '{\n  "format": "clashmap",\n}',
      'drawing.json': '{"type": "excalidraw", "version": 2, "elements": []}',
    });
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      'utf16.json: This file is not UTF-8 text.',
      'utf16.json: it is saved as UTF-16; save it as UTF-8 and open it again',
      'broken.json: This file is not valid JSON (line 3, column 1).',
      'broken.json: line 3, column 1: trailing comma before "}"',
      'drawing.json: This looks like an Excalidraw file, not a Clashmap map.',
      'drawing.json: format: is missing; a map file has "format": "clashmap"',
    ]);
  });

  it('needs at least one file', () => {
    expect(run(['validate'])).toEqual({
      code: 2,
      out: [],
      err: ['validate needs at least one FILE', USAGE],
    });
  });
});

describe('clashmap convert', () => {
  it('prints the Markdown outline of a map, and what it leaves out on stderr', () => {
    const result = run(['convert', 'map.json', '--to', 'markdown'], { 'map.json': GOOD });
    expect(result).toEqual({
      code: 0,
      out: [
        [
          '# Strikes',
          '',
          '## Position: Cooperate with Mexico',
          '',
          '- **Supports:** Mexico will not be subordinated',
          '  > “does not subordinate itself” — Claudia Sheinbaum',
        ].join('\n'),
      ],
      err: [
        'map.json: not carried over: Markdown is a reading outline: it cannot be opened again as a map',
        'map.json: not carried over: Sources (title, author, address, text) and quote offsets are not in the outline; quotes and speakers are (sources)',
        'map.json: not carried over: Which claims stand is unchanged by these losses',
      ],
    });
  });

  it('accepts --to before the file', () => {
    const result = run(['convert', '--to', 'markdown', 'map.json'], { 'map.json': GOOD });
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^# Strikes\n/);
  });

  it('prints why an invalid map cannot be converted, and exits 1', () => {
    expect(run(['convert', 'bad.json', '--to', 'markdown'], { 'bad.json': BAD })).toEqual({
      code: 1,
      out: [],
      err: [
        'bad.json: This map file has 2 problems.',
        'bad.json: nodes[0].kind: must be "position", "claim" or "argument", not the text "inference"',
        'bad.json: edges[0].kind: must be "support", "rebuttal", "extends", "turns", "cross-applies", "premise", "concludes", "undercut" or "contrary", not the text "attack"',
      ],
    });
  });

  it('refuses an unknown output format with usage, exit 2', () => {
    expect(run(['convert', 'map.json', '--to', 'pdf'], { 'map.json': GOOD })).toEqual({
      code: 2,
      out: [],
      err: [
        'cannot write "pdf"; formats: clashmap, argdown, aif, markdown, dot, graphml, cards',
        USAGE,
      ],
    });
  });

  it("reads other tools' formats: Argdown in, Clashmap out, reporting what did not carry over", async () => {
    const argdown = [
      '[Strikes]: Strike the cartels. #position',
      '  - <Risk>: Strikes risk a wider war.',
      '',
    ].join('\n');
    const result = run(['convert', 'debate.argdown', '--to', 'clashmap'], {
      'debate.argdown': argdown,
    });
    const code = await result.code;
    expect(code).toBe(0);
    const map = JSON.parse(result.out[0]!) as { nodes: { text: string; kind: string }[] };
    expect(map.nodes.map((n) => [n.kind, n.text])).toContainEqual([
      'position',
      'Strike the cartels.',
    ]);
    expect(result.err.join('\n')).toContain('not carried over');
  });

  it('refuses an unknown input format with usage, exit 2', () => {
    const result = run(['convert', 'map.json', '--from', 'pptx', '--to', 'markdown'], {
      'map.json': GOOD,
    });
    expect(result.code).toBe(2);
    expect(result.err[0]).toBe(
      'cannot read "pptx"; formats: clashmap, argdown, aif, kialo, flower',
    );
  });

  it('writes debate cards', () => {
    const result = run(['convert', 'map.json', '--to', 'cards'], { 'map.json': GOOD });
    expect(result.code).toBe(0);
    expect(result.out[0]).toContain('TAG: Mexico will not be subordinated');
  });

  it.each([
    ['no --to', ['convert', 'map.json']],
    ['--to without a format', ['convert', 'map.json', '--to']],
    ['two files', ['convert', 'a.json', 'b.json', '--to', 'markdown']],
  ])('refuses %s with usage, exit 2', (_, argv) => {
    expect(run(argv, { 'map.json': GOOD })).toEqual({
      code: 2,
      out: [],
      err: ['convert needs one FILE and --to FORMAT', USAGE],
    });
  });
});

describe('clashmap reads the SVG the app exports', { timeout: 60_000 }, () => {
  const svg = () => exportedSvg(readArticleMap());

  it('validates it: exit 0, counting the map inside', () => {
    expect(run(['validate', 'map.svg'], { 'map.svg': svg() })).toEqual({
      code: 0,
      out: ['map.svg: valid (25 nodes, 31 edges)'],
      err: [],
    });
  });

  it('converts it to Markdown', () => {
    const result = run(['convert', 'map.svg', '--to', 'markdown'], { 'map.svg': svg() });
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^# US drone strikes on Mexican cartels\n/);
    expect(result.out[0]).toContain('\n## Position: ');
  });

  it('refuses an SVG from another program, saying it holds no map', () => {
    const logo = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>';
    expect(run(['validate', 'logo.svg'], { 'logo.svg': logo })).toEqual({
      code: 1,
      out: [],
      err: [
        'logo.svg: This looks like a SVG image file, not a Clashmap map.',
        'logo.svg: This SVG was not made by Clashmap, so it holds no map',
      ],
    });
  });
});

describe('clashmap commands', () => {
  it('refuses an unknown command with usage, exit 2', () => {
    expect(run(['check', 'map.json'])).toEqual({
      code: 2,
      out: [],
      err: ['unknown command "check"', USAGE],
    });
  });

  it('prints usage to stderr and exits 2 when given no command', () => {
    expect(run([])).toEqual({ code: 2, out: [], err: [USAGE] });
  });

  it.each(['help', '--help', '-h'])('prints usage to stdout and exits 0 for %s', (flag) => {
    expect(run([flag])).toEqual({ code: 0, out: [USAGE], err: [] });
  });
});

describe('the clashmap command, run for real', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clashmap-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const clashmap = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  // npx may print its own warnings to stderr; keep only the lines the CLI wrote about `file`.
  const linesAbout = (stream: string, file: string) =>
    stream.split('\n').filter((line) => line.startsWith(`${file}: `));

  it('validates the shipped article map: exit 0', { timeout: 60_000 }, () => {
    const result = clashmap('validate', ARTICLE_MAP_PATH);
    expect(result.status).toBe(0);
    expect(linesAbout(result.stdout, ARTICLE_MAP_PATH)).toEqual([
      `${ARTICLE_MAP_PATH}: valid (25 nodes, 31 edges)`,
    ]);
  });

  it('validates and converts an SVG exported by the app', { timeout: 120_000 }, () => {
    const file = join(dir, 'map.svg');
    writeFileSync(file, exportedSvg(readArticleMap()));
    const validated = clashmap('validate', file);
    expect(validated.status).toBe(0);
    expect(linesAbout(validated.stdout, file)).toEqual([`${file}: valid (25 nodes, 31 edges)`]);
    const converted = clashmap('convert', file, '--to', 'markdown');
    expect(converted.status).toBe(0);
    expect(converted.stdout).toMatch(/^# US drone strikes on Mexican cartels\n/);
  });

  it(
    'refuses a corrupted copy: exit 1, one stderr line per fault, naming its path',
    { timeout: 60_000 },
    () => {
      const doc = JSON.parse(readFileSync(ARTICLE_MAP_PATH, 'utf8'));
      doc.sources[0].url = 'javascript:alert(1)';
      doc.nodes[3].text = '';
      doc.nodes[5].evidence[0].start = -4;
      doc.edges[7].kind = 'attack';
      const file = join(dir, 'corrupted.clashmap.json');
      writeFileSync(file, JSON.stringify(doc, null, 2));

      const result = clashmap('validate', file);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(linesAbout(result.stderr, file)).toEqual([
        `${file}: This map file has 4 problems.`,
        `${file}: sources[0].url: must be an http:// or https:// address`,
        `${file}: nodes[3].text: must not be empty`,
        `${file}: nodes[5].evidence[0].start: must not be negative`,
        `${file}: edges[7].kind: must be "support", "rebuttal", "extends", "turns", "cross-applies", "premise", "concludes", "undercut" or "contrary", not the text "attack"`,
      ]);
    },
  );
});

describe('npm run clashmap: the compiled command', () => {
  const npmRun = (...args: string[]) =>
    spawnSync('npm', ['run', '--silent', 'clashmap', '--', ...args], {
      encoding: 'utf8',
      timeout: 120_000,
    });
  const BUNDLE = '.tmp/cli/clashmap.mjs';

  it(
    'validates and refuses as the TypeScript does, and is rebuilt when a source changes',
    { timeout: 240_000 },
    () => {
      const valid = npmRun('validate', ARTICLE_MAP_PATH);
      expect(valid.status).toBe(0);
      expect(valid.stdout).toBe(`${ARTICLE_MAP_PATH}: valid (25 nodes, 31 edges)\n`);
      const built = statSync(BUNDLE).mtimeMs;

      // A source the command is built from changes: the next run builds it again first.
      const now = new Date();
      utimesSync('src/cli/bin.ts', now, now);
      const missing = npmRun('validate', 'no-such-file.clashmap.json');
      expect(missing.status).toBe(1);
      expect(missing.stderr).toBe('no-such-file.clashmap.json: cannot read: no such file\n');
      expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(built);

      const usage = npmRun('frobnicate');
      expect(usage.status).toBe(2);
      expect(usage.stderr).toBe(`unknown command "frobnicate"\n${USAGE}\n`);
    },
  );
});
