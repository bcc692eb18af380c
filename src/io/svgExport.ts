import { END_MARKERS, type Rect } from '../layout/edgeGeometry';
import { routeEdges, routePath, type EdgeRoute } from '../layout/routeEdges';
import { estimateNodeSize } from '../layout/nodeSize';
import { isUnnamedArgument } from '../model/arguments';
import type { Edge } from '../model/edge';
import type { ClashMap } from '../model/map';
import type { InferenceNode, MapNode } from '../model/node';
import {
  edgeKindsToExplain,
  relationKind,
  type BadgeShape,
  type EdgeKind,
} from '../model/relations/registry';
import { serializeMap } from './serialize';

/*
 * The map as a standalone SVG 1.1 picture drawn like the canvas (cards, Bézier edges, "+" and
 * "−" badges), with a title and a legend, and the whole map file embedded in <metadata> so that
 * opening the picture in Clashmap gives the map back. Everything is real text (no
 * foreignObject, no images, no CSS), so it stays selectable, searchable and editable in
 * Inkscape or Illustrator. No DOM: the caller passes a text measurer (canvas measureText in the
 * browser, an approximation in tests and Node).
 */

/** The namespace of the element that carries the map inside an exported SVG's metadata. */
export const SVG_MAP_NAMESPACE = 'https://clashmap.app/ns/map';
/** How the map is embedded; a file with a higher number is refused rather than misread. */
export const SVG_MAP_EMBED_VERSION = 1;
/** What `extractMapFromSvg` says about an SVG that holds no map. */
export const NOT_A_CLASHMAP_SVG = 'This SVG was not made by Clashmap, so it holds no map';

export interface SvgExportOptions {
  /** Where each node is drawn on the canvas (top-left corner and measured size). */
  boxes: ReadonlyMap<string, Rect>;
  /** Draw only these nodes and the edges between them (the selection); all nodes when absent. */
  nodeIds?: ReadonlySet<string>;
  /** Width in px of `text` drawn in `font` (a CSS font shorthand, as canvas `font` takes). */
  measure: (text: string, font: string) => number;
  /** Multiplies the width and height the picture asks for; the drawing itself is unchanged. */
  scale?: number;
  /**
   * The cards and edges alone: no title, no legend and no map inside (for a printed page, which
   * says what it shows in its own heading).
   */
  drawingOnly?: boolean;
}

// The canvas's font stack; written raw into a double-quoted attribute, so no double quotes here.
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

// The canvas's colours (src/styles.css), written out because the file carries no stylesheet.
// Each relation kind's colour is its spec's `look.color.hex`.
const COLOR = {
  background: '#ffffff',
  ink: '#1b1b1f',
  muted: '#55565e',
  quote: '#33343a',
  border: '#c9c7bf',
  position: '#14365c',
  positionBg: '#e6eef8',
  claimBg: '#ffffff',
  tagBg: '#ecebe5',
  badgeInk: '#ffffff',
} as const;

const markerId = (kind: EdgeKind) => `cm-marker-${kind}`;
const KIND_LABEL = { position: 'POSITION', claim: 'CLAIM', argument: 'ARGUMENT' } as const;

const LINE_HEIGHT = 1.4;
const MARGIN = 24;
const CARD = { padTop: 10, padX: 14, padBottom: 12, radius: 8 } as const;
const BORDER = { position: 3, claim: 1.5, argument: 1.5 } as const;
const EDGE_WIDTH = 2.25;
const BADGE_HALF = 10;

interface TextStyle {
  size: number;
  weight: number;
  italic?: boolean;
  fill: string;
  letterSpacing?: number;
}

const STYLE = {
  kindPosition: { size: 11, weight: 700, fill: COLOR.position, letterSpacing: 0.88 },
  kindClaim: { size: 11, weight: 700, fill: COLOR.muted, letterSpacing: 0.88 },
  textPosition: { size: 17, weight: 700, fill: COLOR.ink },
  textClaim: { size: 15, weight: 600, fill: COLOR.ink },
  quote: { size: 13.5, weight: 400, italic: true, fill: COLOR.quote },
  speaker: { size: 12.5, weight: 400, fill: COLOR.muted },
  tag: { size: 11.5, weight: 400, fill: COLOR.muted },
  title: { size: 20, weight: 700, fill: COLOR.ink },
  legend: { size: 13, weight: 400, fill: COLOR.ink },
  badge: { size: 15, weight: 800, fill: COLOR.badgeInk },
} as const satisfies Record<string, TextStyle>;

const fontOf = (style: TextStyle) =>
  `${style.italic ? 'italic ' : ''}${style.weight} ${style.size}px ${FONT_FAMILY}`;
const lineHeightOf = (style: TextStyle) => style.size * LINE_HEIGHT;
/** The baseline of a line box starting at `top`: centred half-leading, ascent about 0.85em. */
const baselineOf = (top: number, style: TextStyle) =>
  top + lineHeightOf(style) / 2 + style.size * 0.35;

/** Coordinates with at most two decimals, so the same input always prints the same text. */
function num(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

// XML 1.0 refuses C0 controls (other than tab, line feed and carriage return), lone surrogates
// and U+FFFE/U+FFFF; the C1 controls and DEL it allows but nothing should draw them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_DRAWN = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text escaped for XML content and attribute values, with control characters removed. */
function escapeXml(text: string): string {
  return text
    .replace(NOT_DRAWN, '')
    .replace(LONE_SURROGATES, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Prose as the canvas shows it: runs of whitespace (newlines too) are one space. */
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

// Characters a JSON string may hold raw that XML must not (or should not) carry raw. JSON text
// from JSON.stringify only has them inside strings, where \uXXXX means the same thing.
const JSON_UNSAFE_IN_XML = /[\u007F-\u009F\uFFFE\uFFFF]/g;

/** The map file text, escaped as XML element content, losslessly. */
function embedMapText(text: string): string {
  return text
    .replace(
      JSON_UNSAFE_IN_XML,
      (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// Grapheme clusters where the runtime has them, so that breaking an over-long word never splits
// an emoji or a letter from its accent.
const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : undefined;
const graphemes = (word: string): string[] =>
  segmenter ? Array.from(segmenter.segment(word), (s) => s.segment) : Array.from(word);

type Measure = (text: string, style: TextStyle) => number;

/**
 * Greedy word wrap to `width`. Words are never cut, except a single word longer than a whole
 * line, which is broken between characters.
 */
function wrap(text: string, width: number, style: TextStyle, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of collapse(text).split(' ')) {
    if (word === '') continue;
    const candidate = line === '' ? word : `${line} ${word}`;
    if (measure(candidate, style) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    if (measure(word, style) <= width) {
      line = word;
      continue;
    }
    for (const piece of graphemes(word)) {
      if (line !== '' && measure(line + piece, style) > width) {
        lines.push(line);
        line = '';
      }
      line += piece;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** A <text> with one <tspan> per line, the first line's box starting at `top`. */
function textLines(
  className: string,
  lines: readonly string[],
  x: number,
  top: number,
  style: TextStyle,
): string {
  const attributes = [
    `class="${className}"`,
    `font-size="${num(style.size)}"`,
    `font-weight="${style.weight}"`,
    style.italic ? 'font-style="italic"' : '',
    style.letterSpacing ? `letter-spacing="${num(style.letterSpacing)}"` : '',
    `fill="${style.fill}"`,
  ].filter((a) => a !== '');
  const first = baselineOf(top, style);
  const spans = lines
    .map(
      (line, i) =>
        `<tspan x="${num(x)}" y="${num(first + i * lineHeightOf(style))}">${escapeXml(line)}</tspan>`,
    )
    .join('');
  return `<text ${attributes.join(' ')}>${spans}</text>`;
}

/** The markup of one node card, and its height (at least the box's, more if its text needs it). */
function drawNode(node: MapNode, box: Rect, measure: Measure): { markup: string; height: number } {
  if (node.kind === 'argument') return drawJunction(node, box);
  const border = BORDER[node.kind];
  const left = box.x + border + CARD.padX;
  const width = Math.max(0, box.width - 2 * border - 2 * CARD.padX);
  const parts: string[] = [];
  let y = box.y + border + CARD.padTop;

  const kindStyle = node.kind === 'position' ? STYLE.kindPosition : STYLE.kindClaim;
  parts.push(textLines('kind', [KIND_LABEL[node.kind]], left, y, kindStyle));
  y += lineHeightOf(kindStyle) + 4;

  const textStyle = node.kind === 'position' ? STYLE.textPosition : STYLE.textClaim;
  const textRows = wrap(node.text, width, textStyle, measure);
  parts.push(textLines('node-text', textRows, left, y, textStyle));
  y += textRows.length * lineHeightOf(textStyle);

  // A quote is indented past a 3px bar, as on the canvas.
  const quoteLeft = left + 11;
  const quoteWidth = Math.max(0, width - 11);
  node.evidence.forEach((evidence, i) => {
    y += i === 0 ? 8 : 6;
    const quoteRows = wrap(`“${evidence.quote}”`, quoteWidth, STYLE.quote, measure);
    const quoteHeight = quoteRows.length * lineHeightOf(STYLE.quote);
    parts.push(
      `<line x1="${num(left + 1.5)}" y1="${num(y)}" x2="${num(left + 1.5)}" y2="${num(y + quoteHeight)}" stroke="${COLOR.border}" stroke-width="3"/>`,
      textLines('quote', quoteRows, quoteLeft, y, STYLE.quote),
    );
    y += quoteHeight + 2;
    const speakerRows = wrap(`— ${evidence.speaker}`, quoteWidth, STYLE.speaker, measure);
    parts.push(textLines('speaker', speakerRows, quoteLeft, y, STYLE.speaker));
    y += speakerRows.length * lineHeightOf(STYLE.speaker);
  });

  const tags = (node.tags ?? []).map(collapse).filter((t) => t !== '');
  if (tags.length > 0) {
    // Pills that flow like the canvas's flex row (1px 7px padding, 4px gaps); a tag too long
    // for one line wraps inside its pill rather than being cut.
    y += 8;
    let x = left;
    let rowHeight = 0;
    for (const tag of tags) {
      const rows = wrap(tag, Math.max(0, width - 14), STYLE.tag, measure);
      const pillWidth = Math.min(width, Math.max(...rows.map((r) => measure(r, STYLE.tag))) + 14);
      const pillHeight = rows.length * lineHeightOf(STYLE.tag) + 2;
      if (x > left && x + pillWidth > left + width) {
        x = left;
        y += rowHeight + 4;
        rowHeight = 0;
      }
      const radius = Math.min(pillHeight, lineHeightOf(STYLE.tag) + 2) / 2;
      parts.push(
        `<rect class="tag" x="${num(x)}" y="${num(y)}" width="${num(pillWidth)}" height="${num(pillHeight)}" rx="${num(radius)}" fill="${COLOR.tagBg}"/>`,
        textLines('tag', rows, x + 7, y + 1, STYLE.tag),
      );
      x += pillWidth + 4;
      rowHeight = Math.max(rowHeight, pillHeight);
    }
    y += rowHeight;
  }

  const height = Math.max(box.height, y + CARD.padBottom + border - box.y);
  // SVG strokes straddle the outline while CSS borders lie inside it: inset by half the border.
  const rect = `<rect x="${num(box.x + border / 2)}" y="${num(box.y + border / 2)}" width="${num(box.width - border)}" height="${num(height - border)}" rx="${CARD.radius}" fill="${node.kind === 'position' ? COLOR.positionBg : COLOR.claimBg}" stroke="${node.kind === 'position' ? COLOR.position : COLOR.border}" stroke-width="${num(border)}"/>`;
  const markup = [
    `<g id="cm-node-${escapeXml(node.id)}" class="node ${node.kind}">`,
    `  ${rect}`,
    ...parts.map((p) => `  ${p}`),
    '</g>',
  ].join('\n');
  return { markup, height };
}

/**
 * An argument, as on the canvas: a ring where its premises meet, in the support colour, and its
 * scheme (or its own name) beside it in italics.
 */
function drawJunction(node: InferenceNode, box: Rect): { markup: string; height: number } {
  const r = Math.min(box.width, box.height) / 2 - 1.5;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const name = node.scheme ?? (isUnnamedArgument(node.text) ? '' : node.text);
  const parts = [
    `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="${COLOR.claimBg}" stroke="${relationKind('support').look.color.hex}" stroke-width="3"/>`,
  ];
  if (name)
    parts.push(
      `<text class="scheme" x="${num(box.x + box.width + 6)}" y="${num(cy + 4)}" font-size="12" font-style="italic" fill="${COLOR.ink}">${escapeXml(name)}</text>`,
    );
  const markup = [
    `<g id="cm-node-${escapeXml(node.id)}" class="node argument">`,
    ...parts.map((p) => `  ${p}`),
    '</g>',
  ].join('\n');
  return { markup, height: box.height };
}

class Bounds {
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;

  add(x: number, y: number, pad = 0): void {
    this.minX = Math.min(this.minX, x - pad);
    this.minY = Math.min(this.minY, y - pad);
    this.maxX = Math.max(this.maxX, x + pad);
    this.maxY = Math.max(this.maxY, y + pad);
  }

  get empty(): boolean {
    return this.minX > this.maxX;
  }
}

/** An edge along its route (the canvas's: see routeEdges), corners rounded as on the canvas. */
function drawEdge(edge: Edge, route: EdgeRoute): string {
  const d = routePath(route.points);
  return `<path id="cm-edge-${escapeXml(edge.id)}" class="edge ${edge.kind}" d="${d}" fill="none" stroke="${relationKind(edge.kind).look.color.hex}" stroke-width="${EDGE_WIDTH}"${dashOf(edge.kind)} marker-end="url(#${markerId(edge.kind)})"/>`;
}

const dashOf = (kind: EdgeKind) => {
  const { dash } = relationKind(kind).look;
  return dash === null ? '' : ` stroke-dasharray="${dash}"`;
};

const BADGE_SHAPES: Record<
  BadgeShape,
  (x: number, y: number, half: number, fill: string) => string
> = {
  circle: (x, y, half, fill) =>
    `<circle cx="${num(x)}" cy="${num(y)}" r="${num(half)}" fill="${fill}"/>`,
  square: (x, y, half, fill) =>
    `<rect x="${num(x - half)}" y="${num(y - half)}" width="${num(2 * half)}" height="${num(2 * half)}" rx="3" fill="${fill}"/>`,
};

/** The badge an edge wears at its middle: its kind's shape, colour and glyph ("+", "−"). */
function drawBadge(kind: EdgeKind, x: number, y: number, half = BADGE_HALF): string {
  const { look } = relationKind(kind);
  const shape = BADGE_SHAPES[look.badge](x, y, half, look.color.hex);
  const size = (STYLE.badge.size * half) / BADGE_HALF;
  const sign = `<text x="${num(x)}" y="${num(y + size * 0.35)}" text-anchor="middle" font-size="${num(size)}" font-weight="${STYLE.badge.weight}" fill="${STYLE.badge.fill}">${look.glyph}</text>`;
  return `<g class="badge ${kind}">${shape}${sign}</g>`;
}

const markersOf = (kinds: readonly EdgeKind[]) =>
  kinds.flatMap((kind) => {
    const { look } = relationKind(kind);
    const m = END_MARKERS[look.end];
    return [
      `<marker id="${markerId(kind)}" viewBox="${m.viewBox}" refX="${m.refX}" refY="${m.refY}" markerWidth="${m.width}" markerHeight="${m.height}" markerUnits="userSpaceOnUse" orient="auto">`,
      `  <path d="${m.path}" fill="${look.color.hex}"/>`,
      '</marker>',
    ];
  });

const LEGEND_HEIGHT = 22;
const LEGEND_LINE = 56;

/** One row explaining the drawing: the two boxes, then the two kinds of line with their signs. */
function legendItems(
  measure: Measure,
  kinds: readonly EdgeKind[],
): { width: number; draw: (x: number, y: number) => string } {
  const items: Array<{
    label: string;
    symbolWidth: number;
    symbol: (x: number, mid: number) => string;
  }> = [
    {
      label: 'Position',
      symbolWidth: 22,
      symbol: (x, mid) =>
        `<rect x="${num(x + 1.5)}" y="${num(mid - 5.5)}" width="19" height="11" rx="3" fill="${COLOR.positionBg}" stroke="${COLOR.position}" stroke-width="3"/>`,
    },
    {
      label: 'Claim',
      symbolWidth: 22,
      symbol: (x, mid) =>
        `<rect x="${num(x + 0.75)}" y="${num(mid - 6.25)}" width="20.5" height="12.5" rx="3" fill="${COLOR.claimBg}" stroke="${COLOR.border}" stroke-width="1.5"/>`,
    },
    ...kinds.map((kind) => ({
      label: relationKind(kind).names.verb,
      symbolWidth: LEGEND_LINE,
      symbol: (x: number, mid: number) =>
        [
          `<line x1="${num(x)}" y1="${num(mid)}" x2="${num(x + LEGEND_LINE)}" y2="${num(mid)}" stroke="${relationKind(kind).look.color.hex}" stroke-width="${EDGE_WIDTH}"${dashOf(kind)} marker-end="url(#${markerId(kind)})"/>`,
          drawBadge(kind, x + LEGEND_LINE / 2 - 4, mid, 8),
        ].join(''),
    })),
  ];
  const gap = 6;
  const spacing = 22;
  const widths = items.map((item) => item.symbolWidth + gap + measure(item.label, STYLE.legend));
  const width = widths.reduce((sum, w) => sum + w, 0) + spacing * (items.length - 1);
  const draw = (x0: number, y0: number) => {
    const mid = y0 + LEGEND_HEIGHT / 2;
    const textTop = mid - lineHeightOf(STYLE.legend) / 2;
    let x = x0;
    const parts = items.map((item, i) => {
      const markup = `${item.symbol(x, mid)}${textLines('legend-label', [item.label], x + item.symbolWidth + gap, textTop, STYLE.legend)}`;
      x += (widths[i] ?? 0) + spacing;
      return `  ${markup}`;
    });
    return ['<g class="legend">', ...parts, '</g>'].join('\n');
  };
  return { width, draw };
}

/**
 * The map (or the nodes in `options.nodeIds` and the edges between them) as a standalone SVG
 * 1.1 document with a title, a legend and the whole map embedded; deterministic.
 */
export function exportMapSvg(map: ClashMap, options: SvgExportOptions): string {
  const cache = new Map<string, number>();
  const measure: Measure = (text, style) => {
    const font = fontOf(style);
    const key = `${font}\n${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      width = options.measure(text, font);
      if (!Number.isFinite(width)) width = 0;
      cache.set(key, width);
    }
    return width;
  };

  // A node the canvas has not measured falls back to its saved position and estimated size;
  // a node with neither is left out, since there is nowhere to draw it.
  const boxOf = (node: MapNode): Rect | undefined => {
    const box = options.boxes.get(node.id);
    if (box) return box;
    if (node.position) return { ...node.position, ...estimateNodeSize(node) };
    return undefined;
  };

  const bounds = new Bounds();
  const drawn = new Map<string, Rect>();
  const nodeMarkup: string[] = [];
  for (const node of map.nodes) {
    if (options.nodeIds && !options.nodeIds.has(node.id)) continue;
    const box = boxOf(node);
    if (!box) continue;
    const { markup, height } = drawNode(node, box, measure);
    drawn.set(node.id, box);
    nodeMarkup.push(markup);
    bounds.add(box.x, box.y);
    bounds.add(box.x + box.width, box.y + height);
  }

  const edgeMarkup: string[] = [];
  const badgeMarkup: string[] = [];
  const shown = map.edges.filter((edge) => drawn.has(edge.from) && drawn.has(edge.to));
  const routes = routeEdges(drawn, shown);
  for (const edge of shown) {
    const route = routes.get(edge.id);
    if (!route) continue;
    edgeMarkup.push(drawEdge(edge, route));
    badgeMarkup.push(drawBadge(edge.kind, route.badge.x, route.badge.y));
    for (const p of route.points) bounds.add(p.x, p.y, 8);
    bounds.add(route.badge.x, route.badge.y, BADGE_HALF + 1);
  }
  if (bounds.empty) bounds.add(0, 0);

  const drawingOnly = options.drawingOnly === true;
  const kinds = edgeKindsToExplain(shown);
  const legend = legendItems(measure, kinds);
  const innerWidth = drawingOnly
    ? bounds.maxX - bounds.minX
    : Math.max(bounds.maxX - bounds.minX, legend.width, 240);
  const titleRows = drawingOnly ? [] : wrap(map.title, innerWidth, STYLE.title, measure);
  const titleHeight = titleRows.length * lineHeightOf(STYLE.title);

  const left = bounds.minX - MARGIN;
  const top = drawingOnly ? bounds.minY - MARGIN : bounds.minY - MARGIN - titleHeight - 20;
  const width = innerWidth + 2 * MARGIN;
  const legendTop = bounds.maxY + 28;
  const height = drawingOnly
    ? bounds.maxY + MARGIN - top
    : legendTop + LEGEND_HEIGHT + MARGIN - top;
  const scale =
    options.scale !== undefined && Number.isFinite(options.scale) && options.scale > 0
      ? options.scale
      : 1;

  const indent = (markup: string, by = '    ') =>
    markup
      .split('\n')
      .map((line) => `${by}${line}`)
      .join('\n');
  const description = map.description ? collapse(map.description) : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(width * scale)}" height="${num(height * scale)}" viewBox="${num(left)} ${num(top)} ${num(width)} ${num(height)}" font-family="${FONT_FAMILY}">`,
    `  <title>${escapeXml(collapse(map.title))}</title>`,
    ...(description ? [`  <desc>${escapeXml(description)}</desc>`] : []),
    '  <defs>',
    ...markersOf(kinds).map((line) => `    ${line}`),
    '  </defs>',
    `  <rect x="${num(left)}" y="${num(top)}" width="${num(width)}" height="${num(height)}" fill="${COLOR.background}"/>`,
    ...(drawingOnly
      ? []
      : [`  ${textLines('map-title', titleRows, bounds.minX, top + MARGIN, STYLE.title)}`]),
    '  <g class="edges">',
    ...edgeMarkup.map((m) => indent(m)),
    '  </g>',
    '  <g class="nodes">',
    ...nodeMarkup.map((m) => indent(m)),
    '  </g>',
    '  <g class="badges">',
    ...badgeMarkup.map((m) => indent(m)),
    '  </g>',
    ...(drawingOnly
      ? []
      : [
          indent(legend.draw(bounds.minX, legendTop), '  '),
          // The whole map even when only a selection is drawn: the picture is a view, the file
          // is the map, and opening it again must not quietly lose everything not selected.
          `  <metadata><clashmap xmlns="${SVG_MAP_NAMESPACE}" version="${SVG_MAP_EMBED_VERSION}">${embedMapText(serializeMap(map))}</clashmap></metadata>`,
        ]),
    '</svg>',
    '',
  ].join('\n');
}

const ENTITY = /&(?:#x([0-9A-Fa-f]{1,8})|#([0-9]{1,8})|(amp|lt|gt|quot|apos));|&/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const isXmlChar = (c: number) =>
  c === 0x9 ||
  c === 0xa ||
  c === 0xd ||
  (c >= 0x20 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

/** Character data with its references resolved in one pass (so "&amp;lt;" stays "&lt;"). */
function unescapeXml(raw: string): string | null {
  let bad = false;
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(ENTITY, (whole, hex?: string, dec?: string, name?: string) => {
      if (name) return NAMED[name] ?? whole;
      const code = hex ? parseInt(hex, 16) : dec ? parseInt(dec, 10) : NaN;
      if (!isXmlChar(code)) {
        bad = true;
        return whole;
      }
      return String.fromCodePoint(code);
    });
  return bad ? null : text;
}

const DAMAGED = 'The map inside this SVG is damaged, so it cannot be opened';

/**
 * The map file text embedded by `exportMapSvg`, for `parseMap`; or why there is none. Reads the
 * text directly (no DOM), tolerating an editor that re-saved the SVG with a namespace prefix,
 * other quotes or CDATA.
 */
export function extractMapFromSvg(
  svgText: string,
): { ok: true; text: string } | { ok: false; reason: string } {
  if (!svgText.includes(SVG_MAP_NAMESPACE)) return { ok: false, reason: NOT_A_CLASHMAP_SVG };
  const open = /<(?:([A-Za-z_][\w.-]*):)?clashmap(?=[\s/>])([^>]*)>/.exec(svgText);
  if (!open) return { ok: false, reason: NOT_A_CLASHMAP_SVG };
  const [tag, prefix, attributes = ''] = open;
  const version = /(?:^|\s)version\s*=\s*(["'])([^"']*)\1/.exec(attributes)?.[2];
  if (version !== undefined && version.trim() !== String(SVG_MAP_EMBED_VERSION)) {
    const number = Number(version.trim());
    if (!Number.isInteger(number) || number < SVG_MAP_EMBED_VERSION)
      return { ok: false, reason: DAMAGED };
    return {
      ok: false,
      reason: `This SVG holds its map in a newer form (version ${number}) than this Clashmap reads; a newer Clashmap can open it`,
    };
  }
  if (attributes.trimEnd().endsWith('/')) return { ok: false, reason: DAMAGED };
  const start = open.index + tag.length;
  const close = new RegExp(`</${prefix ? `${prefix}:` : ''}clashmap\\s*>`, 'g');
  close.lastIndex = start;
  const end = close.exec(svgText);
  if (!end) return { ok: false, reason: DAMAGED };
  const content = svgText.slice(start, end.index);

  let text = '';
  let at = 0;
  for (;;) {
    const cdata = content.indexOf('<![CDATA[', at);
    const plain = content.slice(at, cdata === -1 ? undefined : cdata);
    if (plain.includes('<')) return { ok: false, reason: DAMAGED };
    const unescaped = unescapeXml(plain);
    if (unescaped === null) return { ok: false, reason: DAMAGED };
    text += unescaped;
    if (cdata === -1) break;
    const cdataEnd = content.indexOf(']]>', cdata + 9);
    if (cdataEnd === -1) return { ok: false, reason: DAMAGED };
    text += content.slice(cdata + 9, cdataEnd).replace(/\r\n?/g, '\n');
    at = cdataEnd + 3;
  }
  return { ok: true, text };
}
