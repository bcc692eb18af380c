import { Handle, Position, useConnection, useStore, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useId, useRef, type CSSProperties } from 'react';
import type { ArgumentFlowNode } from '../../store/flowAdapter';
import { useClashmap, useClashmapStore } from '../../store/StoreContext';
import { CANVAS_EDGE_KINDS, relationKind } from '../../model/relations/registry';
import type { Label } from '../../model/evaluate';
import { LABEL_TEXT, labelKeyOf } from '../evaluation/labels';
import { usePeersOn } from '../../app/presence';
import { useReadOnly } from '../readOnly';
import { EvidenceList } from './EvidenceList';
import { NodeTextEditor } from './NodeTextEditor';
import { useRoundCard } from './cardFlags';
import { FAR_ZOOM, LARGE_MAP_NODES } from '../canvasScale';
import { estimateNodeSize } from '../../layout/nodeSize';

const KIND_LABEL = { position: 'Position', claim: 'Claim', argument: 'Argument' } as const;

const connectingSelector = (connection: { inProgress: boolean }) => connection.inProgress;

/** A card's handles to drag a new relation from, one per kind offered on the canvas. */
function SourceHandles() {
  return CANVAS_EDGE_KINDS.map((kind) => {
    const { names, look } = relationKind(kind);
    return (
      <Handle
        key={kind}
        type="source"
        id={kind}
        position={Position.Right}
        className={`cm-handle cm-handle--${kind}`}
        title={`Drag to a node this ${names.verb}`}
        role="img"
        aria-label={`Drag to connect as ${names.noun}`}
      >
        <span aria-hidden="true">{look.glyph}</span>
      </Handle>
    );
  });
}

const farSelector = (s: { transform: [number, number, number] }) => s.transform[2] < FAR_ZOOM;

/**
 * A card as drawn zoomed out on a large map (see FAR_ZOOM): its coloured box at the size it has
 * when drawn whole, with its handles (the lines are drawn between them) and nothing else.
 * Panning over hundreds of cards then mounts a box and its handles for each card that comes into
 * view, not its text, quotes and flags (and the store subscriptions they keep). Its name is the
 * card's, on React Flow's wrapper, as always.
 */
function FarCard({ id, data, selected }: NodeProps<ArgumentFlowNode>) {
  const { node } = data;
  const measured = useClashmap((s) => s.measured.get(id));
  const labelKey = useClashmap((s) => labelKeyOf(s, id));
  const label = labelKey.split(':')[0];
  const { width, height } = measured ?? estimateNodeSize(node);
  return (
    <div
      className={`cm-node cm-node--${node.kind} cm-node--far${selected ? ' is-selected' : ''}${label ? ` cm-node--${label}` : ''}`}
      style={{ width, height, boxSizing: 'border-box' }}
    >
      <Handle
        type="target"
        position={Position.Right}
        className="cm-handle cm-handle--target"
        isConnectableStart={false}
      />
      <SourceHandles />
    </div>
  );
}

function ArgumentNodeView(props: NodeProps<ArgumentFlowNode>) {
  const large = useClashmap((s) => s.map.nodes.length > LARGE_MAP_NODES);
  const far = useStore(farSelector) && large && !props.data.editing;
  return far ? <FarCard {...props} /> : <WholeCard {...props} />;
}

function WholeCard({ id, data, selected }: NodeProps<ArgumentFlowNode>) {
  const { node, editing, brokenQuotes } = data;
  const store = useClashmapStore();
  const pointedAt = useClashmap((s) => s.hoveredNodeId === id);
  const labelKey = useClashmap((s) => labelKeyOf(s, id));
  const [label, assumed] = labelKey.split(':') as [Label | '', string | undefined];
  const connecting = useConnection(connectingSelector);
  const readOnly = useReadOnly();
  const peers = usePeersOn(id);
  const roundCard = useRoundCard(id);
  const later = roundCard.startsWith('later:');
  const roundFlags = (later ? roundCard.slice('later:'.length) : roundCard)
    .split('\n')
    .filter(Boolean);
  const roundId = useId();
  const describedBy = later || roundFlags.length > 0 ? roundId : null;
  // The canvas names the card by its text (React Flow's wrapper carries that name); its flags
  // describe it, so a screen reader says "dropped by the 1NC" with the card.
  useEffect(() => {
    const wrapper = container.current?.closest<HTMLElement>('.react-flow__node');
    if (!wrapper || !describedBy) return;
    const tokens = () =>
      (wrapper.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    wrapper.setAttribute('aria-describedby', [...tokens(), describedBy].join(' '));
    return () => {
      const rest = tokens().filter((token) => token !== describedBy);
      if (rest.length > 0) wrapper.setAttribute('aria-describedby', rest.join(' '));
      else wrapper.removeAttribute('aria-describedby');
    };
  }, [describedBy]);
  const container = useRef<HTMLDivElement>(null);

  // Keyboard users carry on from the node they were editing, unless focus has gone somewhere
  // meanwhile: a key pressed right after Enter (C for a new claim) opens another card's editor,
  // which must keep it.
  const refocus = () => {
    const wrapper = container.current?.closest<HTMLElement>('.react-flow__node');
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!wrapper || (active && active !== document.body && !wrapper.contains(active))) return;
      wrapper.focus({ preventScroll: true });
    });
  };
  const commit = (text: string, byKey: boolean) => {
    const trimmed = text.trim();
    const state = store.getState();
    if (trimmed && trimmed !== node.text) state.updateNode(id, { text: trimmed });
    else if (!trimmed) state.notify('error', 'A node needs some text; the old text was kept.');
    state.stopEditing();
    if (byKey) refocus();
  };
  const cancel = () => {
    store.getState().stopEditing();
    refocus();
  };

  return (
    <div
      ref={container}
      className={`cm-node cm-node--${node.kind}${selected ? ' is-selected' : ''}${pointedAt ? ' is-pointed' : ''}${label ? ` cm-node--${label}` : ''}${peers.length ? ' has-peers' : ''}${later ? ' cm-node--later' : ''}`}
      style={peers[0] ? ({ '--cm-peer': peers[0].color } as CSSProperties) : undefined}
    >
      {/* While a connection is being drawn, the whole node is a drop target. */}
      <Handle
        type="target"
        position={Position.Right}
        className={connecting ? 'cm-drop-target' : 'cm-handle cm-handle--target'}
        isConnectableStart={false}
      />
      {peers.length > 0 && (
        <ul className="cm-node__peers" aria-label="Others here">
          {peers.map((peer) => (
            <li key={peer.id} style={{ '--cm-peer': peer.color } as CSSProperties}>
              {peer.editing ? `${peer.name} is editing` : peer.name}
            </li>
          ))}
        </ul>
      )}
      <div className="cm-node__head">
        <span className="cm-node__kind" aria-hidden="true">
          {KIND_LABEL[node.kind]}
        </span>
        {label && (
          <span className={`cm-label cm-label--${label}`}>
            <span aria-hidden="true">{LABEL_TEXT[label].symbol} </span>
            {LABEL_TEXT[label].word}
            {assumed ? ' (assumed)' : ''}
          </span>
        )}
      </div>
      {editing && !readOnly ? (
        // The editor lies over the text it edits, which stays (unseen) to keep the card's size:
        // a card does not grow while it is typed in (each new line re-laid out its column, moved
        // the cards below and re-routed every edge: a key press of 50 to 100 ms on a large map);
        // the editor grows over what lies below it, and the card takes its new size on commit.
        <div className="cm-node__edit-slot">
          <p className="cm-node__text" aria-hidden="true">
            {node.text}
          </p>
          <NodeTextEditor
            initial={node.text}
            label={`${KIND_LABEL[node.kind]} text`}
            onCommit={commit}
            onCancel={cancel}
          />
        </div>
      ) : (
        <p className="cm-node__text">{node.text}</p>
      )}
      {brokenQuotes > 0 && (
        <p className="cm-node__flag">
          <span aria-hidden="true">⚠ </span>
          {brokenQuotes === 1
            ? 'A quote does not match its source'
            : `${brokenQuotes} quotes do not match their source`}
        </p>
      )}
      <div id={roundId} className="cm-node__round-flags">
        {later && <p className="cm-node__later">Not yet said at this point of the round</p>}
        {roundFlags.length > 0 && (
          <ul className="cm-node__round" aria-label="Flow flags">
            {roundFlags.map((flag) => (
              <li key={flag} className={`cm-flow-flag cm-flow-flag--${flag.split(' ')[0]}`}>
                {flag}
              </li>
            ))}
          </ul>
        )}
      </div>
      <EvidenceList evidence={node.evidence} />
      {node.tags && node.tags.length > 0 && (
        <ul className="cm-tags" aria-label="Tags">
          {node.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <SourceHandles />
    </div>
  );
}

export const ArgumentNode = memo(ArgumentNodeView);
