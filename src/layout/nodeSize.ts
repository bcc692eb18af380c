import type { MapNode } from '../model/node';

export interface Size {
  width: number;
  height: number;
}

/** Width of a node on the canvas, by kind; heights follow from the text. */
export const NODE_WIDTH = { position: 300, claim: 280 } as const;

const lines = (text: string, charsPerLine: number) =>
  Math.max(1, Math.ceil(text.length / charsPerLine));

/**
 * A first guess at a node's rendered size, used before the browser has measured it (and in Node,
 * where nothing is measured). It errs large so that a first layout does not overlap.
 */
export function estimateNodeSize(node: MapNode): Size {
  const width = NODE_WIDTH[node.kind];
  const textChars = node.kind === 'position' ? 30 : 34;
  let height = 34 + lines(node.text, textChars) * 22;
  for (const evidence of node.evidence) height += 16 + lines(evidence.quote, 40) * 18 + 18;
  return { width, height };
}
