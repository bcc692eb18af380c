import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  useInternalNode,
  type EdgeProps,
  type InternalNode,
  type Position,
} from '@xyflow/react';
import { memo } from 'react';
import type { ArgumentFlowEdge } from '../../store/flowAdapter';
import { useClashmapStore } from '../../store/StoreContext';
import { useReadOnly } from '../readOnly';
import { edgeEnds, type Rect } from '../../layout/edgeGeometry';

function rectOf(node: InternalNode): Rect {
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? 0, height: node.measured.height ?? 0 };
}

export const MARKER_IDS = { support: 'cm-marker-support', rebuttal: 'cm-marker-rebuttal' } as const;

// The presentation draws its markers in its own colours, so it defines them under its own ids.
const markerId = (kind: keyof typeof MARKER_IDS, readOnly: boolean) =>
  readOnly ? `${MARKER_IDS[kind]}-present` : MARKER_IDS[kind];

/** A support (solid, arrow, "+") or rebuttal (dashed, bar, "−") edge. */
function ArgumentEdgeView(props: EdgeProps<ArgumentFlowEdge>) {
  const { source, target, data, selected } = props;
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const store = useClashmapStore();
  const readOnly = useReadOnly();
  if (!sourceNode || !targetNode) return null;
  const kind = data?.edge.kind ?? 'support';
  const ends = edgeEnds(rectOf(sourceNode), rectOf(targetNode));
  const [path, labelX, labelY] = getBezierPath({
    ...ends,
    sourcePosition: ends.sourcePosition as Position,
    targetPosition: ends.targetPosition as Position,
    curvature: 0.35,
  });
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
            {kind === 'support' ? '+' : '−'}
          </div>
        ) : (
          <button
            type="button"
            className={`cm-edge-label cm-edge-label--${kind} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            aria-label={
              kind === 'support' ? 'Supports: make it a rebuttal' : 'Rebuts: make it a support'
            }
            title={
              kind === 'support'
                ? 'Supports (click to make it a rebuttal)'
                : 'Rebuts (click to make it a support)'
            }
            onClick={(event) => {
              event.stopPropagation();
              store
                .getState()
                .updateEdge(props.id, { kind: kind === 'support' ? 'rebuttal' : 'support' });
            }}
          >
            <span aria-hidden="true">{kind === 'support' ? '+' : '−'}</span>
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
        <marker
          id={markerId('support', forPresentation)}
          viewBox="0 0 12 12"
          refX="11"
          refY="6"
          markerWidth="14"
          markerHeight="14"
          markerUnits="userSpaceOnUse"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L12,6 L0,12 z" className="cm-marker cm-marker--support" />
        </marker>
        <marker
          id={markerId('rebuttal', forPresentation)}
          viewBox="0 0 12 16"
          refX="10"
          refY="8"
          markerWidth="12"
          markerHeight="16"
          markerUnits="userSpaceOnUse"
          orient="auto-start-reverse"
        >
          <path
            d="M8,0 L12,0 L12,16 L8,16 z M0,4 L8,8 L0,12 z"
            className="cm-marker cm-marker--rebuttal"
          />
        </marker>
      </defs>
    </svg>
  );
}
