import { END_MARKERS, translatePath } from '../layout/edgeGeometry';
import { useMemo } from 'react';
import { edgeKindsToExplain, relationKind } from '../model/relations/registry';
import { useClashmap } from '../store/StoreContext';

// Where a legend line's marker starts: the line runs from 2 to 44.
const LEGEND_MARKER_X = 42;

/**
 * Explains the node and edge styles; edges differ by line, marker and sign as well as colour.
 * Its title folds it away (the toolbar's Legend button brings it back), so it covers no card.
 */
export function Legend({ onFold }: { onFold: () => void }) {
  // The flow's kinds are explained once the map has edges of them.
  const edges = useClashmap((s) => s.map.edges);
  const kinds = useMemo(() => edgeKindsToExplain(edges), [edges]);
  return (
    <section className="cm-legend" aria-label="Legend">
      <h2 className="cm-legend__title">
        <button type="button" className="cm-legend__toggle" aria-expanded={true} onClick={onFold}>
          Legend
        </button>
      </h2>
      <ul>
        <li>
          <span className="cm-legend__swatch cm-legend__swatch--position" aria-hidden="true" />
          Position
        </li>
        <li>
          <span className="cm-legend__swatch cm-legend__swatch--claim" aria-hidden="true" />
          Claim with quote
        </li>
        {kinds.map((kind) => {
          const { names, look } = relationKind(kind);
          const end = END_MARKERS[look.end];
          const viewHeight = Number(end.viewBox.split(' ')[3]);
          const mid = end.height / 2;
          return (
            <li key={kind}>
              <svg width="56" height={end.height} aria-hidden="true">
                <line x1="2" y1={mid} x2="44" y2={mid} className={`cm-edge cm-edge--${kind}`} />
                <path
                  d={translatePath(end.path, LEGEND_MARKER_X, (end.height - viewHeight) / 2)}
                  className={`cm-marker cm-marker--${kind}`}
                />
              </svg>
              <span
                className={`cm-edge-label cm-edge-label--${kind} cm-edge-label--inline`}
                aria-hidden="true"
              >
                {look.glyph}
              </span>
              {names.verb}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
