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
