import { CANVAS_EDGE_KINDS, EDGE_KINDS, relationKind } from '../model/relations/registry';
import type { EdgeKind } from '../model/relations/registry';

/**
 * How the app draws each relation kind, written from the registry (src/model/relations/): its
 * colour in the light and the dark theme and on the projector, its dash, its marker's and its
 * badge's colour and shape, its drag handle on a card, its line in the outline. src/styles.css
 * holds the rules that every kind shares and names no kind, so adding a kind means its file in
 * the registry and nothing here or in CSS.
 */

/** The corner radius of a badge (and a handle) of each shape. */
const RADIUS = { circle: '50%', square: '3px' } as const;

/** The space between two drag handles on a card's right side, in px (twice that on touch). */
const HANDLE_STEP = 24;

type Palette = (kind: EdgeKind) => string;

function palette(selector: string, color: Palette): string {
  const lines = EDGE_KINDS.map(
    (kind) => `  ${relationKind(kind).look.color.cssVar}: ${color(kind)};`,
  );
  return `${selector} {\n${lines.join('\n')}\n}`;
}

function kindRules(kind: EdgeKind): string {
  const { look } = relationKind(kind);
  const color = `var(${look.color.cssVar})`;
  const radius = RADIUS[look.badge];
  const handle = CANVAS_EDGE_KINDS.indexOf(kind);
  // The kinds made on the canvas have a handle each, one below the other.
  const place = (css: string) => (handle >= 0 ? ` top: ${css};` : '');
  return [
    `.cm-edge--${kind} { stroke: ${color}; stroke-dasharray: ${look.dash ?? 'none'}; }`,
    `.cm-marker--${kind} { fill: ${color}; }`,
    `.cm-edge-label--${kind} { background: ${color}; border-radius: ${radius}; }`,
    `.react-flow__handle.cm-handle--${kind} { background: ${color}; border-radius: ${radius};${place(
      `calc(30% + ${handle * HANDLE_STEP}px)`,
    )} }`,
    `.cm-outline__item--${kind} > .cm-outline__relation { color: ${color}; }`,
    // On a touch screen the badge is drawn inside a larger, invisible button, and the handles
    // sit far enough apart for a finger, around the middle of the card.
    `@media (pointer: coarse) {`,
    `  button.cm-edge-label--${kind} > span { background: ${color}; border-radius: ${radius}; }`,
    `  .react-flow__handle.cm-handle--${kind} {${place(
      `calc(50% + ${(handle * 2 - 1) * HANDLE_STEP}px / var(--cm-zoom, 1))`,
    )} }`,
    `}`,
  ].join('\n');
}

/** The style sheet for every relation kind in the registry. */
export function relationKindCss(): string {
  const color = (kind: EdgeKind) => relationKind(kind).look.color;
  return [
    palette(':root', (kind) => color(kind).hex),
    // As in src/styles.css: the dark theme is for the screen; a printed handout stays light.
    `@media screen {\n${palette(":root[data-theme='dark']", (kind) => color(kind).dark)}\n}`,
    palette('.cm-present', (kind) => color(kind).present.light),
    palette(".cm-present[data-theme='dark']", (kind) => color(kind).present.dark),
    ...EDGE_KINDS.map(kindRules),
  ].join('\n');
}

/**
 * Adds the relation kinds' style sheet to the page, before the first paint. A constructed sheet,
 * not a <style> element: the page's Content-Security-Policy (style-src 'self') refuses inline
 * style elements. Adopted sheets come after the page's own, so these rules win over shared ones
 * of the same specificity.
 */
export function installRelationStyles(doc: Document = document): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(relationKindCss());
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
