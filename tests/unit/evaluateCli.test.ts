import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInMemory } from './helpers/cli';
import { ARTICLE_MAP_PATH, fileWith } from './helpers/maps';

const run = runInMemory;

// The small valid document (a position supported by one claim), plus a rebuttal ring of two
// claims, one of which also rebuts the supporting claim.
const MAP = fileWith((doc) => {
  doc.nodes.push(
    { id: 'ring-a', kind: 'claim', text: 'Talks are stalled', evidence: [] },
    { id: 'ring-b', kind: 'claim', text: 'Talks are   moving', evidence: [] },
  );
  doc.edges.push(
    { id: 'e2', from: 'ring-a', to: 'ring-b', kind: 'rebuttal' },
    { id: 'e3', from: 'ring-b', to: 'ring-a', kind: 'rebuttal' },
    { id: 'e4', from: 'ring-a', to: 'claim', kind: 'rebuttal' },
  );
});
const FILES = { 'map.json': MAP };

describe('clashmap evaluate', () => {
  it('prints each node’s label and reason, positions first, then a summary', () => {
    expect(run(['evaluate', 'map.json'], FILES)).toEqual({
      code: 0,
      out: [
        'Positions',
        'undecided pos  Cooperate with Mexico',
        '          — its supporter “Mexico will not be subordinated” is undecided because of a rebuttal cycle between “Talks are stalled” and “Talks are moving”',
        '',
        'Claims',
        'undecided claim  Mexico will not be subordinated',
        '          — rebutted by “Talks are stalled”, which is undecided because of a rebuttal cycle between “Talks are stalled” and “Talks are moving”',
        'undecided ring-a  Talks are stalled',
        '          — part of a rebuttal cycle with “Talks are moving”',
        'undecided ring-b  Talks are moving',
        '          — part of a rebuttal cycle with “Talks are stalled”',
        '',
        'Positions: 0 stand, 0 fall, 1 undecided',
        'Claims: 0 stand, 0 fall, 3 undecided',
      ],
      err: [],
    });
  });

  it('takes --assume and shows the consequences ripple', () => {
    const result = run(['evaluate', 'map.json', '--assume', 'ring-b=stands'], FILES);
    expect(result.code).toBe(0);
    expect(result.out.slice(0, 5)).toEqual([
      'Assuming ring-b stands.',
      '',
      'Positions',
      'stands    pos  Cooperate with Mexico',
      '          — supported by “Mexico will not be subordinated”, which stands, and nothing rebuts it',
    ]);
    expect(result.out).toContain('          — you assumed it stands');
    expect(result.out.slice(-2)).toEqual([
      'Positions: 1 stands, 0 fall, 0 undecided',
      'Claims: 2 stand, 1 falls, 0 undecided',
    ]);
  });

  it('takes several assumptions, in either spelling', () => {
    const result = run(
      ['evaluate', '--assume=ring-a=stands', 'map.json', '--assume', 'pos=stands'],
      FILES,
    );
    expect(result.code).toBe(0);
    expect(result.out[0]).toBe('Assuming ring-a stands, pos stands.');
    expect(result.out.slice(-2)).toEqual([
      'Positions: 1 stands, 0 fall, 0 undecided',
      'Claims: 1 stands, 2 fall, 0 undecided',
    ]);
  });

  it.each([
    [
      'a value that is not a verdict',
      ['--assume', 'pos=maybe'],
      '--assume "pos=maybe": "maybe" is not a verdict; use stands or falls',
    ],
    [
      'an assumption without "="',
      ['--assume', 'pos'],
      '--assume "pos": write it as ID=stands or ID=falls',
    ],
    ['--assume with nothing after it', ['--assume'], '--assume needs ID=stands or ID=falls'],
    [
      'contradictory assumptions',
      ['--assume', 'pos=stands', '--assume', 'pos=falls'],
      '--assume "pos=falls" contradicts --assume "pos=stands"',
    ],
    ['an unknown option', ['--assert', 'pos=stands'], 'unknown option "--assert"'],
  ])('refuses %s with usage, exit 2', (_, extra, problem) => {
    const result = run(['evaluate', 'map.json', ...extra], FILES);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err[0]).toBe(problem);
    expect(result.err[1]).toMatch(/^Usage:\n/);
  });

  it('refuses an assumption about a node the map does not have, exit 2', () => {
    expect(run(['evaluate', 'map.json', '--assume', 'nope=falls'], FILES)).toEqual({
      code: 2,
      out: [],
      err: ['--assume "nope=falls": map.json has no node with the id "nope"'],
    });
  });

  it.each([
    ['no file', []],
    ['two files', ['map.json', 'map.json']],
  ])('needs exactly one file: refuses %s, exit 2', (_, files) => {
    const result = run(['evaluate', ...files], FILES);
    expect(result.code).toBe(2);
    expect(result.err[0]).toBe('evaluate needs one FILE');
  });

  it('prints why an invalid map cannot be evaluated, and exits 1', () => {
    const bad = fileWith((doc) => {
      doc.edges[0]!.kind = 'attack';
    });
    expect(run(['evaluate', 'bad.json'], { 'bad.json': bad })).toEqual({
      code: 1,
      out: [],
      err: [
        'bad.json: This map file has a problem.',
        'bad.json: edges[0].kind: must be "support", "rebuttal", "extends", "turns", "cross-applies", "premise", "concludes", "undercut" or "contrary", not the text "attack"',
      ],
    });
    expect(run(['evaluate', 'missing.json'])).toEqual({
      code: 1,
      out: [],
      err: ['missing.json: cannot read: no such file'],
    });
  });

  it('is listed in the usage text', () => {
    expect(run(['help']).out[0]).toContain('clashmap evaluate FILE [--assume ID=stands|falls]…');
  });

  it('summarises the shipped article map as docs/evaluation.md shows it', () => {
    const article = { [ARTICLE_MAP_PATH]: readFileSync(ARTICLE_MAP_PATH, 'utf8') };
    const result = run(['evaluate', ARTICLE_MAP_PATH], article);
    expect(result.code).toBe(0);
    expect(result.out.slice(-2)).toEqual([
      'Positions: 2 stand, 2 fall, 0 undecided',
      'Claims: 17 stand, 4 fall, 0 undecided',
    ]);
    const doc = readFileSync('docs/evaluation.md', 'utf8');
    const shown = /```text\n(Positions\n[\s\S]*?)\n```/.exec(doc)?.[1];
    const positions = result.out.slice(0, result.out.indexOf(''));
    expect(shown?.split('\n')).toEqual([...positions, '', ...result.out.slice(-2)]);
  });
});

describe('clashmap evaluate, run for real', () => {
  it('evaluates the article map with an assumption: exit 0', { timeout: 60_000 }, () => {
    const result = spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'evaluate', ARTICLE_MAP_PATH, '--assume', 'claim-collusion=falls'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Assuming claim-collusion falls.');
    expect(lines).toContain(
      'stands    pos-cooperative  The US should act against the cartels only in coordination with the Mexican government.',
    );
    expect(lines).toContain('Positions: 3 stand, 1 falls, 0 undecided');
  });
});
