import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { readMapText, readValidMap } from '../../src/io/readMap';
import { serializeMap } from '../../src/io/serialize';
import { LIMITS } from '../../src/model/limits';
import { fileWith } from './helpers/maps';
import { generateMap } from '../../bench/generate';

const FIXTURES = 'tests/fixtures';
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.json$/.test(name) ? [path] : [];
  });

/** Texts made wrong in each of the ways parseMap refuses a file. */
const refused: Array<[string, string]> = [
  ['doubled byte order mark', `\ufeff\ufeff${fileWith(() => undefined)}`],
  ['not JSON', `${fileWith(() => undefined)},`],
  ['a node with a number for text', fileWith((d) => (d.nodes[0]!.text = 5 as never))],
  ['a duplicated key', fileWith(() => undefined).replace('"title":', '"title": "A", "title":')],
  ['a forbidden key', fileWith(() => undefined).replace('"title":', '"__proto__": {}, "title":')],
  ['a newer version', fileWith((d) => (d.version = 999))],
  ['version 0', fileWith((d) => (d.version = 0))],
  ['no format', fileWith((d) => delete (d as { format?: string }).format)],
  ['a list', '[]'],
  ['over the node cap', serializeMap(generateMap(LIMITS.nodes + 1))],
  ['an edge to no node', fileWith((d) => (d.edges[0]!.to = 'n-missing'))],
];

/** Every map file in the fixtures (valid and hostile), valid texts, and the refused ones. */
const texts: Array<[string, string]> = [
  ...files(FIXTURES).map((path): [string, string] => [path, readFileSync(path, 'utf8')]),
  ['valid, made', fileWith(() => undefined)],
  ['at a larger size', serializeMap(generateMap(2_000))],
  ...refused,
];

describe('reading a stored map without the parser that explains failures', () => {
  for (const brokenQuotes of ['warn', 'error'] as const) {
    it(`accepts exactly what parseMap accepts, with the same map and warnings (brokenQuotes: ${brokenQuotes})`, () => {
      let accepted = 0;
      for (const [name, text] of texts) {
        const parsed = parseMap(text, { brokenQuotes });
        const valid = readValidMap(text, { brokenQuotes });
        expect(valid !== undefined, name).toBe(parsed.ok);
        if (parsed.ok && valid) {
          expect(valid.map, name).toEqual(parsed.map);
          expect(valid.warnings, name).toEqual(parsed.warnings);
          accepted += 1;
        }
      }
      // Both kinds are in the list: valid files and refused ones.
      expect(accepted).toBeGreaterThan(5);
      expect(accepted).toBeLessThan(texts.length - 10);
    });
  }

  it('refuses every kind of wrong file', () => {
    for (const [name, text] of refused) {
      expect(readValidMap(text, { brokenQuotes: 'warn' }), name).toBeUndefined();
      expect(parseMap(text, { brokenQuotes: 'warn' }).ok, name).toBe(false);
    }
  });

  it('says why a stored map cannot be read, as parseMap does', async () => {
    for (const [name, text] of texts) {
      const parsed = parseMap(text, { brokenQuotes: 'warn' });
      if (parsed.ok) continue;
      await expect(readMapText(text, { brokenQuotes: 'warn' }), name).resolves.toEqual(parsed);
    }
  });
});
