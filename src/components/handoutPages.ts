import type { Rect } from '../layout/edgeGeometry';
import type { ClashMap } from '../model/map';
import type { SvgExportOptions } from '../io/svgExport';
import { columnIndex, columnsOf } from '../layout/routeEdges';

/**
 * The printed handout's map pages: one position per page, with the claims beneath it on the
 * map (its supporters and rebutters, and theirs), drawn as the canvas draws them at a size that
 * prints every word at 8 pt or more on A4. A position whose cards do not fit one page goes on
 * over more pages, cut between cards.
 */

/**
 * What an A4 page with 12 mm margins holds (703 × 1032 CSS px at 96 per inch), less room for
 * the page's headings.
 */
export const HANDOUT_PAGE = {
  portrait: { width: 703, height: 920 },
  landscape: { width: 1032, height: 600 },
} as const;

/** The smallest text on a card is 11 px (its kind); 8 pt is 10.67 px. */
export const HANDOUT_MIN_SCALE = 0.97;

export interface HandoutPage {
  heading: string;
  orientation: 'portrait' | 'landscape';
  /** The page's drawing: SVG text made by the exporter, which writes every text as text. */
  svg: string;
  /** CSS px per canvas px. */
  scale: number;
}

type ExportSvg = (map: ClashMap, options: SvgExportOptions) => string;

/**
 * The cards of each position's page: the cards of its column on the map (the flow sheet puts a
 * position's claims beneath it), or where a column holds several positions, the cards from
 * that position down to the next. Columns without a position make pages of their own.
 */
export function handoutGroups(
  map: ClashMap,
  boxes: ReadonlyMap<string, Rect>,
): { heading: string; nodeIds: Set<string> }[] {
  const drawn = map.nodes.filter((n) => boxes.has(n.id));
  const columns = columnsOf(drawn.map((n) => boxes.get(n.id)!));
  const positions = drawn
    .filter((n) => n.kind === 'position')
    .sort((a, b) => {
      const ra = boxes.get(a.id)!;
      const rb = boxes.get(b.id)!;
      return columnIndex(columns, ra) - columnIndex(columns, rb) || ra.y - rb.y;
    });
  const groups = positions.map((position, i) => ({
    heading: `Position ${i + 1} of ${positions.length}: ${position.text}`,
    nodeIds: new Set<string>(),
    column: columnIndex(columns, boxes.get(position.id)!),
    top: boxes.get(position.id)!.y,
  }));
  const others = new Map<number, Set<string>>();
  for (const node of drawn) {
    const rect = boxes.get(node.id)!;
    const column = columnIndex(columns, rect);
    // The last position of the column at or above the card, else the column's first.
    const here = groups.filter((g) => g.column === column);
    const home = here.filter((g) => g.top <= rect.y).pop() ?? here[0];
    if (home) home.nodeIds.add(node.id);
    else others.set(column, (others.get(column) ?? new Set()).add(node.id));
  }
  const rest = [...others.values()].map((nodeIds) => ({
    heading: positions.length ? 'Claims that answer no position' : map.title,
    nodeIds,
  }));
  return [...groups.map(({ heading, nodeIds }) => ({ heading, nodeIds })), ...rest];
}

/**
 * Where to cut a stretch [from, to) of the drawing into pieces of at most `length`: between
 * cards where it can (`spans` are the cards' extents on this axis), else at the page's end.
 */
export function cuts(from: number, to: number, length: number, spans: [number, number][]) {
  const inside = (at: number) => spans.some(([a, b]) => a < at && at < b);
  const candidates = spans.map(([, b]) => b + 8).sort((a, b) => a - b);
  const pieces: [number, number][] = [];
  let start = from;
  while (to - start > length + 0.5) {
    const limit = start + length;
    let cut = limit;
    for (const at of candidates)
      if (at > start + length / 4 && at <= limit && !inside(at)) cut = at;
    pieces.push([start, cut]);
    start = cut;
  }
  pieces.push([start, to]);
  return pieces;
}

/** The handout's map pages (see the top of this file). */
export function handoutPages(
  map: ClashMap,
  boxes: ReadonlyMap<string, Rect>,
  exportSvg: ExportSvg,
  measure: SvgExportOptions['measure'],
): HandoutPage[] {
  const pages: HandoutPage[] = [];
  for (const group of handoutGroups(map, boxes)) {
    const svg = exportSvg(map, { boxes, nodeIds: group.nodeIds, measure, drawingOnly: true });
    const box = /viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
    if (!box) continue;
    const [left, top, width, height] = box.slice(1).map(Number) as [number, number, number, number];
    const fit = (page: { width: number }) => Math.min(1, page.width / width);
    const orientation = fit(HANDOUT_PAGE.portrait) >= HANDOUT_MIN_SCALE ? 'portrait' : 'landscape';
    const page = HANDOUT_PAGE[orientation];
    const scale = Math.max(HANDOUT_MIN_SCALE, fit(page));
    const cards = [...group.nodeIds].flatMap((id) => {
      const b = boxes.get(id);
      return b ? [b] : [];
    });
    const rows = cuts(
      top,
      top + height,
      page.height / scale,
      cards.map((c) => [c.y, c.y + c.height]),
    );
    const columns = cuts(
      left,
      left + width,
      page.width / scale,
      cards.map((c) => [c.x, c.x + c.width]),
    );
    const count = rows.length * columns.length;
    let n = 0;
    for (const [y0, y1] of rows)
      for (const [x0, x1] of columns) {
        n++;
        pages.push({
          heading: count > 1 ? `${group.heading} (page ${n} of ${count})` : group.heading,
          orientation,
          scale,
          svg: svg.replace(
            /<svg ([^>]*?)width="[^"]*" height="[^"]*" viewBox="[^"]*"/,
            `<svg $1width="${(x1 - x0) * scale}" height="${(y1 - y0) * scale}" viewBox="${x0} ${y0} ${x1 - x0} ${y1 - y0}"`,
          ),
        });
      }
  }
  return pages;
}
