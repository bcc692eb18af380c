import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { leadingPositions } from '../../src/model/graph';
import type { ClashMap } from '../../src/model/map';
import { captionName, defaultSteps } from '../../src/model/presentationSteps';

const parsed = parseMap(readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'));
if (!parsed.ok) throw new Error('the article map does not parse');
const article: ClashMap = parsed.map;
const positions = article.nodes.filter((n) => n.kind === 'position');

describe('the automatic presentation steps', () => {
  const steps = defaultSteps(article);

  it('show every node exactly once', () => {
    const shown = steps.flatMap((s) => s.nodes);
    expect(new Set(shown).size).toBe(shown.length);
    expect([...shown].sort()).toEqual(article.nodes.map((n) => n.id).sort());
  });

  it('give every position its supporters and its answers, in its own steps', () => {
    const leading = leadingPositions(article);
    for (const position of positions) {
      const share = article.nodes.filter((n) => leading.get(n.id) === position.id);
      const own = steps.filter((s) => s.title?.startsWith(`“${captionName(position.text)}”`));
      expect(own.flatMap((s) => s.nodes).sort(), position.text).toEqual(
        share.map((n) => n.id).sort(),
      );
      const supporters = article.edges.filter(
        (e) => e.to === position.id && e.kind === 'support' && leading.get(e.from) === position.id,
      );
      if (supporters.length > 0)
        expect(
          own.some((s) => / what supports it/.test(s.title ?? '')),
          position.text,
        ).toBe(true);
    }
  });

  it('are balanced: no position takes more than its share of the claims under it', () => {
    // Before, the first position took 16 of 22 steps because it claimed others' supporters.
    const leading = leadingPositions(article);
    for (const position of positions) {
      const share = article.nodes.filter((n) => leading.get(n.id) === position.id).length;
      const own = steps.filter((s) => s.title?.startsWith(`“${captionName(position.text)}”`));
      expect(own.length, position.text).toBeLessThanOrEqual(share);
      expect(own.length, position.text).toBeGreaterThanOrEqual(share > 1 ? 2 : 1);
    }
  });

  it('caption each step with the position’s words, never “Position 1”', () => {
    for (const step of steps) expect(step.title).not.toMatch(/^Position \d/);
    expect(steps[0]!.title).toBe(`“${captionName(positions[0]!.text)}”`);
  });

  it('cut a long position at a word', () => {
    const long = 'Strike the cartels from the air without asking Mexico first, whatever the cost';
    const cut = captionName(long);
    expect(cut.length).toBeLessThanOrEqual(61);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(captionName('Short')).toBe('Short');
  });
});
