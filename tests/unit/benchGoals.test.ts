import { afterEach, describe, expect, it, vi } from 'vitest';
import { printGoals, shortfall, type GoalRow } from '../../bench/fair';
import { MISS_REASONS } from '../../bench/missReasons';

const row = (over: Partial<GoalRow>): GoalRow => ({
  measure: 'typing → painted, p95',
  size: '5,000',
  app: 40,
  fair: 29,
  unit: ' ms',
  goal: '≤ 1.2×',
  pass: false,
  ...over,
});

describe('the bench’s missed goals', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says by how much a ratio goal is missed, against the like-for-like page', () => {
    const { by, why } = shortfall(row({}));
    expect(by).toBe('1.38× against ≤ 1.2×: 5.2 ms more than 1.2× the like-for-like page’s 29 ms');
    expect(why).toBe(MISS_REASONS['typing → painted, p95']);
  });

  it('says by how much a limit is missed, in the goal’s unit (seconds counted as such)', () => {
    expect(
      shortfall(
        row({
          measure: '  longest main-thread task while opening',
          app: 353,
          fair: null,
          goal: '≤ 200 ms',
        }),
      ).by,
    ).toBe('353 ms against ≤ 200 ms: 153 ms over');
    expect(
      shortfall(row({ measure: 'open → drawn, 10,000 nodes', app: 3400, goal: '< 3 s' })).by,
    ).toBe('3400 ms against < 3 s: 400 ms over');
    expect(shortfall(row({ app: null })).by).toMatch(/^not measured/);
  });

  it('a miss with no recorded cause says so and how to find it', () => {
    expect(shortfall(row({ measure: 'something new' })).why).toMatch(
      /No cause recorded: profile it/,
    );
  });

  it('prints each miss under the table, with by how much and why', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args.join(' ')));
    const missed = row({});
    printGoals([
      { ...missed, ...shortfall(missed) },
      row({ measure: 'commit (Enter) → painted, median', app: 57, goal: '≤ 100 ms', pass: true }),
    ]);
    const out = lines.join('\n');
    expect(out).toContain('1 goal missed: by how much, and why');
    expect(out).toContain('✗ typing → painted, p95, 5,000: 1.38× against ≤ 1.2×');
    expect(out).toContain(MISS_REASONS['typing → painted, p95']!);
    expect(out).not.toContain('✗ commit');
  });
});
