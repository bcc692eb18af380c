import { useId } from 'react';
import { explain, reasonInWords } from '../../model/evaluate';
import { useClashmap, useClashmapStore } from '../../store/StoreContext';
import { LABEL_TEXT } from './labels';

/**
 * Which positions stand, with the one-line reason for each, and the what-ifs in force
 * (listed, clearable in one click, and kept in the file only when the user asks).
 */
export function Scoreboard({ onChooseNode }: { onChooseNode: (id: string) => void }) {
  const store = useClashmapStore();
  const map = useClashmap((s) => s.map);
  const evaluation = useClashmap((s) => s.evaluation);
  const assumptions = useClashmap((s) => s.assumptions);
  const keep = useClashmap((s) => s.keepAssumptions);
  const keepId = useId();
  if (!evaluation) return null;
  const positions = map.nodes.filter((n) => n.kind === 'position');
  const assumed = [...assumptions].filter(([id]) => map.nodes.some((n) => n.id === id));
  const textOf = (id: string) => map.nodes.find((n) => n.id === id)?.text ?? id;
  return (
    <details className="cm-scoreboard" open aria-label="Scoreboard">
      <summary className="cm-scoreboard__title">Which positions stand</summary>
      <ul className="cm-plain-list">
        {positions.map((position) => {
          const result = evaluation.nodes.get(position.id);
          if (!result) return null;
          return (
            <li key={position.id} className={`cm-score cm-score--${result.label}`}>
              <button
                type="button"
                className="cm-score__button"
                onClick={() => onChooseNode(position.id)}
              >
                <span className={`cm-label cm-label--${result.label}`}>
                  <span aria-hidden="true">{LABEL_TEXT[result.label].symbol} </span>
                  {LABEL_TEXT[result.label].word}
                </span>{' '}
                <span className="cm-score__text">{position.text}</span>
              </button>
              <p className="cm-score__reason">{reasonInWords(evaluation, position.id, map)}</p>
            </li>
          );
        })}
      </ul>
      {positions.length === 0 && <p className="cm-muted">No positions on this map yet.</p>}
      <h3 className="cm-scoreboard__subtitle">What-ifs</h3>
      {assumed.length === 0 ? (
        <p className="cm-muted">
          None. Select a node and choose “Assume it stands” (a concession) or “Assume it falls” (a
          strike).
        </p>
      ) : (
        <>
          <ul className="cm-plain-list" aria-label="Assumptions">
            {assumed.map(([id, value]) => (
              <li key={id} className="cm-assumption">
                Assume <strong>{value === 'stands' ? 'it stands' : 'it falls'}</strong>:{' '}
                {textOf(id)}{' '}
                <button
                  type="button"
                  className="cm-link-button"
                  aria-label={`Remove the assumption about: ${textOf(id)}`}
                  onClick={() => store.getState().setAssumption(id, null)}
                >
                  remove
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => store.getState().clearAssumptions()}>
            Clear all assumptions
          </button>
        </>
      )}
      <div className="cm-check">
        <input
          id={keepId}
          type="checkbox"
          checked={keep}
          onChange={(e) => store.getState().setKeepAssumptions(e.target.checked)}
        />
        <label htmlFor={keepId}>Save the what-ifs in the map file</label>
      </div>
    </details>
  );
}

/** The selected node's label, why, and the what-if switch. */
export function NodeEvaluation({ id }: { id: string }) {
  const store = useClashmapStore();
  const map = useClashmap((s) => s.map);
  const evaluation = useClashmap((s) => s.evaluation);
  const assumption = useClashmap((s) => s.assumptions.get(id) ?? null);
  const name = useId();
  if (!evaluation || !evaluation.nodes.has(id)) return null;
  const options = [
    { value: null, label: 'Follow the rule' },
    { value: 'stands', label: 'Assume it stands (concede it)' },
    { value: 'falls', label: 'Assume it falls (strike it)' },
  ] as const;
  return (
    <section className="cm-inspector__section" aria-label="Evaluation">
      <h3>Evaluation</h3>
      <p className="cm-explanation">{explain(evaluation, id, map)}</p>
      <fieldset className="cm-field">
        <legend>What if?</legend>
        {options.map((option) => (
          <label key={option.label} className="cm-radio cm-radio--block">
            <input
              type="radio"
              name={name}
              checked={assumption === option.value}
              onChange={() => store.getState().setAssumption(id, option.value)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
