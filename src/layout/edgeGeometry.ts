import type { EndMarker } from '../model/relations/registry';

/** A side of a node box; the same strings React Flow's Position uses. */
export type Side = 'left' | 'right' | 'top' | 'bottom';

const Position = { Left: 'left', Right: 'right' } as const satisfies Record<string, Side>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgeEnds {
  sourceX: number;
  sourceY: number;
  sourcePosition: Side;
  targetX: number;
  targetY: number;
  targetPosition: Side;
}

/**
 * Where an edge leaves its source and meets its target. Nodes stacked in one column are joined
 * along their left sides (an outline's bracket); nodes side by side through their facing sides.
 */
export function edgeEnds(source: Rect, target: Rect): EdgeEnds {
  const sourceMidY = source.y + Math.min(source.height / 2, 28);
  const targetMidY = target.y + Math.min(target.height / 2, 28);
  const overlap = source.x < target.x + target.width && target.x < source.x + source.width;
  if (overlap) {
    return {
      sourceX: source.x,
      sourceY: sourceMidY,
      sourcePosition: Position.Left,
      targetX: target.x,
      targetY: targetMidY,
      targetPosition: Position.Left,
    };
  }
  const sourceIsRight = source.x >= target.x + target.width;
  return {
    sourceX: sourceIsRight ? source.x : source.x + source.width,
    sourceY: sourceMidY,
    sourcePosition: sourceIsRight ? Position.Left : Position.Right,
    targetX: sourceIsRight ? target.x + target.width : target.x,
    targetY: targetMidY,
    targetPosition: sourceIsRight ? Position.Right : Position.Left,
  };
}

/**
 * The SVG marker drawn at an edge's target end for each end shape a relation kind may have
 * (its spec's `look.end`), shared by the canvas and the SVG export.
 */
export const END_MARKERS: Record<
  EndMarker,
  { viewBox: string; refX: number; refY: number; width: number; height: number; path: string }
> = {
  arrow: {
    viewBox: '0 0 12 12',
    refX: 11,
    refY: 6,
    width: 14,
    height: 14,
    path: 'M0,0 L12,6 L0,12 z',
  },
  // No end shape: a premise runs into its argument's junction; contraries have no direction.
  none: { viewBox: '0 0 1 1', refX: 0, refY: 0, width: 0, height: 0, path: '' },
  bar: {
    viewBox: '0 0 12 16',
    refX: 10,
    refY: 8,
    width: 12,
    height: 16,
    path: 'M8,0 L12,0 L12,16 L8,16 z M0,4 L8,8 L0,12 z',
  },
};

/** An SVG path of absolute "x,y" points (as in END_MARKERS) moved by (dx, dy). */
export function translatePath(path: string, dx: number, dy: number): string {
  return path.replace(
    /(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g,
    (_, x: string, y: string) => `${Number(x) + dx},${Number(y) + dy}`,
  );
}
