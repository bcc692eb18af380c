import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FORMATS,
  exportFormats,
  getFormat,
  guessImportFormat,
  importFormats,
} from '../../../src/io/formats/registry';
import type { FormatId } from '../../../src/io/formats/types';
import { ARTICLE_MAP_PATH, allFieldsMap, readArticleMap } from '../helpers/maps';
import { argumentOf, exported, imported } from './expectations';
import { TRICKY_MAP } from './trickyMap';

describe('format registry', () => {
  it('lists every format, with what each can do', () => {
    expect(FORMATS.map((f) => [f.id, f.export !== undefined, f.import !== undefined])).toEqual([
      ['clashmap', true, true],
      ['argdown', true, true],
      ['aif', true, true],
      ['kialo', false, true],
      ['flower', false, true],
      ['markdown', true, false],
      ['dot', true, false],
      ['graphml', true, false],
    ]);
    expect(exportFormats().map((f) => f.id)).toEqual([
      'clashmap',
      'argdown',
      'aif',
      'markdown',
      'dot',
      'graphml',
    ]);
    expect(importFormats().map((f) => f.id)).toEqual([
      'clashmap',
      'argdown',
      'aif',
      'kialo',
      'flower',
    ]);
  });

  it('names each format, its file extension and MIME type', () => {
    for (const format of FORMATS) {
      expect(format.label).not.toBe('');
      expect(format.extension).toMatch(/^\.[a-z.]+$/);
      expect(format.mimeType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
    }
    expect(getFormat('argdown').extension).toBe('.argdown');
    expect(getFormat('clashmap').extension).toBe('.clashmap.json');
    expect(() => getFormat('pdf' as FormatId)).toThrow('unknown format "pdf"');
  });

  it('exports every map with every exporter, listing losses in words', () => {
    for (const map of [readArticleMap(), allFieldsMap(), TRICKY_MAP]) {
      for (const format of exportFormats()) {
        const { text, losses } = exported(format.export!(map));
        expect(text.length).toBeGreaterThan(0);
        expect(text.endsWith('\n')).toBe(true);
        for (const loss of losses) {
          expect(loss.message).toMatch(/^[A-Z][^\n]*\S$/);
          expect(loss.count).toBeGreaterThanOrEqual(1);
        }
      }
    }
    expect(exported(getFormat('clashmap').export!(readArticleMap())).losses).toEqual([]);
  });

  it('reads back what it writes, for every format that does both', async () => {
    const map = readArticleMap();
    for (const format of FORMATS.filter((f) => f.export && f.import)) {
      const { map: back } = imported(await format.import!(exported(format.export!(map)).text));
      expect(argumentOf(back)).toEqual(argumentOf(map));
    }
  });

  it('reports a refused Clashmap file with its headline first', async () => {
    const result = await getFormat('clashmap').import!('{"format": "clashmap"');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/^This file is not valid JSON/);
  });

  it('guesses the format of a file from its name and first characters', () => {
    const read = (path: string) => readFileSync(path, 'utf8');
    expect(guessImportFormat('map.clashmap.json', read(ARTICLE_MAP_PATH))).toBe('clashmap');
    expect(guessImportFormat('download.json', read(ARTICLE_MAP_PATH))).toBe('clashmap');
    expect(
      guessImportFormat('nodeset.json', read('tests/fixtures/formats/drone-strikes.aif.json')),
    ).toBe('aif');
    expect(
      guessImportFormat('debate.txt', read('tests/fixtures/formats/drone-strikes.kialo.txt')),
    ).toBe('kialo');
    expect(
      guessImportFormat('debate.txt', read('tests/fixtures/formats/drone-strikes.argdown')),
    ).toBe('argdown');
    expect(guessImportFormat('notes.txt', 'Just some notes.')).toBeUndefined();
  });
});
