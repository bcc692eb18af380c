import type { MapNode } from '../model/node';

/**
 * An argument is drawn as a small round junction where its premises meet, with its scheme's
 * name beside it (outside the box, so the layout keeps the junction small).
 */
export const JUNCTION_SIZE = 28;

export interface Size {
  width: number;
  height: number;
}

/** Width of a node on the canvas, by kind; heights follow from the text. */
export const NODE_WIDTH = { position: 300, claim: 280, argument: JUNCTION_SIZE } as const;

const lines = (text: string, charsPerLine: number) =>
  Math.max(1, Math.ceil(text.length / charsPerLine));

/**
 * A first guess at a node's rendered size, used before the browser has measured it (and in Node,
 * where nothing is measured). It errs large, so that cards laid out before they are measured
 * (a large map's cards out of view) do not overlap once drawn: the padding, border and kind
 * label, the text's lines, each quote's lines and its speaker's, and the tags, at the default
 * text size, with fewer characters to a line than the cards usually fit.
 */
export function estimateNodeSize(node: MapNode): Size {
  let size = estimates.get(node);
  if (size) return size;
  // A moved card is a new record with the same words: its guess is the one made before.
  const last = lastById.get(node.id);
  if (last && showsAlike(last, node)) {
    size = last.size;
  } else {
    size = Object.freeze(estimate(node));
    if (lastById.size >= LAST_BY_ID_MAX) lastById.clear();
    lastById.set(node.id, { ...lookOf(node), size });
  }
  estimates.set(node, size);
  return size;
}

/** Guesses made, by record (records are immutable): a layout or a commit asks for every card's. */
const estimates = new WeakMap<MapNode, Size>();

/**
 * The last guess for each node id and what it was made from, so that a card moved (a new record
 * with the same words: an auto-layout moves every card) is not measured out again.
 */
const lastById = new Map<string, CardLook & { size: Size }>();
const LAST_BY_ID_MAX = 50_000;

/** What a card shows that sets its size: a record that keeps all of it is drawn alike. */
export type CardLook = Pick<MapNode, 'kind' | 'text' | 'evidence' | 'tags'>;

export const lookOf = ({ kind, text, evidence, tags }: MapNode): CardLook => ({
  kind,
  text,
  evidence,
  tags,
});

/** True when `node` shows what `look` was taken from (records and lists are immutable). */
export const showsAlike = (look: CardLook, node: MapNode) =>
  look.kind === node.kind &&
  look.text === node.text &&
  look.evidence === node.evidence &&
  look.tags === node.tags;

function estimate(node: MapNode): Size {
  if (node.kind === 'argument') return { width: JUNCTION_SIZE, height: JUNCTION_SIZE };
  const width = NODE_WIDTH[node.kind];
  const position = node.kind === 'position';
  let height = position ? 58 : 46;
  height += lines(node.text, position ? 21 : 24) * (position ? 24 : 21);
  if (node.evidence.length > 0) height += 8 + 6 * (node.evidence.length - 1);
  for (const evidence of node.evidence)
    height += 19 * (lines(evidence.quote, 30) + lines(evidence.speaker, 36));
  const tags = node.tags ?? [];
  if (tags.length > 0) height += 8 + 20 * lines(tags.join('    '), 34);
  return { width, height };
}
