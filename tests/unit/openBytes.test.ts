import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openBytes, openErrorLines, openMapBytes, type OpenResult } from '../../src/io/openBytes';
import { LIMITS } from '../../src/model/limits';
import { fileWith, readArticleMap } from './helpers/maps';
import { exportedSvg } from './helpers/svg';

const bytes = (text: string) => new TextEncoder().encode(text);
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/formats/${name}`));

async function opened(name: string, content: Uint8Array) {
  const result: OpenResult = await openBytes(name, content);
  if (!result.ok)
    throw new Error(`expected a map, got: ${openErrorLines(result.error).join('\n')}`);
  return result;
}

async function refused(name: string, content: Uint8Array) {
  const result: OpenResult = await openBytes(name, content);
  if (result.ok) throw new Error(`expected ${name} to be refused, but it opened`);
  return { format: result.format, kind: result.error.kind, lines: openErrorLines(result.error) };
}

const GOOD = fileWith(() => {});
const BAD = fileWith((doc) => {
  doc.nodes[0]!.kind = 'inference';
});

describe('openBytes recognises each format and opens it', { timeout: 180_000 }, () => {
  it('opens Clashmap JSON, at once, with nothing lost', () => {
    const result = openBytes('map.json', bytes(GOOD));
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toMatchObject({
      ok: true,
      format: 'clashmap',
      label: 'Clashmap map',
      losses: [],
    });
    expect((result as { map: { title: string } }).map.title).toBe('Strikes');
  });

  it('opens the SVG the app exports, giving back the very map it pictures', async () => {
    const article = readArticleMap();
    const result = await opened('map.svg', bytes(exportedSvg(article)));
    expect(result.format).toBe('svg');
    expect(result.losses).toEqual([]);
    expect(result.map).toEqual(article);
  });

  it('opens Argdown, AIF and Kialo, saying what did not carry over', async () => {
    const argdown = await opened('debate.argdown', fixture('drone-strikes.argdown'));
    expect(argdown).toMatchObject({ format: 'argdown', label: 'Argdown' });
    expect(argdown.map.nodes.length).toBeGreaterThan(3);
    expect(argdown.losses.length).toBeGreaterThan(0);

    const aif = await opened('debate.json', fixture('drone-strikes.aif.json'));
    expect(aif).toMatchObject({ format: 'aif', label: 'AIF (AIFdb JSON)' });
    expect(aif.map.nodes.length).toBeGreaterThan(1);

    const kialo = await opened('debate.txt', fixture('drone-strikes.kialo.txt'));
    expect(kialo).toMatchObject({ format: 'kialo', label: 'Kialo discussion export' });
    expect(kialo.map.nodes[0]!.text).toMatch(/drone strikes against cartels/);
  });

  it('reads a file as the format it is told, whatever its name', async () => {
    const result = await opened('notes', fixture('drone-strikes.kialo.txt'));
    expect(result.format).toBe('kialo');
    const forced = await openBytes('notes.txt', fixture('drone-strikes.kialo.txt'), {
      from: 'argdown',
    });
    expect(forced.format).toBe('argdown');
  });
});

describe(
  'openBytes refuses a bad file of each kind, naming what is wrong and where',
  { timeout: 60_000 },
  () => {
    it('Clashmap JSON: names the field', async () => {
      expect(await refused('bad.json', bytes(BAD))).toEqual({
        format: 'clashmap',
        kind: 'invalidContent',
        lines: [
          'This map file has a problem.',
          'nodes[0].kind: must be "position", "claim" or "argument", not the text "inference"',
        ],
      });
    });

    it('SVG: an exported picture whose map was damaged names the field inside the map', async () => {
      const svg = exportedSvg(readArticleMap());
      const damaged = svg.replace(
        /(&quot;|")kind\1: ?(&quot;|")position\2/,
        '$1kind$1: $2inference$2',
      );
      expect(damaged).not.toBe(svg);
      const { format, kind, lines } = await refused('map.svg', bytes(damaged));
      expect({ format, kind }).toEqual({ format: 'svg', kind: 'invalidContent' });
      expect(lines[1]).toMatch(
        /^nodes\[\d+\]\.kind: must be "position", "claim" or "argument", not the text "inference"$/,
      );
    });

    it('SVG: a picture from another program says it holds no map', async () => {
      const svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>';
      expect(await refused('logo.svg', bytes(svg))).toEqual({
        format: 'svg',
        kind: 'notAClashmap',
        lines: [
          'This looks like a SVG image file, not a Clashmap map.',
          'This SVG was not made by Clashmap, so it holds no map',
        ],
      });
    });

    it('Argdown: names the line and column', async () => {
      expect(
        await refused('bad.argdown', bytes('[A]: x\n    + [B]: y\n  - [C]: z\n')),
      ).toMatchObject({
        format: 'argdown',
        kind: 'importFailed',
        lines: [
          'This Argdown file could not be imported.',
          expect.stringMatching(/^line 3, column 1: /),
        ],
      });
    });

    it('AIF: names the place in the file', async () => {
      const aif = JSON.stringify({ AIF: { nodes: {}, edges: [] } });
      expect(await refused('bad.json', bytes(aif))).toEqual({
        format: 'aif',
        kind: 'importFailed',
        lines: [
          'This AIF (AIFdb JSON) file could not be imported.',
          'AIF.nodes: must be a list of nodes',
        ],
      });
    });

    it('Kialo: names the line', async () => {
      const kialo = 'Discussion Title: T\n\n1. Thesis.\n1.1. Pro: Fine.\n1.3.2. Con: Orphan.\n';
      expect(await refused('bad.txt', bytes(kialo))).toEqual({
        format: 'kialo',
        kind: 'importFailed',
        lines: [
          'This Kialo discussion export file could not be imported.',
          'line 5: claim 1.3.2. has no parent: there is no claim 1.3.',
        ],
      });
    });

    it('refuses files too large, or not UTF-8, before any reader sees them', async () => {
      const huge = new Uint8Array(LIMITS.fileBytes + 1).fill(0x20);
      expect((await refused('huge.argdown', huge)).kind).toBe('tooLarge');
      const utf16 = new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]);
      expect((await refused('map.json', utf16)).lines).toEqual([
        'This file is not UTF-8 text.',
        'it is saved as UTF-16; save it as UTF-8 and open it again',
      ]);
    });
  },
);

describe(
  'openMapBytes (Open, and clashmap validate) reads only Clashmap’s own formats',
  { timeout: 60_000 },
  () => {
    it('opens Clashmap JSON and Clashmap SVG', () => {
      expect(openMapBytes(bytes(GOOD))).toMatchObject({ ok: true, format: 'clashmap' });
      const svg = exportedSvg(readArticleMap());
      expect(openMapBytes(bytes(svg))).toMatchObject({ ok: true, format: 'svg' });
    });

    it('refuses another tool’s file, saying what it looks like', () => {
      const result = openMapBytes(fixture('drone-strikes.aif.json'));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(openErrorLines(result.error)[0]).toBe(
          'This looks like an AIF (Argument Interchange Format) file, not a Clashmap map.',
        );
      }
    });
  },
);
