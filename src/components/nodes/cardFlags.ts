import { useEffect } from 'react';
import { create } from 'zustand';
import type { ClashMap } from '../../model/map';
import { holdsRound } from '../../model/round';
import { useClashmap } from '../../store/StoreContext';

/**
 * A round's flags on the canvas cards ("dropped by the 1NC", "turned by the 2AC"), the same
 * words as on the flow. The flow's model loads only once a map holding a round is open: maps
 * that are not rounds never load it.
 *
 * The flow view's "as of" speech is shared here too, so that the canvas shows the round as it
 * stood after that speech: its later cards dimmed, its flags as they were then.
 */

type FlagReader = (map: ClashMap, asOf: string | null) => ReadonlyMap<string, RoundCard>;

/** What the canvas shows of a card's place in the round. */
export interface RoundCard {
  /** The card's flags in words. */
  readonly flags: readonly string[];
  /** Made after the "as of" speech: not yet said then. */
  readonly later: boolean;
}

interface CardFlagState {
  read: FlagReader | null;
  /** The speech the round is shown as of, or null for the whole round. */
  asOf: string | null;
  setAsOf: (speech: string | null) => void;
}

export const useRoundView = create<CardFlagState>()((set) => ({
  read: null,
  asOf: null,
  setAsOf: (asOf) => set({ asOf }),
}));

let loading = false;
function loadReader() {
  if (loading) return;
  loading = true;
  import('./roundCards').then(
    (module) => useRoundView.setState({ read: module.roundCards }),
    () => {
      // Offline before the app was cached whole: the cards go without their flags for now.
      loading = false;
    },
  );
}

const NONE = '';

/**
 * The card's round flags, joined by newlines ('' for none; a primitive, so the card renders
 * again only when its own flags change), with a leading "later:" when it was made after the
 * "as of" speech.
 */
export function useRoundCard(id: string): string {
  const read = useRoundView((s) => s.read);
  const asOf = useRoundView((s) => s.asOf);
  const round = useClashmap((s) => holdsRound(s.map));
  useEffect(() => {
    if (round && !read) loadReader();
  }, [round, read]);
  return useClashmap((s) => {
    if (!read || !holdsRound(s.map)) return NONE;
    const card = read(s.map, asOf).get(id);
    if (!card) return NONE;
    return `${card.later ? 'later:' : ''}${card.flags.join('\n')}`;
  });
}
