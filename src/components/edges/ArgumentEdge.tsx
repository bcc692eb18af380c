import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  useInternalNode,
  type EdgeProps,
  type Position,
} from '@xyflow/react';
import { memo } from 'react';
import type { ArgumentFlowEdge, ArgumentNodeData } from '../../store/flowAdapter';
import { useClashmapStore } from '../../store/StoreContext';
import { useReadOnly } from '../readOnly';
import { edgeEnds, END_MARKERS } from '../../layout/edgeGeometry';
import { rectOfInternal, useEdgeRoute } from './edgeRoutes';
import {
  capitalised,
  EDGE_KINDS,
  relationKind,
  type EdgeKind,
} from '../../model/relations/registry';

/** The id of the SVG marker at the end of an edge of `kind`. */
export const edgeMarkerId = (kind: EdgeKind) => `cm-marker-${kind}`;

// The presentation draws its markers in its own colours, so it defines them under its own ids.
const markerId = (kind: EdgeKind, readOnly: boolean) =>
  readOnly ? `${edgeMarkerId(kind)}-present` : edgeMarkerId(kind);

/**
 * An edge drawn as its relation kind says: support solid with an arrow and "+", rebuttal dashed
 * with a bar and "−". It follows its route (see routeEdges), with its badge by its target; while
 * one of its cards is dragged, and before the first routing, it is a curve between the cards.
 */
function ArgumentEdgeView(props: EdgeProps<ArgumentFlowEdge>) {
  const { source, target, data, selected } = props;
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const route = useEdgeRoute(props.id);
  const store = useClashmapStore();
  const readOnly = useReadOnly();
  if (!sourceNode || !targetNode) return null;
  const kind = data?.edge.kind ?? EDGE_KINDS[0];
  const { names, look } = relationKind(kind);
  const verb = capitalised(names.verb);
  // An argument's junction is named for what it is; its own name is usually just "Together".
  const nameOf = (n: typeof sourceNode) => {
    const node = (n.data as ArgumentNodeData).node;
    return node.kind === 'argument' ? 'the argument' : `“${node.text}”`;
  };
  const relation = `${nameOf(sourceNode)} ${names.verb} ${nameOf(targetNode)}`;
  const moving = sourceNode.dragging === true || targetNode.dragging === true;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (route && !moving) {
    ({ path, badgeX: labelX, badgeY: labelY } = route);
  } else {
    const ends = edgeEnds(rectOfInternal(sourceNode), rectOfInternal(targetNode));
    [path, labelX, labelY] = getBezierPath({
      ...ends,
      sourcePosition: ends.sourcePosition as Position,
      targetPosition: ends.targetPosition as Position,
      curvature: 0.35,
    });
  }
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        className={`cm-edge cm-edge--${kind}${selected ? ' is-selected' : ''}`}
        markerEnd={`url(#${markerId(kind, readOnly)})`}
        interactionWidth={16}
      />
      <EdgeLabelRenderer>
        {readOnly ? (
          <div
            className={`cm-edge-label cm-edge-label--${kind}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            aria-hidden="true"
          >
            {look.glyph}
          </div>
        ) : (
          <button
            type="button"
            className={`cm-edge-label cm-edge-label--${kind} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            // One click selects the relation, as a click on its line does. Its kind changes only
            // by an explicit command (the inspector), never by a stray click on a small badge.
            aria-label={`Select: ${relation}`}
            aria-pressed={selected ?? false}
            title={`${verb} (click to select; change its kind in the inspector)`}
            onClick={(event) => {
              event.stopPropagation();
              store.getState().select([], [props.id]);
            }}
          >
            <span aria-hidden="true">{look.glyph}</span>
          </button>
        )}
      </EdgeLabelRenderer>
    </>
  );
}

export const ArgumentEdge = memo(ArgumentEdgeView);

/** SVG marker definitions the edges refer to; rendered once per canvas. */
export function EdgeMarkers({ forPresentation = false }: { forPresentation?: boolean }) {
  return (
    <svg className="cm-marker-defs" aria-hidden="true" focusable="false">
      <defs>
        {EDGE_KINDS.map((kind) => {
          const end = END_MARKERS[relationKind(kind).look.end];
          return (
            <marker
              key={kind}
              id={markerId(kind, forPresentation)}
              viewBox={end.viewBox}
              refX={String(end.refX)}
              refY={String(end.refY)}
              markerWidth={String(end.width)}
              markerHeight={String(end.height)}
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
            >
              <path d={end.path} className={`cm-marker cm-marker--${kind}`} />
            </marker>
          );
        })}
      </defs>
    </svg>
  );
}
