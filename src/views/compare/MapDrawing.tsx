import { memo, useMemo } from 'react';
import { layoutMap } from '../../layout/layoutMap';
import { estimateNodeSize } from '../../layout/nodeSize';
import { routeEdges, routePath } from '../../layout/routeEdges';
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
  // Relations are routed as the canvas routes them: along lanes between the columns.
  const routes = useMemo(() => routeEdges(boxes, map.edges), [boxes, map.edges]);
  const bounds = useMemo(() => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const include = (x: number, y: number) => {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    };
    for (const b of boxes.values()) {
      include(b.x, b.y);
      include(b.x + b.width, b.y + b.height);
    }
    for (const route of routes.values()) for (const p of route.points) include(p.x, p.y);
    if (!Number.isFinite(minX)) return { minX: 0, minY: 0, width: 200, height: 80 };
    return { minX, minY, width: maxX - minX + 2 * PAD, height: maxY - minY + 2 * PAD };
  }, [boxes, routes]);
  const dx = PAD - bounds.minX;
  const dy = PAD - bounds.minY;

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
          <g transform={`translate(${dx} ${dy})`}>
            {map.edges.map((edge) => {
              const route = routes.get(edge.id);
              if (!route) return null;
              const look = edgeLook(edge.id);
              const lit = selected.has(edge.id) || linked.has(edge.id);
              return (
                <path
                  key={edge.id}
                  d={routePath(route.points)}
                  fill="none"
                  className={`cm-cmp-edge cm-cmp-edge--${edge.kind} cm-cmp-edge--${look.mark ?? 'none'}${lit ? ' is-lit' : ''}`}
                  strokeWidth={look.heat === null ? 2 : 1 + 5 * look.heat}
                  markerEnd={`url(#cm-cmp-arrow-${side}-${look.mark ?? 'none'})`}
                  data-kind={relationKind(edge.kind).names.noun}
                />
              );
            })}
          </g>
        </svg>
        {map.nodes.map((node) => {
          const at = boxes.get(node.id)!;
          const box = { ...at, x: at.x + dx, y: at.y + dy };
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
