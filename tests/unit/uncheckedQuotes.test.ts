import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { serializeMap } from '../../src/io/serialize';
import { applyChange } from '../../src/model/change';
import { isChecked } from '../../src/model/evidence';
import type { ClashMap } from '../../src/model/map';
import { addCitedQuote, updateSource } from '../../src/model/sourceOps';
import * as sourceEdits from '../../src/store/sourceEdits';
import { createClashmapStore } from '../../src/store/store';

// A quote taken from a source whose full text is not at hand: kept with its speaker and the
// source's citation, marked as not checked, and checked once the text is added.

const map = (): ClashMap => ({
  format: 'clashmap',
  version: 5,
  title: 'Radio',
  sources: [{ id: 'radio', title: 'Morning radio interview', author: 'B. Host' }],
  nodes: [
    {
      id: 'c',
      kind: 'claim',
      text: 'Strikes would not stop the flow',
      evidence: [
        {
          id: 'q1',
          sourceId: 'radio',
          quote: 'Strikes would not stop the flow.',
          speaker: 'A. Analyst',
        },
        {
          id: 'q2',
          sourceId: 'radio',
          quote: 'Words the transcript lacks.',
          speaker: 'A. Analyst',
        },
      ],
    },
  ],
  edges: [],
});

describe('a quote not checked against a text', () => {
  it('is a valid map, written and read back as it is (no offsets)', () => {
    const text = serializeMap(map());
    expect(text).not.toContain('"start"');
    const read = parseMap(text);
    expect(read.ok ? [] : read.error.issues).toEqual([]);
    expect(read.ok && read.map).toStrictEqual(map());
  });

  it('has both offsets or neither: one alone is an error that names "end"', () => {
    const broken = map();
    broken.nodes[0]!.evidence[0] = { ...broken.nodes[0]!.evidence[0]!, start: 0 };
    const read = parseMap(JSON.stringify(broken));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error.issues.map((i) => i.path)).toContain('nodes[0].evidence[0].end');
  });

  it('becomes checked when its source gets a text that holds it; one the text lacks stays not checked', () => {
    const before = map();
    const text = 'Host: what works? Analyst: Strikes would not stop the flow. And more.';
    const after = applyChange(before, updateSource(before, 'radio', { text }));
    const [q1, q2] = after.nodes[0]!.evidence;
    expect(isChecked(q1!)).toBe(true);
    expect(text.slice(q1!.start, q1!.end)).toBe(q1!.quote);
    expect(isChecked(q2!)).toBe(false);
    const read = parseMap(serializeMap(after));
    expect(read.ok ? [] : read.error.issues).toEqual([]);
  });

  it('opens from the frozen version-3 fixture', () => {
    const read = parseMap(readFileSync('tests/fixtures/format-v3.clashmap.json', 'utf8'));
    expect(read.ok).toBe(true);
    const quotes = read.ok ? read.map.nodes.flatMap((n) => n.evidence) : [];
    expect(quotes.filter((q) => !isChecked(q)).map((q) => q.id)).toEqual(['q3']);
  });

  it('comes with its new cited source in one change, and one undo takes both away', () => {
    const result = addCitedQuote(
      map(),
      'c',
      { title: 'Senate hearing', url: 'https://example.com/hearing', published: '2025-03-04' },
      { quote: 'We do not know yet.', speaker: 'A. Senator' },
    );
    expect(result.ok).toBe(true);
    const store = createClashmapStore(map());
    expect(
      sourceEdits.addCitedQuote(
        store,
        'c',
        { title: 'Senate hearing' },
        { quote: 'We do not know yet.', speaker: 'A. Senator' },
      ),
    ).toBe(true);
    const added = store.getState().map;
    expect(added.sources.map((s) => s.title)).toEqual([
      'Morning radio interview',
      'Senate hearing',
    ]);
    expect(added.nodes[0]!.evidence).toHaveLength(3);
    expect(isChecked(added.nodes[0]!.evidence[2]!)).toBe(false);
    store.getState().undo();
    expect(store.getState().map.sources).toHaveLength(1);
    expect(store.getState().map.nodes[0]!.evidence).toHaveLength(2);
  });
});
