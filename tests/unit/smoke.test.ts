import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';

describe('parseMap', () => {
  it('accepts the article map', () => {
    const result = parseMap(readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'));
    expect(result.ok).toBe(true);
  });
});
