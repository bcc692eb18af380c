import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { serializeMap } from '../../src/io/serialize';
import type { ClashMap } from '../../src/model/map';
import { mergeMaps, repairMap } from '../../src/model/merge';
import * as ops from './opsOnMaps';

const TEXT = 'The minister said that Mexico will not be subordinated to anyone.';
const QUOTE = 'Mexico will not be subordinated';

function base(): ClashMap {
  const start = TEXT.indexOf(QUOTE);
  return {
    format: 'clashmap',
    version: 5,
    title: 'Strikes',
    sources: [{ id: 'article', title: 'Report', text: TEXT }],
    nodes: [
      { id: 'pos', kind: 'position', text: 'Cooperate with Mexico', evidence: [] },
      {
        id: 'a',
        kind: 'claim',
        text: 'Mexico will not be subordinated',
        evidence: [
          {
            id: 'q1',
            sourceId: 'article',
            quote: QUOTE,
            start,
            end: start + QUOTE.length,
            speaker: 'CS',
          },
        ],
        position: { x: 400, y: 0 },
      },
      { id: 'b', kind: 'claim', text: 'Mexico already collaborates', evidence: [] },
    ],
    edges: [
      { id: 'e-a-pos', from: 'a', to: 'pos', kind: 'support' },
      { id: 'e-b-pos', from: 'b', to: 'pos', kind: 'support' },
    ],
  };
}

const claim = (id: string, text: string) => ({ id, kind: 'claim' as const, text, evidence: [] });
const texts = (map: ClashMap) => map.nodes.map((n) => n.text);
/** A map as another tab has it: written to text and read back, so no object is shared. */
const fromOtherTab = (map: ClashMap) => {
  const parsed = parseMap(serializeMap(map));
  if (!parsed.ok) throw new Error('the other tab’s map does not parse');
  return parsed.map;
};

describe('merging two tabs’ versions of one map', () => {
  it('keeps the claims each side added, each with its relation', () => {
    const mine = ops.connect(ops.addNode(base(), claim('m', 'Mine')), 'm', 'pos', 'support', 'e-m');
    const theirs = ops.connect(
      ops.addNode(base(), claim('t', 'Theirs')),
      't',
      'b',
      'rebuttal',
      'e-t',
    );
    if (!mine.ok || !theirs.ok) throw new Error('setup');
    const merged = mergeMaps(base(), mine.map, fromOtherTab(theirs.map))!;
    expect(texts(merged.map)).toEqual([...texts(base()), 'Mine', 'Theirs']);
    expect(merged.map.edges.map((e) => `${e.from}-${e.kind}-${e.to}`)).toEqual([
      'a-support-pos',
      'b-support-pos',
      'm-support-pos',
      't-rebuttal-b',
    ]);
    expect(merged.repairs).toEqual([]);
  });

  it('takes their edit to one field and mine to another field of the same node', () => {
    const mine = ops.moveNodes(base(), new Map([['b', { x: 10, y: 20 }]]));
    const theirs = {
      ...base(),
      nodes: base().nodes.map((n) => (n.id === 'b' ? { ...n, text: 'Edited there' } : n)),
    };
    const merged = mergeMaps(base(), mine, fromOtherTab(theirs))!;
    expect(merged.map.nodes.find((n) => n.id === 'b')).toEqual({
      ...claim('b', 'Edited there'),
      position: { x: 10, y: 20 },
    });
  });

  it('keeps mine where both changed the same field', () => {
    const edit = (text: string) => ({
      ...base(),
      nodes: base().nodes.map((n) => (n.id === 'b' ? { ...n, text } : n)),
    });
    const merged = mergeMaps(base(), edit('Here'), fromOtherTab(edit('There')))!;
    expect(merged.map.nodes.find((n) => n.id === 'b')?.text).toBe('Here');
  });

  it('drops a relation I added to a node they deleted, and says so', () => {
    const mine = ops.connect(ops.addNode(base(), claim('m', 'Answers b')), 'm', 'b', 'rebuttal');
    if (!mine.ok) throw new Error('setup');
    const theirs = ops.removeElements(base(), ['b'], []);
    const merged = mergeMaps(base(), mine.map, fromOtherTab(theirs))!;
    expect(texts(merged.map)).toEqual([
      'Cooperate with Mexico',
      'Mexico will not be subordinated',
      'Answers b',
    ]);
    expect(merged.map.edges.map((e) => e.id)).toEqual(['e-a-pos']);
    expect(merged.repairs).toEqual([
      'A rebuttal of “Answers b” was removed: the node at its other end was deleted.',
    ]);
  });

  it('changes nothing when the other side made no change', () => {
    const mine = ops.moveNodes(base(), new Map([['a', { x: 1, y: 2 }]]));
    const merged = mergeMaps(base(), mine, fromOtherTab(base()))!;
    expect(merged.map).toEqual(mine);
  });

  it('gives the same map whichever tab merges (their additions placed after their neighbours)', () => {
    const mine = ops.addNode(base(), claim('m', 'Mine'));
    const theirs = ops.addNode(base(), claim('t', 'Theirs'));
    const here = mergeMaps(base(), mine, fromOtherTab(theirs))!.map;
    const there = mergeMaps(base(), theirs, fromOtherTab(mine))!.map;
    expect(here.nodes.map((n) => n.id)).toEqual(there.nodes.map((n) => n.id));
  });
});

describe('the repair pass', () => {
  it('restores a source a quote still cites, and drops steps and what-ifs on deleted nodes', () => {
    const broken: ClashMap = {
      ...base(),
      sources: [],
      nodes: base().nodes.filter((n) => n.id !== 'b'),
      edges: [base().edges[0]!, base().edges[0]!],
      presentation: {
        steps: [
          { id: 's1', nodes: ['b'] },
          { id: 's2', nodes: ['a', 'b'] },
        ],
      },
      assumptions: [{ node: 'b', value: 'falls' }],
    };
    const { map, repairs } = repairMap(broken, base().sources);
    expect(map.sources.map((s) => s.id)).toEqual(['article']);
    expect(map.edges).toHaveLength(1);
    expect(map.presentation).toEqual({ steps: [{ id: 's2', nodes: ['a'] }] });
    expect(map.assumptions).toEqual([]);
    expect(repairs).toEqual([
      'A repeated support from “Mexico will not be subordinated” was removed.',
      'The source “Report” was kept: a quote still cites it.',
      'Presentation steps that showed deleted nodes were updated.',
      'What-ifs on deleted nodes were dropped.',
    ]);
    expect(parseMap(serializeMap(map)).ok).toBe(true);
  });

  it('leaves a whole map as it is (the same object)', () => {
    const map = base();
    expect(repairMap(map).map).toBe(map);
  });
});
