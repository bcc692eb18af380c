import type { Scores } from '../../compare/compare';
import type { CompareSettings, ScoreWeights } from '../../compare/settings';
import { percent } from './highlight';

const SCORE_NAMES: { id: keyof Scores; label: string }[] = [
  { id: 'combined', label: 'Combined' },
  { id: 'claimRecall', label: 'Claim recall' },
  { id: 'claimPrecision', label: 'Claim precision' },
  { id: 'relationF1', label: 'Relation F1' },
];

/** The threshold and the weights of the scores, as the teacher sets them. */
export function Tuning({
  settings,
  onChange,
}: {
  settings: CompareSettings;
  onChange: (next: CompareSettings) => void;
}) {
  const weight = (key: keyof ScoreWeights, label: string) => (
    <label>
      {label}
      <input
        type="number"
        min={0}
        max={100}
        step={0.1}
        value={settings.weights[key]}
        onChange={(event) => {
          const value = event.target.valueAsNumber;
          if (Number.isFinite(value) && value >= 0 && value <= 100)
            onChange({ ...settings, weights: { ...settings.weights, [key]: value } });
        }}
      />
    </label>
  );
  return (
    <details className="cm-cmp__tuning">
      <summary>Matching threshold and score weights</summary>
      <label>
        Match threshold (0–1)
        <input
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={settings.threshold}
          onChange={(event) => {
            const value = event.target.valueAsNumber;
            if (Number.isFinite(value) && value >= 0 && value <= 1)
              onChange({ ...settings, threshold: value });
          }}
        />
      </label>
      {weight('claimRecall', 'Weight of claim recall')}
      {weight('claimPrecision', 'Weight of claim precision')}
      {weight('relations', 'Weight of relation F1')}
      <span className="cm-cmp__hint">
        {settings.decisions.length === 0
          ? 'No matches made by hand yet.'
          : `${settings.decisions.length} match decision${settings.decisions.length === 1 ? '' : 's'} made by hand.`}
      </span>
    </details>
  );
}

/** A student's scores, each with the sentence that explains it. */
export function ScoreList({ scores, name }: { scores: Scores; name: string }) {
  return (
    <section className="cm-cmp__scores" aria-label={`Scores of ${name}`}>
      <h3>Scores of {name}</h3>
      <dl>
        {SCORE_NAMES.map(({ id, label }) => (
          <div key={id}>
            <dt>
              {label}: {percent(scores[id].value)}
            </dt>
            <dd>{scores[id].explanation}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** What the marks of the drawings mean. */
export function Legend() {
  return (
    <ul className="cm-cmp__legend" aria-label="What the marks mean">
      <li>
        <span className="cm-cmp-swatch cm-cmp-swatch--found" aria-hidden="true" /> found / as in the
        model
      </li>
      <li>
        <span className="cm-cmp-swatch cm-cmp-swatch--near" aria-hidden="true" /> nearly (wrong
        kind, reversed, partial)
      </li>
      <li>
        <span className="cm-cmp-swatch cm-cmp-swatch--missing" aria-hidden="true" /> missing
      </li>
      <li>
        <span className="cm-cmp-swatch cm-cmp-swatch--extra" aria-hidden="true" /> not in the model
      </li>
    </ul>
  );
}
