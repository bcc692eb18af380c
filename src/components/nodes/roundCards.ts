import { mapAsOf, roundFlags } from '../../model/flow';
import type { ClashMap } from '../../model/map';
import { flagWords } from '../../views/flow/flowWords';
import type { RoundCard } from './cardFlags';

// One reading per map and speech: every card of a 5,000-card map asks, and gets it from here.
const cache = new WeakMap<ClashMap, Map<string, ReadonlyMap<string, RoundCard>>>();

/** Each card's flags and whether it was said yet, for the round as of `asOf` (null: all). */
export function roundCards(map: ClashMap, asOf: string | null): ReadonlyMap<string, RoundCard> {
  let byAsOf = cache.get(map);
  if (!byAsOf) cache.set(map, (byAsOf = new Map()));
  const key = asOf ?? '';
  const known = byAsOf.get(key);
  if (known) return known;
  let cards: Map<string, RoundCard>;
  try {
    const flags = roundFlags(map, asOf ?? undefined);
    const seen = asOf === null ? map : mapAsOf(map, asOf);
    const said = new Set(seen.nodes.map((n) => n.id));
    cards = new Map();
    for (const node of map.nodes) {
      const words = said.has(node.id) ? flagWords(node.id, flags, seen) : [];
      const later = !said.has(node.id);
      if (words.length > 0 || later) cards.set(node.id, { flags: words, later });
    }
  } catch {
    // A speech the format lacks (the map changed format): no flags rather than none at all.
    cards = new Map();
  }
  byAsOf.set(key, cards);
  return cards;
}
