import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import type { Rect } from '../../src/layout/edgeGeometry';
import { layoutMap } from '../../src/layout/layoutMap';
import { estimateNodeSize } from '../../src/layout/nodeSize';
import { routeEdges, routePath } from '../../src/layout/routeEdges';
import type { ClashMap } from '../../src/model/map';
import { generatedMap } from './formats/generatedMap';
import {
  edgesUnderCards,
  overlappingBadges,
  sharedLines,
  strayBadges,
} from './helpers/routeChecks';

function articleMap(): ClashMap {
  const result = parseMap(readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'));
  if (!result.ok) throw new Error('the article map did not parse');
  return result.map;
}

/** The map as the app first shows it: laid out, each card at its estimated size. */
function laidOut(map: ClashMap) {
  const at = layoutMap(map);
  const rects = new Map<string, Rect>();
  for (const node of map.nodes)
    rects.set(node.id, { ...at.get(node.id)!, ...estimateNodeSize(node) });
  return { rects, edges: map.edges, routes: routeEdges(rects, map.edges) };
}

describe('edge routing', () => {
  const maps: Array<[string, ClashMap]> = [
    ['the article map', articleMap()],
    ['a generated map of 100 nodes', generatedMap(100, 7)],
    ['a generated map of 300 nodes', generatedMap(300, 11)],
  ];
  for (const [name, map] of maps) {
    it(`routes every edge of ${name} clear of other cards, on lines of its own, badge by its target`, () => {
      const { rects, edges, routes } = laidOut(map);
      expect(routes.size).toBe(edges.length);
      expect(edgesUnderCards(routes, rects, edges)).toEqual([]);
      expect(sharedLines(routes, 0.5, 5)).toEqual([]);
      expect(strayBadges(routes, rects, edges, 40)).toEqual([]);
      expect(overlappingBadges(routes)).toEqual([]);
    });
  }

  it('draws a route as straight runs with rounded corners, from its first point to its last', () => {
    const d = routePath([
      { x: 300, y: 40 },
      { x: 260, y: 40 },
      { x: 260, y: 10 },
      { x: 280, y: 10 },
    ]);
    expect(d).toBe('M300,40 L266,40 Q260,40 260,34 L260,16 Q260,10 266,10 L280,10');
    // A corner is never rounded by more than half of a short run.
    expect(
      routePath([
        { x: 0, y: 0 },
        { x: 4, y: 0 },
        { x: 4, y: 4 },
      ]),
    ).toBe('M0,0 L2,0 Q4,0 4,2 L4,4');
  });

  it('leaves out edges whose cards have no place; between columns goes over the top, into a column head from above', () => {
    const rects = new Map([
      ['a', { x: 0, y: 0, width: 100, height: 60 }],
      ['b', { x: 300, y: 200, width: 100, height: 60 }],
      ['c', { x: 300, y: 300, width: 100, height: 60 }],
    ]);
    const routes = routeEdges(rects, [
      { id: 'ab', from: 'a', to: 'b' },
      { id: 'ac', from: 'a', to: 'c' },
      { id: 'ax', from: 'a', to: 'missing' },
    ]);
    expect([...routes.keys()]).toEqual(['ab', 'ac']);
    // b heads its column: the edge comes down onto its top, the badge just above it.
    const ab = routes.get('ab')!;
    expect(Math.min(...ab.points.map((p) => p.y))).toBeLessThan(0);
    expect(ab.points[ab.points.length - 1]).toMatchObject({ y: 200 });
    expect(ab.badge.y).toBe(180);
    // c does not: the edge comes down its column's gap and enters its left side.
    const ac = routes.get('ac')!;
    expect(ac.points[ac.points.length - 1]).toEqual({ x: 300, y: 328 });
    expect(ac.badge).toEqual({ x: 280, y: 328 });
    expect(ac.points[ac.points.length - 2]!.x).toBeLessThan(300);
  });
});
