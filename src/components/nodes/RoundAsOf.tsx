import { holdsRound } from '../../model/round';
import { useEffect } from 'react';
import { useClashmap, useClashmapStore } from '../../store/StoreContext';
import { useRoundView } from './cardFlags';

/**
 * Says, over the map, that it shows the round as of an earlier speech (set with the flow view's
 * "As of" slider), and gives the whole round back in one click: the dimmed cards are not a
 * fault of the map.
 */
export function RoundAsOf() {
  const asOf = useRoundView((s) => s.asOf);
  const round = useClashmap((s) => holdsRound(s.map));
  const store = useClashmapStore();
  // The map's labels follow the slider: which positions stood after that speech.
  useEffect(() => {
    store.getState().setRoundAsOf(round ? asOf : null);
  }, [store, asOf, round]);
  if (asOf === null || !round) return null;
  return (
    <div className="cm-banner cm-banner--as-of" role="status">
      The map shows the round as it stood after the {asOf}.
      <button type="button" onClick={() => useRoundView.getState().setAsOf(null)}>
        Show the whole round
      </button>
    </div>
  );
}
