import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { anchorQuote, quoteMismatch } from '../../src/model/evidence';
import { quoteMarks, segmentText } from '../../src/model/highlights';
import type { ClashMap } from '../../src/model/map';

describe('quote offsets in real text', () => {
  const article = readFileSync('tests/fixtures/cartel-drone-strikes-article.txt', 'utf8');

  it('anchors quotes that contain typographic quotes, dashes and apostrophes', () => {
    for (const quote of [
      '“terrorist organizations”',
      'the cartels—or independent criminal syndicates—will have',
      'it’s unlikely to have that effect',
      'That’s been very clear, Mexico coordinates and collaborates',
    ]) {
      const at = anchorQuote(article, quote);
      expect(at, quote).not.toBeNull();
      expect(article.slice(at!.start, at!.end)).toBe(quote);
    }
  });

  it('counts offsets in UTF-16 code units, so astral characters take two', () => {
    const text = 'Señor 🇲🇽 said: “no intervención”.';
    const at = anchorQuote(text, 'no intervención')!;
    expect(at).toEqual({
      start: text.indexOf('no'),
      end: text.indexOf('no') + 'no intervención'.length,
    });
    expect(at.start).toBe(18); // 'Señor ' (6) + flag (4 code units) + ' said: “' (8)
    const evidence = { id: 'q1', sourceId: 's', quote: 'no intervención', ...at, speaker: 'X' };
    expect(quoteMismatch(evidence, { id: 's', title: 'T', text })).toBeNull();
  });

  it('prefers the occurrence nearest the old place when a quote appears twice', () => {
    const text = 'we reject it. later: we reject it.';
    expect(anchorQuote(text, 'we reject it', 0)).toEqual({ start: 0, end: 12 });
    expect(anchorQuote(text, 'we reject it', 25)).toEqual({ start: 21, end: 33 });
    expect(anchorQuote(text, 'not there')).toBeNull();
  });

  it('does not normalise: a straight quote does not match a curly one', () => {
    expect(anchorQuote('“terror”', '"terror"')).toBeNull();
  });
});

describe('highlight segments', () => {
  it('cuts overlapping and nested quotes into runs covered by the same quotes', () => {
    const marks = [
      { nodeId: 'a', evidenceIndex: 0, start: 2, end: 8 },
      { nodeId: 'b', evidenceIndex: 0, start: 4, end: 6 },
      { nodeId: 'c', evidenceIndex: 0, start: 7, end: 10 },
    ];
    const segments = segmentText(12, marks).map((s) => [
      s.start,
      s.end,
      s.marks.map((m) => m.nodeId).join(''),
    ]);
    expect(segments).toEqual([
      [0, 2, ''],
      [2, 4, 'a'],
      [4, 6, 'ab'],
      [6, 7, 'a'],
      [7, 8, 'ac'],
      [8, 10, 'c'],
      [10, 12, ''],
    ]);
  });

  it('marks every quote of the article map, and none that no longer matches', () => {
    const parsed = parseMap(readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'));
    if (!parsed.ok) throw new Error('article map does not parse');
    const map = parsed.map;
    const total = map.nodes.reduce((n, node) => n + node.evidence.length, 0);
    expect(quoteMarks(map, 'article')).toHaveLength(total);
    const source = map.sources[0]!;
    const edited: ClashMap = { ...map, sources: [{ ...source, text: `Note. ${source.text!}` }] };
    expect(quoteMarks(edited, 'article')).toHaveLength(0);
  });
});
