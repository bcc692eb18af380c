import { describe, expect, it } from 'vitest';
import type { ClashMap } from '../../src/model/map';
import { outlineOf, type OutlineItem } from '../../src/model/outline';

const node = (id: string, kind: 'position' | 'claim' = 'claim') => ({
  id,
  kind,
  text: id,
  evidence: [],
});

/** The outline in reading order: `id` written out, `id*` a reference to an earlier one. */
function reading(items: OutlineItem[]): string[] {
  return items.flatMap((item) => [
    item.repeat ? `${item.node.id}*` : item.node.id,
    ...reading(item.children),
  ]);
}

describe('outlineOf', () => {
  it('writes a shared node out where a reader first meets it, and refers back to it after', () => {
    // a and b both answer p; c supports both a and b; d answers c.
    const map: ClashMap = {
      format: 'clashmap',
      version: 5,
      title: 'Shared',
      sources: [],
      nodes: [node('p', 'position'), node('a'), node('b'), node('c'), node('d')],
      edges: [
        { id: 'e1', from: 'a', to: 'p', kind: 'support' },
        { id: 'e2', from: 'b', to: 'p', kind: 'rebuttal' },
        { id: 'e3', from: 'c', to: 'a', kind: 'support' },
        { id: 'e4', from: 'c', to: 'b', kind: 'support' },
        { id: 'e5', from: 'd', to: 'c', kind: 'rebuttal' },
      ],
    };
    const outline = outlineOf(map);
    expect(reading(outline.positions)).toEqual(['p', 'a', 'c', 'd', 'b', 'c*']);
    expect(outline.unlinked).toEqual([]);
  });

  it('keeps a 5,000-long chain of replies without overflowing the stack', () => {
    const nodes = [node('p', 'position'), ...Array.from({ length: 5000 }, (_, i) => node(`c${i}`))];
    const edges = nodes.slice(1).map((n, i) => ({
      id: `e${i}`,
      from: n.id,
      to: i === 0 ? 'p' : `c${i - 1}`,
      kind: 'rebuttal' as const,
    }));
    const outline = outlineOf({
      format: 'clashmap',
      version: 5,
      title: 'Chain',
      sources: [],
      nodes,
      edges,
    });
    let depth = 0;
    for (let item = outline.positions[0]; item && item.children[0]; item = item.children[0])
      depth++;
    expect(depth).toBe(5000);
  });
});
