import { memo } from 'react';
import type { Evidence } from '../../model/evidence';

/** The quotes behind a node, each with its speaker. */
export const EvidenceList = memo(function EvidenceList({
  evidence,
}: {
  evidence: readonly Evidence[];
}) {
  if (evidence.length === 0) return null;
  return (
    <ul className="cm-evidence" aria-label="Quotes">
      {evidence.map((e, i) => (
        <li key={`${e.sourceId}:${e.start}:${i}`}>
          <blockquote className="cm-quote">“{e.quote}”</blockquote>
          <div className="cm-speaker">— {e.speaker}</div>
        </li>
      ))}
    </ul>
  );
});
