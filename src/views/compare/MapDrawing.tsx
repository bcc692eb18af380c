import { memo, useMemo } from 'react';
import { layoutMap } from '../../layout/layoutMap';
import { estimateNodeSize } from '../../layout/nodeSize';
import type { ClashMap } from '../../model/map';
import { relationKind } from '../../model/relations/registry';

/** How a node or relation is marked in a drawing. */
export type Mark = 'found' | 'near' | 'missing' | 'extra';

export interface NodeLook {
  mark: Mark | null;
  /** What a screen reader hears after the text: "found", "found by 3 of 5 students". */
  status: string;
  /** 0 to 1: how many students found it (class heat), or null outside a class. */
  heat: number | null;
  /** Shown on the card: "3/5". */
  badge: string | null;
}

export interface EdgeLook {
  mark: Mark | null;
  status: string;
  heat: number | null;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const PAD = 16;

/** Where the segment from the centre of `from` to the centre of `to` leaves each box. */
function clip(from: Box, to: Box): [number, number, number, number] {
  const cx1 = from.x + from.width / 2;
  const cy1 = from.y + from.height / 2;
  const cx2 = to.x + to.width / 2;
  const cy2 = to.y + to.height / 2;
  const exit = (box: Box, dx: number, dy: number): number => {
    // The fraction of (dx, dy) from the box's centre to its border.
    const tx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
    const ty = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
    return Math.min(tx, ty, 1);
  };
  const dx = cx2 - cx1;
  const dy = cy2 - cy1;
  const a = exit(from, dx, dy);
  const b = exit(to, -dx, -dy);
  return [cx1 + dx * a, cy1 + dy * a, cx2 - dx * b, cy2 - dy * b];
}

export interface MapDrawingProps {
  map: ClashMap;
  /** "Model" or "Student": how the cards introduce themselves to a screen reader. */
  side: string;
  nodeLook: (id: string) => NodeLook;
  edgeLook: (id: string) => EdgeLook;
  /** Ids highlighted: the selection and, in the other drawing, its match. */
  selected: ReadonlySet<string>;
  linked: ReadonlySet<string>;
  onSelect: (id: string) => void;
  onHover: (id: string | null) => void;
  scale: number;
}

/**
 * A map drawn read-only in the flow-sheet layout, each card and relation marked. Cards are
 * buttons (Tab reaches them, Enter selects); text is rendered as text.
 */
export const MapDrawing = memo(function MapDrawing({
  map,
  side,
  nodeLook,
  edgeLook,
  selected,
  linked,
  onSelect,
  onHover,
  scale,
}: MapDrawingProps) {
  const boxes = useMemo(() => {
    const positions = layoutMap(map);
    const table = new Map<string, Box>();
    for (const node of map.nodes) {
      const at = positions.get(node.id) ?? { x: 0, y: 0 };
      const size = estimateNodeSize(node);
      table.set(node.id, { x: at.x, y: at.y, width: size.width, height: size.height });
    }
    return table;
  }, [map]);
  const bounds = useMemo(() => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const b of boxes.values()) {
      minX = Math.min(minX, b.x);
      minY = Math.min(minY, b.y);
      maxX = Math.max(maxX, b.x + b.width);
      maxY = Math.max(maxY, b.y + b.height);
    }
    if (!Number.isFinite(minX)) return { minX: 0, minY: 0, width: 200, height: 80 };
    return { minX, minY, width: maxX - minX + 2 * PAD, height: maxY - minY + 2 * PAD };
  }, [boxes]);
  const shift = (b: Box): Box => ({
    ...b,
    x: b.x - bounds.minX + PAD,
    y: b.y - bounds.minY + PAD,
  });

  return (
    <div
      className="cm-cmp-drawing"
      style={{ width: bounds.width * scale, height: bounds.height * scale }}
    >
      <div
        className="cm-cmp-drawing__inner"
        style={{ width: bounds.width, height: bounds.height, transform: `scale(${scale})` }}
      >
        <svg
          className="cm-cmp-drawing__edges"
          width={bounds.width}
          height={bounds.height}
          aria-hidden="true"
        >
          <defs>
            {(['found', 'near', 'missing', 'extra', 'none'] as const).map((mark) => (
              <marker
                key={mark}
                id={`cm-cmp-arrow-${side}-${mark}`}
                className={`cm-cmp-arrow--${mark}`}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M0,0 L10,5 L0,10 z" />
              </marker>
            ))}
          </defs>
          {map.edges.map((edge) => {
            const from = boxes.get(edge.from);
            const to = boxes.get(edge.to);
            if (!from || !to) return null;
            const look = edgeLook(edge.id);
            const [x1, y1, x2, y2] = clip(shift(from), shift(to));
            const lit = selected.has(edge.id) || linked.has(edge.id);
            return (
              <line
                key={edge.id}
                x1={x1}
                y1={y1}
                x2={x2}
                y2={y2}
                className={`cm-cmp-edge cm-cmp-edge--${edge.kind} cm-cmp-edge--${look.mark ?? 'none'}${lit ? ' is-lit' : ''}`}
                strokeWidth={look.heat === null ? 2 : 1 + 5 * look.heat}
                markerEnd={`url(#cm-cmp-arrow-${side}-${look.mark ?? 'none'})`}
                data-kind={relationKind(edge.kind).names.noun}
              />
            );
          })}
        </svg>
        {map.nodes.map((node) => {
          const box = shift(boxes.get(node.id)!);
          const look = nodeLook(node.id);
          const isSelected = selected.has(node.id);
          const heatStyle =
            look.heat === null ? undefined : { ['--cm-cmp-heat' as string]: String(look.heat) };
          return (
            <button
              key={node.id}
              type="button"
              data-node-id={node.id}
              className={`cm-cmp-card cm-cmp-card--${node.kind} cm-cmp-card--${look.mark ?? 'none'}${isSelected ? ' is-selected' : ''}${linked.has(node.id) ? ' is-linked' : ''}${look.heat !== null ? ' has-heat' : ''}`}
              style={{
                left: box.x,
                top: box.y,
                width: box.width,
                minHeight: box.height,
                ...heatStyle,
              }}
              aria-pressed={isSelected}
              onClick={() => onSelect(node.id)}
              onMouseEnter={() => onHover(node.id)}
              onMouseLeave={() => onHover(null)}
              onFocus={() => onHover(node.id)}
              onBlur={() => onHover(null)}
            >
              {/* The name is the card's own text, between words only a screen reader needs. */}
              <span className="cm-cmp-hidden">{`${side} ${node.kind}: `}</span>
              <span className="cm-cmp-card__text">{node.text}</span>
              <span className="cm-cmp-hidden">{` (${look.status})`}</span>
              {look.badge && (
                <span className="cm-cmp-card__badge" aria-hidden="true">
                  {look.badge}
                </span>
              )}
            </button>
          );
        })}
      </div>
    </div>
  );
});
