// Types only: a value imported from @xyflow/react by the canvas data (shared with lazily loaded
// views) splits React Flow out of the start-up chunk, 1.9 kB more gzipped.
import type { NodeHandle, Position } from '@xyflow/react';
import { estimateNodeSize } from '../layout/nodeSize';
import type { MapNode } from '../model/node';
import { CANVAS_EDGE_KINDS } from '../model/relations/registry';

const declared = new WeakMap<
  MapNode,
  { initialWidth: number; initialHeight: number; handles: NodeHandle[] }
>();

/**
 * What React Flow is told of a card it has not measured: its estimated size (a card of no size
 * counts as in view wherever it is) and where its handles will be (React Flow draws every card
 * whose handles it has not measured). Without these, opening a 5,000-card map put all 5,000 in
 * the page, one task of 1.7 s, before drawing only those in view. Once the card is drawn, React
 * Flow's measurements replace both. Cached by record, so a card keeps the same objects.
 */
export function beforeDrawn(node: MapNode) {
  let found = declared.get(node);
  if (!found) {
    const { width, height } = estimateNodeSize(node);
    const at = { position: 'right' as Position, x: width, y: height / 2, width: 1, height: 1 };
    const handles: NodeHandle[] =
      node.kind === 'argument'
        ? [
            { ...at, type: 'target', position: 'left' as Position, x: 0 },
            { ...at, type: 'source' },
          ]
        : [
            { ...at, type: 'target' },
            ...CANVAS_EDGE_KINDS.map((kind): NodeHandle => ({ ...at, type: 'source', id: kind })),
          ];
    found = { initialWidth: width, initialHeight: height, handles };
    declared.set(node, found);
  }
  return found;
}
