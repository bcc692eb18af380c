import { describe, expect, it } from 'vitest';
import { layoutMap, relayoutResized, type Resize } from '../../src/layout/layoutMap';
import { estimateNodeSize, type Size } from '../../src/layout/nodeSize';
import { columnIndex, lanesPerGap } from '../../src/layout/routeEdges';
import type { ClashMap } from '../../src/model/map';
import { generateMap, mulberry32 } from '../../bench/generate';

function closeTo(actual: ReadonlyMap<string, { x: number; y: number }>, expected: typeof actual) {
  expect(actual.size).toBe(expected.size);
  for (const [id, at] of expected) {
    const got = actual.get(id)!;
    expect(Math.abs(got.x - at.x) < 1e-6 && Math.abs(got.y - at.y) < 1e-6, id).toBe(true);
  }
}

/** Edits `count` cards' text the way the canvas sees it: their measured heights change. */
function resize(map: ClashMap, rnd: () => number, count: number, widths: boolean, scale = 1) {
  const sizes = new Map<string, Size>(map.nodes.map((n) => [n.id, estimateNodeSize(n)]));
  const resized = new Map<string, Resize>();
  for (let k = 0; k < count; k++) {
    const node = map.nodes[Math.floor(rnd() * map.nodes.length)]!;
    const from = sizes.get(node.id)!;
    const to = {
      width: widths && rnd() < 0.5 ? from.width + Math.round(rnd() * 40 - 20) : from.width,
      height: Math.max(30, from.height + Math.round((rnd() * 80 - 40) * scale)),
    };
    resized.set(node.id, { from: resized.get(node.id)?.from ?? from, to });
  }
  const before = new Map(sizes);
  for (const [id, { from }] of resized) before.set(id, from);
  const after = new Map(sizes);
  for (const [id, { to }] of resized) after.set(id, to);
  return { resized, before, after };
}

describe('a card that changes size re-lays out its own column, not the map', () => {
  it('gives the whole layout’s answer whenever it answers, and answers for most height changes', () => {
    const rnd = mulberry32(13);
    let answered = 0;
    let tries = 0;
    for (const size of [60, 300, 1000]) {
      const map = generateMap(size);
      for (let round = 0; round < 30; round++) {
        const { resized, before, after } = resize(
          map,
          rnd,
          round % 4 === 0 ? 3 : 1,
          round % 5 === 4,
          round % 3 === 2 ? 20 : 1,
        );
        const oldLayout = layoutMap(map, { sizeOf: (id) => before.get(id) });
        const expected = layoutMap(map, { sizeOf: (id) => after.get(id) });
        const got = relayoutResized(map, oldLayout, resized, (n) => after.get(n.id)!);
        tries += 1;
        if (!got) continue;
        answered += 1;
        closeTo(got, expected);
      }
    }
    expect(answered / tries).toBeGreaterThan(0.5);
  });

  it('moves only the cards below the changed one, in its column', () => {
    const map = generateMap(300);
    const sizes = new Map(map.nodes.map((n) => [n.id, estimateNodeSize(n)]));
    const layout = layoutMap(map, { sizeOf: (id) => sizes.get(id) });
    // A claim in the middle of some column grows by 60 px.
    const node = map.nodes[150]!;
    const from = sizes.get(node.id)!;
    const to = { ...from, height: from.height + 60 };
    const got = relayoutResized(map, layout, new Map([[node.id, { from, to }]]), (n) =>
      n.id === node.id ? to : sizes.get(n.id)!,
    );
    expect(got).toBeDefined();
    const at = layout.get(node.id)!;
    for (const [id, was] of layout) {
      const now = got!.get(id)!;
      expect(now.x, id).toBe(was.x);
      const sameColumnBelow = Math.abs(was.x - at.x) < 200 && was.y > at.y;
      if (!sameColumnBelow) expect(now.y, id).toBe(was.y);
    }
    expect([...layout].filter(([id, was]) => got!.get(id)!.y !== was.y).length).toBeGreaterThan(0);
  });
});

describe('the lanes of one gap', () => {
  it('are decided by the edges that meet a card of the column right of it, alone', () => {
    for (const [size, crossLinkRate] of [
      [60, 0.1],
      [300, 0.6],
      [1000, 0.3],
    ] as const) {
      const map = generateMap(size, { crossLinkRate });
      const layout = layoutMap(map);
      const rects = new Map(
        map.nodes.map((n) => [n.id, { ...layout.get(n.id)!, ...estimateNodeSize(n) }]),
      );
      const all = lanesPerGap(rects, map.edges);
      expect(all.lanes.some((n) => n > 1)).toBe(true);
      all.columns.forEach((_, c) => {
        const inColumn = new Set(
          [...rects].filter(([, r]) => columnIndex(all.columns, r) === c).map(([id]) => id),
        );
        const edges = map.edges.filter((e) => inColumn.has(e.from) || inColumn.has(e.to));
        expect(lanesPerGap(rects, edges).lanes[c], `gap ${c} of ${size}`).toBe(all.lanes[c]);
      });
    }
  });
});
