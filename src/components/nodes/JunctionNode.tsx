import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { isUnnamedArgument } from '../../model/arguments';
import type { Label } from '../../model/evaluate';
import type { ArgumentFlowNode } from '../../store/flowAdapter';
import { useClashmap } from '../../store/StoreContext';
import { LABEL_TEXT, labelKeyOf } from '../evaluation/labels';

/**
 * An argument on the canvas: the small round junction where its premises meet, with one arrow on
 * to its conclusion, and its scheme's name beside it. Undercuts end on it. Its accessible name
 * (on the React Flow node) says what it joins; selected, it can be undercut (U) or, in the
 * inspector, named, given a scheme, or separated into plain supports.
 */
function JunctionNodeView({ id, data, selected }: NodeProps<ArgumentFlowNode>) {
  const { node } = data;
  const labelKey = useClashmap((s) => labelKeyOf(s, id));
  const [label] = labelKey.split(':') as [Label | '', string | undefined];
  const scheme = node.kind === 'argument' ? node.scheme : undefined;
  const named = !isUnnamedArgument(node.text);
  return (
    <div
      className={`cm-junction${selected ? ' is-selected' : ''}${label ? ` cm-junction--${label}` : ''}`}
      title={[named ? node.text : 'Argument', scheme].filter(Boolean).join(' · ')}
    >
      <Handle
        type="target"
        position={Position.Left}
        className="cm-junction__end"
        isConnectable={false}
      />
      <span className="cm-junction__dot" aria-hidden="true">
        {label ? LABEL_TEXT[label].symbol : ''}
      </span>
      {(scheme || named) && (
        <span className="cm-junction__scheme" aria-hidden="true">
          {scheme ?? node.text}
        </span>
      )}
      <Handle
        type="source"
        position={Position.Right}
        className="cm-junction__end"
        isConnectable={false}
      />
    </div>
  );
}

export const JunctionNode = memo(JunctionNodeView);
