import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInMemory } from './helpers/cli';
import { ARTICLE_MAP_PATH } from './helpers/maps';

const ROUND_PATH = 'tests/fixtures/rounds/policy-round.clashmap.json';
const ROUND = readFileSync(ROUND_PATH, 'utf8');

/** Runs the CLI with the round file held in memory as round.json. */
const run = (argv: string[], files: Record<string, string> = { 'round.json': ROUND }) =>
  runInMemory(argv, files);

/** The lines of the sheet headed by `title`, up to the next sheet. */
function sheet(out: string[], title: string): string[] {
  const start = out.findIndex((line) => line.startsWith(`== ${title}`));
  expect(start, `a sheet headed “${title}”`).toBeGreaterThanOrEqual(0);
  const end = out.findIndex((line, i) => i > start && line.startsWith('== '));
  return out.slice(start, end < 0 ? undefined : end);
}

/** The cells of a table line, trimmed, without the empty cells at its end. */
function cells(line: string): string[] {
  const all = line.split('|').map((cell) => cell.trim());
  while (all.length > 0 && all[all.length - 1] === '') all.pop();
  return all;
}

describe('clashmap flow FILE', () => {
  it('prints each sheet with a column per speech, from the speech that opened it', () => {
    const { code, out, err } = run(['flow', 'round.json', '--width', '400']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toBe(
      'Semifinal: US–Mexico security cooperation (Policy) — Northside AB v. Lakeview CD',
    );
    const adv = sheet(out, 'Advantage 1');
    expect(adv[0]).toBe(
      '== Advantage 1: joint intelligence stops cartel violence (Affirmative, 1AC) ==',
    );
    expect(cells(adv[1]!)).toEqual(['1AC', '1NC', '2AC', '2NC', '1NR', '1AR', '2NR', '2AR']);
    // An off-case sheet starts in the 1NC, as it does on paper.
    const da = sheet(out, 'Disadvantage');
    expect(cells(da[1]!)).toEqual(['1NC', '2AC', '2NC', '1NR', '1AR', '2NR', '2AR']);
    expect(out.filter((line) => line.startsWith('== '))).toHaveLength(3);
  });

  it('puts each answer in the row of the argument it answers, and marks the flags', () => {
    const { out } = run(['flow', 'round.json', '--width', '400']);
    const adv = sheet(out, 'Advantage 1');
    const row = adv.find((line) => line.startsWith('Joint task forces cut homicides'));
    expect(cells(row!)).toEqual([
      'Joint task forces cut homicides',
      'Task forces failed in 2008',
      '2008 lacked shared databases; the plan has them',
    ]);
    const flagsRow = adv[adv.indexOf(row!) + 1]!;
    expect(cells(flagsRow)[0]).toBe('[extended]');
    expect(cells(flagsRow)[2]).toBe('[dropped]');
    // Answers to answers run across the sheet in one row, as on paper.
    const cp = sheet(out, 'Counterplan');
    expect(cells(cp[3]!)).toEqual([
      "Counterplan: fund Mexico's own police instead",
      'Permutation: do both',
      '',
      'The perm links to the disadvantage',
      'The perm is invited too: no link',
      'Invited or not, the perm is the plan',
    ]);
    const da = sheet(out, 'Disadvantage');
    expect(da.some((line) => cells(line).includes('[dropped, new]'))).toBe(true);
  });

  it('shows the round as it stood after a speech with --as-of', () => {
    const { out } = run(['flow', 'round.json', '--as-of', '2AC', '--width', '240']);
    expect(out[0]).toBe(
      'Semifinal: US–Mexico security cooperation (Policy, as of the 2AC) — Northside AB v. Lakeview CD',
    );
    expect(out.join('\n')).not.toContain('The perm links to the disadvantage');
    expect(out.join('\n')).toContain('Permutation: do both');
  });
});

describe('clashmap flow FILE --dropped, --extended, --new', () => {
  it('lists each dropped argument with its sheet, side, speech made and speech where the answer was due', () => {
    const { code, out } = run(['flow', 'round.json', '--dropped']);
    expect(code).toBe(0);
    expect(out[2]).toBe('Dropped (10)');
    expect(out).toContain(
      '  [aff-turn] “Link turn: joint work builds trust” — sheet “Disadvantage: sovereignty backlash”, Affirmative, made in the 2AC, answer due in the negative block (2NC and 1NR)',
    );
    expect(out).toContain(
      '  [ar-turn] “Extend the link turn: the block dropped it” — sheet “Disadvantage: sovereignty backlash”, Affirmative, made in the 1AR, answer due in the 2NR',
    );
  });

  it('lists the extended arguments with where they were carried, and the new ones', () => {
    const { out } = run(['flow', 'round.json', '--extended', '--new']);
    expect(out.slice(2)).toEqual([
      'Extended (3)',
      '  [adv-solv] “Joint task forces cut homicides” — sheet “Advantage 1: joint intelligence stops cartel violence”, Affirmative, made in the 1AC, answer due in the 1NC, extended in the 2AC by [aff-ext-solv]',
      '  [da-impact] “Backlash ends all cooperation” — sheet “Disadvantage: sovereignty backlash”, Negative, made in the 1NC, answer due in the 2AC, extended in the negative block (2NC and 1NR) by [block-ext-impact]',
      '  [aff-turn] “Link turn: joint work builds trust” — sheet “Disadvantage: sovereignty backlash”, Affirmative, made in the 2AC, answer due in the negative block (2NC and 1NR), extended in the 1AR by [ar-turn]',
      '',
      'New in the last rebuttal (1)',
      '  [nr-new] “New: the plan also angers Congress” — sheet “Disadvantage: sovereignty backlash”, Negative, made in the 2NR, answer due in the 2AR',
    ]);
  });

  it('lists what was dropped as of an earlier speech: nothing is due before its speech', () => {
    const { out } = run(['flow', 'round.json', '--dropped', '--as-of', '2NC']);
    // The block is not over after the 2NC: the 2AC's arguments are not dropped yet.
    expect(out.slice(2)).toEqual([
      'Dropped (2)',
      '  [adv-impact] “Violence spills across the border” — sheet “Advantage 1: joint intelligence stops cartel violence”, Affirmative, made in the 1AC, answer due in the 1NC',
      '  [da-impact] “Backlash ends all cooperation” — sheet “Disadvantage: sovereignty backlash”, Negative, made in the 1NC, answer due in the 2AC',
    ]);
  });
});

describe('clashmap flow: what goes wrong', () => {
  it('says when a map holds no round, and exits 1', () => {
    const { code, err } = run(['flow', 'map.json'], {
      'map.json': readFileSync(ARTICLE_MAP_PATH, 'utf8'),
    });
    expect(code).toBe(1);
    expect(err).toEqual([
      'map.json: holds no round: no node says which speech it was made in (see docs/file-format.md, Round)',
    ]);
  });

  it('names the speeches when --as-of names one the format lacks, and exits 2', () => {
    const { code, err } = run(['flow', 'round.json', '--as-of', '3AR']);
    expect(code).toBe(2);
    expect(err[0]).toBe(
      '--as-of: "3AR" is not a speech of Policy debate (1AC, 1NC, 2AC, 2NC, 1NR, 1AR, 2NR, 2AR)',
    );
  });

  it('refuses unknown options and a missing file with the usage', () => {
    expect(run(['flow', 'round.json', '--drops']).err[0]).toBe('unknown option "--drops"');
    expect(run(['flow']).err[0]).toBe('flow needs one FILE');
    expect(run(['flow', 'nope.json'])).toMatchObject({
      code: 1,
      err: ['nope.json: cannot read: no such file'],
    });
  });
});

describe('npm run clashmap -- flow, run for real', () => {
  it('prints the dropped arguments of a file on disk', () => {
    const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'flow', ROUND_PATH, '--new'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('New in the last rebuttal (1)\n  [nr-new]');
  }, 30_000);
});
