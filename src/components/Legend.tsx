/** Explains the node and edge styles; edges differ by line, marker and sign as well as colour. */
export function Legend() {
  return (
    <section className="cm-legend" aria-label="Legend">
      <h2 className="cm-legend__title">Legend</h2>
      <ul>
        <li>
          <span className="cm-legend__swatch cm-legend__swatch--position" aria-hidden="true" />
          Position
        </li>
        <li>
          <span className="cm-legend__swatch cm-legend__swatch--claim" aria-hidden="true" />
          Claim with quote
        </li>
        <li>
          <svg width="56" height="14" aria-hidden="true">
            <line x1="2" y1="7" x2="44" y2="7" className="cm-edge cm-edge--support" />
            <path d="M42,1 L54,7 L42,13 z" className="cm-marker cm-marker--support" />
          </svg>
          <span
            className="cm-edge-label cm-edge-label--support cm-edge-label--inline"
            aria-hidden="true"
          >
            +
          </span>
          supports
        </li>
        <li>
          <svg width="56" height="16" aria-hidden="true">
            <line x1="2" y1="8" x2="44" y2="8" className="cm-edge cm-edge--rebuttal" />
            <path
              d="M50,0 L54,0 L54,16 L50,16 z M42,4 L50,8 L42,12 z"
              className="cm-marker cm-marker--rebuttal"
            />
          </svg>
          <span
            className="cm-edge-label cm-edge-label--rebuttal cm-edge-label--inline"
            aria-hidden="true"
          >
            −
          </span>
          rebuts
        </li>
      </ul>
    </section>
  );
}
