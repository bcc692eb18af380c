import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ArgumentFlowNode } from '../../store/flowAdapter';
import { EvidenceList } from './EvidenceList';

const KIND_LABEL = { position: 'Position', claim: 'Claim' } as const;

// Edges run from a claim (right) to what it answers (left), as on a debate flow sheet.
function ArgumentNodeView({ data, selected }: NodeProps<ArgumentFlowNode>) {
  const { node } = data;
  return (
    <div className={`cm-node cm-node--${node.kind}${selected ? ' is-selected' : ''}`}>
      <Handle type="target" position={Position.Right} className="cm-handle" />
      <div className="cm-node__kind" aria-hidden="true">
        {KIND_LABEL[node.kind]}
      </div>
      <p className="cm-node__text">{node.text}</p>
      <EvidenceList evidence={node.evidence} />
      {node.tags && node.tags.length > 0 && (
        <ul className="cm-tags" aria-label="Tags">
          {node.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <Handle type="source" position={Position.Left} className="cm-handle" />
    </div>
  );
}

export const ArgumentNode = memo(ArgumentNodeView);
