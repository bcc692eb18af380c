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
 * where nothing is measured). It errs large so that a first layout does not overlap.
 */
export function estimateNodeSize(node: MapNode): Size {
  if (node.kind === 'argument') return { width: JUNCTION_SIZE, height: JUNCTION_SIZE };
  const width = NODE_WIDTH[node.kind];
  const textChars = node.kind === 'position' ? 30 : 34;
  let height = 34 + lines(node.text, textChars) * 22;
  for (const evidence of node.evidence) height += 16 + lines(evidence.quote, 40) * 18 + 18;
  return { width, height };
}
