import { holdsRound } from '../../model/round';
import { useClashmap } from '../../store/StoreContext';
import { useRoundView } from './cardFlags';

/**
 * Says, over the map, that it shows the round as of an earlier speech (set with the flow view's
 * "As of" slider), and gives the whole round back in one click: the dimmed cards are not a
 * fault of the map.
 */
export function RoundAsOf() {
  const asOf = useRoundView((s) => s.asOf);
  const round = useClashmap((s) => holdsRound(s.map));
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
