import type { Page } from 'playwright-core';
import type { ClashMap } from '../../src/model/map';
import { relationKind } from '../../src/model/relations/registry';

/** Edges and cards as drawn on the page, in screen pixels. */
export interface DrawnGeometry {
  cards: Record<string, { x: number; y: number; width: number; height: number }>;
  /** Points along each edge's line, every 3 px of its length. */
  edges: Record<string, Array<{ x: number; y: number }>>;
  /** The centre of each edge's badge, by the badge's accessible name. */
  badges: Record<string, { x: number; y: number }>;
  zoom: number;
}

/** Reads every card's box, every edge's line and every badge from the canvas. */
export function measureEdges(page: Page): Promise<DrawnGeometry> {
  return page.evaluate(() => {
    const cards: DrawnGeometry['cards'] = {};
    for (const el of document.querySelectorAll('.cm-canvas .react-flow__node')) {
      const r = el.getBoundingClientRect();
      cards[el.getAttribute('data-id')!] = { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    const edges: DrawnGeometry['edges'] = {};
    const badges: DrawnGeometry['badges'] = {};
    for (const group of document.querySelectorAll('.cm-canvas .react-flow__edge')) {
      const id = group.getAttribute('data-id')!;
      const path = group.querySelector<SVGPathElement>('path.react-flow__edge-path')!;
      const m = path.getScreenCTM()!;
      const length = path.getTotalLength();
      const points = [];
      for (let d = 0; d <= length; d += 3) {
        const p = path.getPointAtLength(d);
        points.push({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });
      }
      edges[id] = points;
    }
    for (const button of document.querySelectorAll<HTMLElement>('.cm-canvas .cm-edge-label')) {
      const r = button.getBoundingClientRect();
      badges[button.getAttribute('aria-label') ?? ''] = {
        x: r.x + r.width / 2,
        y: r.y + r.height / 2,
      };
    }
    const viewport = document.querySelector('.cm-canvas .react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    return { cards, edges, badges, zoom };
  });
}

type Box = DrawnGeometry['cards'][string];

const distanceToBox = (p: { x: number; y: number }, r: Box) =>
  Math.hypot(
    Math.max(r.x - p.x, 0, p.x - (r.x + r.width)),
    Math.max(r.y - p.y, 0, p.y - (r.y + r.height)),
  );

const inside = (p: { x: number; y: number }, r: Box, inset: number) =>
  p.x > r.x + inset &&
  p.x < r.x + r.width - inset &&
  p.y > r.y + inset &&
  p.y < r.y + r.height - inset;

/**
 * What the issue asks of edges, measured on the page: no edge passes under a card it does not
 * connect; no two edges run along one line for more than 80 px; each badge is next to its own
 * target (nearer it than any other card). Each problem is a readable line.
 */
export function edgeProblems(drawn: DrawnGeometry, map: ClashMap): string[] {
  const problems: string[] = [];
  const cards = Object.entries(drawn.cards);
  for (const edge of map.edges) {
    const points = drawn.edges[edge.id];
    if (!points) {
      problems.push(`${edge.id} is not drawn`);
      continue;
    }
    for (const [id, box] of cards) {
      if (id === edge.from || id === edge.to) continue;
      const under = points.filter((p) => inside(p, box, 2)).length;
      if (under > 0) problems.push(`${edge.id} passes under ${id} for ${under * 3} px`);
    }
    const text = (id: string) => map.nodes.find((n) => n.id === id)?.text ?? '';
    const name = `Select: “${text(edge.from)}” ${relationKind(edge.kind).names.verb} “${text(edge.to)}”`;
    const badge = drawn.badges[name];
    const target = drawn.cards[edge.to];
    if (!badge || !target) problems.push(`${edge.id} has no badge or no target`);
    else {
      const own = distanceToBox(badge, target);
      if (own > 40 * drawn.zoom)
        problems.push(`${edge.id}'s badge is ${Math.round(own)} px from its target`);
      for (const [id, box] of cards)
        if (id !== edge.to && distanceToBox(badge, box) < own)
          problems.push(`${edge.id}'s badge is nearer ${id} than its target ${edge.to}`);
    }
  }
  // Two edges share a line where a run of one's points lies within 2 px of the other's line.
  const ids = Object.keys(drawn.edges);
  const near = (p: { x: number; y: number }, line: Array<{ x: number; y: number }>) =>
    line.some((q) => Math.abs(p.x - q.x) <= 2 && Math.abs(p.y - q.y) <= 2);
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = drawn.edges[ids[i]!]!;
      const b = drawn.edges[ids[j]!]!;
      let run = 0;
      let longest = 0;
      for (const p of a) {
        run = near(p, b) ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      if (longest * 3 > 80)
        problems.push(`${ids[i]} and ${ids[j]} share a line for ${longest * 3} px`);
    }
  }
  return problems;
}
