import { memo } from 'react';
import { citation } from '../../io/cards';
import { isChecked, type Evidence } from '../../model/evidence';
import { useClashmap } from '../../store/StoreContext';

/** The quotes behind a node, each with its speaker, or as debate cards with a full citation. */
export const EvidenceList = memo(function EvidenceList({
  evidence,
}: {
  evidence: readonly Evidence[];
}) {
  const cardView = useClashmap((s) => s.cardView);
  const sources = useClashmap((s) => s.map.sources);
  if (evidence.length === 0) return null;
  return (
    <ul className={`cm-evidence${cardView ? ' cm-evidence--cards' : ''}`} aria-label="Quotes">
      {evidence.map((e) => (
        <li key={e.id}>
          {cardView ? (
            <>
              <div className="cm-cite">
                {citation(
                  e,
                  sources.find((s) => s.id === e.sourceId),
                )}
              </div>
              <blockquote className="cm-quote">“{e.quote}”</blockquote>
              {!isChecked(e) && <div className="cm-unchecked">Not checked against a text</div>}
            </>
          ) : (
            <>
              <blockquote className="cm-quote">“{e.quote}”</blockquote>
              <div className="cm-speaker">
                — {e.speaker}
                {!isChecked(e) && <span className="cm-unchecked"> · not checked</span>}
              </div>
            </>
          )}
        </li>
      ))}
    </ul>
  );
});
