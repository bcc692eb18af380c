import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { LAYOUT_SPACING, layoutMap } from '../../src/layout/layoutMap';
import { estimateNodeSize, NODE_WIDTH, type Size } from '../../src/layout/nodeSize';
import type { Edge } from '../../src/model/edge';
import type { ClashMap } from '../../src/model/map';
import type { MapNode, Point } from '../../src/model/node';

const ARTICLE_MAP_PATH = 'public/maps/cartel-drone-strikes.clashmap.json';

function articleMap(): ClashMap {
  const result = parseMap(readFileSync(ARTICLE_MAP_PATH, 'utf8'));
  if (!result.ok) throw new Error(`the article map did not parse: ${JSON.stringify(result.error)}`);
  return result.map;
}

function mapOf(nodes: MapNode[], edges: Edge[]): ClashMap {
  return { format: 'clashmap', version: 5, title: 'Test', sources: [], nodes, edges };
}
const claim = (id: string, text = `Claim ${id}`): MapNode => ({
  id,
  kind: 'claim',
  text,
  evidence: [],
});
const position = (id: string, text = `Position ${id}`): MapNode => ({
  id,
  kind: 'position',
  text,
  evidence: [],
});
let edgeSerial = 0;
const supports = (from: string, to: string): Edge => ({
  id: `e${++edgeSerial}`,
  from,
  to,
  kind: 'support',
});
const rebuts = (from: string, to: string): Edge => ({
  id: `e${++edgeSerial}`,
  from,
  to,
  kind: 'rebuttal',
});

interface Rect extends Point, Size {
  id: string;
}

function rects(map: ClashMap, at: ReadonlyMap<string, Point>, sizeOf = estimateNodeSize): Rect[] {
  return map.nodes.map((node) => {
    const p = at.get(node.id);
    if (!p) throw new Error(`no position for ${node.id}`);
    return { id: node.id, ...p, ...sizeOf(node) };
  });
}

/** Pairs of rectangles that overlap (touching edges do not count). */
function overlaps(list: Rect[]): string[] {
  const sorted = [...list].sort((a, b) => a.x - b.x);
  const found: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.x >= a.x + a.width) break;
      if (a.y < b.y + b.height && b.y < a.y + a.height) found.push(`${a.id} × ${b.id}`);
    }
  }
  return found;
}

/** The node a claim is drawn under: what it supports, failing that what it rebuts (file order). */
function parentOf(map: ClashMap, id: string): { to: string; kind: Edge['kind'] } | null {
  const out = map.edges.filter((e) => e.from === id);
  const edge = out.find((e) => e.kind === 'support') ?? out[0];
  return edge ? { to: edge.to, kind: edge.kind } : null;
}

describe('the flow-sheet layout of the shipped article map', () => {
  const map = articleMap();
  const at = layoutMap(map);
  const all = rects(map, at);
  const nodeById = new Map(map.nodes.map((n) => [n.id, n]));
  const heads = map.nodes
    .filter((n) => n.kind === 'position')
    .map((n) => ({ id: n.id, x: at.get(n.id)!.x }))
    .sort((a, b) => a.x - b.x);
  /** The column a point is in: the last head whose x is not to its right. */
  const columnOf = (id: string): string => {
    const x = at.get(id)!.x;
    const head = heads.filter((h) => h.x <= x).at(-1);
    if (!head) throw new Error(`${id} is left of every column`);
    return head.id;
  };

  it('places every node, with finite coordinates', () => {
    expect([...at.keys()].sort()).toEqual(map.nodes.map((n) => n.id).sort());
    for (const p of at.values()) {
      expect(Number.isFinite(p.x)).toBe(true);
      expect(Number.isFinite(p.y)).toBe(true);
    }
  });

  it('overlaps no two nodes (at their estimated sizes)', () => {
    expect(overlaps(all)).toEqual([]);
  });

  it('puts each position at y = 0, at the head of its own column', () => {
    expect(heads).toHaveLength(4);
    expect(new Set(heads.map((h) => h.x)).size).toBe(4);
    for (const head of heads) {
      expect(at.get(head.id)!.y, head.id).toBe(0);
      const column = map.nodes.filter((n) => columnOf(n.id) === head.id);
      for (const node of column) {
        expect(at.get(node.id)!.x, node.id).toBeGreaterThanOrEqual(head.x);
        if (node.id !== head.id) expect(at.get(node.id)!.y, node.id).toBeGreaterThan(0);
      }
    }
  });

  it('keeps columns apart: every node of a column ends before the next column starts', () => {
    for (let i = 0; i + 1 < heads.length; i++) {
      const column = all.filter((r) => columnOf(r.id) === heads[i]!.id);
      const right = Math.max(...column.map((r) => r.x + r.width));
      expect(right).toBeLessThanOrEqual(heads[i + 1]!.x);
    }
  });

  it('puts every claim in the column of what it supports (else rebuts), below and indented', () => {
    const claims = map.nodes.filter((n) => n.kind === 'claim');
    expect(claims.length).toBeGreaterThan(0);
    for (const node of claims) {
      const parent = parentOf(map, node.id);
      expect(parent, `${node.id} answers nothing`).not.toBeNull();
      const up = at.get(parent!.to)!;
      const me = at.get(node.id)!;
      expect(columnOf(node.id), node.id).toBe(columnOf(parent!.to));
      const parentHeight = estimateNodeSize(nodeById.get(parent!.to)!).height;
      expect(me.y, `${node.id} below ${parent!.to}`).toBeGreaterThanOrEqual(up.y + parentHeight);
      expect(me.x, `${node.id} indented under ${parent!.to}`).toBe(up.x + LAYOUT_SPACING.indent);
    }
  });

  it('puts, under each node, its supporters before its rebutters', () => {
    const under = new Map<string, { supporters: number[]; rebutters: number[] }>();
    for (const node of map.nodes) {
      const parent = parentOf(map, node.id);
      if (!parent) continue;
      const group = under.get(parent.to) ?? { supporters: [], rebutters: [] };
      (parent.kind === 'support' ? group.supporters : group.rebutters).push(at.get(node.id)!.y);
      under.set(parent.to, group);
    }
    // The article has at least one node answered both ways (the unilateral position).
    expect([...under.values()].some((g) => g.supporters.length && g.rebutters.length)).toBe(true);
    for (const [id, { supporters, rebutters }] of under) {
      if (supporters.length && rebutters.length)
        expect(Math.max(...supporters), id).toBeLessThan(Math.min(...rebutters));
    }
  });

  it('keeps each node’s replies (and theirs) together beneath it, before the next sibling', () => {
    // Pre-order outline: a node's whole subtree lies between it and its next sibling.
    const children = new Map<string, string[]>();
    for (const node of map.nodes) {
      const parent = parentOf(map, node.id);
      if (parent) children.set(parent.to, [...(children.get(parent.to) ?? []), node.id]);
    }
    const subtreeBottom = (id: string): number =>
      Math.max(
        at.get(id)!.y + estimateNodeSize(nodeById.get(id)!).height,
        ...(children.get(id) ?? []).map(subtreeBottom),
      );
    for (const [, kids] of children) {
      const ordered = [...kids].sort((a, b) => at.get(a)!.y - at.get(b)!.y);
      for (let i = 0; i + 1 < ordered.length; i++)
        expect(subtreeBottom(ordered[i]!)).toBeLessThanOrEqual(at.get(ordered[i + 1]!)!.y);
    }
  });

  it('uses measured sizes where the canvas has them, and still overlaps nothing', () => {
    const tall = (id: string): Size | undefined =>
      id.startsWith('claim-h') ? { width: 320, height: 400 } : undefined;
    const measured = layoutMap(map, { sizeOf: tall });
    const sizeOf = (node: MapNode) => tall(node.id) ?? estimateNodeSize(node);
    expect(overlaps(rects(map, measured, sizeOf))).toEqual([]);
    expect(measured).not.toEqual(at);
  });

  it('gives the same layout every time', () => {
    expect(layoutMap(articleMap())).toEqual(at);
  });
});

describe('layout of awkward maps', () => {
  it('lays out an empty map as nothing', () => {
    expect(layoutMap(mapOf([], [])).size).toBe(0);
  });

  it('lays out every node of a rebuttal cycle with no positions, without overlap', () => {
    const map = mapOf(
      [claim('a'), claim('b'), claim('c'), claim('d')],
      [rebuts('a', 'b'), rebuts('b', 'c'), rebuts('c', 'a'), rebuts('d', 'a')],
    );
    const at = layoutMap(map);
    expect([...at.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(overlaps(rects(map, at))).toEqual([]);
    // The cycle is cut somewhere: one of its nodes heads a column at y = 0.
    expect(['a', 'b', 'c'].some((id) => at.get(id)!.y === 0)).toBe(true);
  });

  it('lays out a two-node support loop hanging off a position', () => {
    const map = mapOf(
      [position('p'), claim('a'), claim('b')],
      [supports('a', 'b'), supports('b', 'a'), rebuts('a', 'p')],
    );
    const at = layoutMap(map);
    expect([...at.keys()].sort()).toEqual(['a', 'b', 'p']);
    expect(at.get('p')).toEqual({ x: 0, y: 0 });
    expect(overlaps(rects(map, at))).toEqual([]);
  });

  it('gives claims that lead to no position their own columns, right of the positions', () => {
    const map = mapOf(
      [claim('lonely'), position('p'), claim('x'), claim('y')],
      [supports('x', 'p'), rebuts('y', 'lonely')],
    );
    const at = layoutMap(map);
    expect(at.get('p')).toEqual({ x: 0, y: 0 });
    expect(at.get('lonely')!.y).toBe(0);
    expect(at.get('lonely')!.x).toBeGreaterThanOrEqual(NODE_WIDTH.position);
    expect(at.get('y')!.x).toBe(at.get('lonely')!.x + LAYOUT_SPACING.indent);
    expect(at.get('y')!.y).toBeGreaterThan(0);
    expect(overlaps(rects(map, at))).toEqual([]);
  });

  it('lays out a chain 5,000 deep without overflowing the stack', () => {
    const nodes: MapNode[] = [position('n0')];
    const edges: Edge[] = [];
    for (let i = 1; i < 5000; i++) {
      nodes.push(claim(`n${i}`));
      edges.push(supports(`n${i}`, `n${i - 1}`));
    }
    const map = mapOf(nodes, edges);
    const at = layoutMap(map);
    expect(at.size).toBe(5000);
    expect(at.get('n0')).toEqual({ x: 0, y: 0 });
    expect(at.get('n4999')!.y).toBeGreaterThan(at.get('n4998')!.y);
  });

  it('lays out 5,000 nodes of a bushy debate and places every one', () => {
    // Deterministic pseudo-random: 40 positions, the rest supporting or rebutting an earlier
    // node, some answering two, some answering nothing, a few loops among claims.
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const nodes: MapNode[] = [];
    const edges: Edge[] = [];
    for (let i = 0; i < 5000; i++) {
      const id = `n${i}`;
      if (i < 40) {
        nodes.push(position(id));
        continue;
      }
      nodes.push(claim(id, 'x'.repeat(1 + Math.floor(rand() * 200))));
      if (rand() < 0.02) continue;
      const target = `n${Math.floor(rand() * i)}`;
      edges.push(rand() < 0.6 ? supports(id, target) : rebuts(id, target));
      if (rand() < 0.1) {
        const other = `n${Math.floor(rand() * i)}`;
        if (other !== target) edges.push(rebuts(id, other));
      }
      if (rand() < 0.01 && i > 41) edges.push(rebuts(`n${i - 1}`, id)); // a loop back
    }
    const map = mapOf(nodes, edges);
    const at = layoutMap(map);
    expect(at.size).toBe(5000);
    for (const node of nodes) expect(at.get(node.id), node.id).toBeDefined();
    expect(overlaps(rects(map, at))).toEqual([]);
  });
});

describe('estimateNodeSize', () => {
  it('gives positions and claims their widths and grows with text and quotes', () => {
    const short = estimateNodeSize(claim('a', 'Short'));
    const long = estimateNodeSize(claim('a', 'x'.repeat(500)));
    expect(short.width).toBe(NODE_WIDTH.claim);
    expect(estimateNodeSize(position('p')).width).toBe(NODE_WIDTH.position);
    expect(long.height).toBeGreaterThan(short.height);
    const quoted: MapNode = {
      ...claim('q', 'Short'),
      evidence: [{ id: 'q1', sourceId: 's', quote: 'a quote', start: 0, end: 7, speaker: 'S' }],
    };
    expect(estimateNodeSize(quoted).height).toBeGreaterThan(short.height);
  });
});
