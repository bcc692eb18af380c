import { indexMap, primaryParents } from './graph';
import type { ClashMap } from './map';
import type { Point } from './node';

/** Which way an arrow key moves focus through the map's structure. */
export type Direction = 'up' | 'down' | 'left' | 'right';

/**
 * The card an arrow key leads to from `id`, following the argument rather than the pixels:
 * - down: the first of its replies (its supporters, then its rebutters, as drawn top to bottom);
 * - up: the card it answers (what it supports, failing that what it rebuts);
 * - left and right: the previous and next reply to the same card, or, for a position (or any
 *   card that answers nothing), the previous and next such card across the map.
 * Null when there is nothing that way. `at` says where each card is drawn, to order siblings.
 */
export function neighbourCard(
  map: ClashMap,
  id: string,
  direction: Direction,
  at: (id: string) => Point | undefined,
): string | null {
  const index = indexMap(map);
  if (!index.nodeById.has(id)) return null;
  const parents = primaryParents(map);
  const place = (nodeId: string) => at(nodeId) ?? { x: 0, y: 0 };
  const byPlace = (vertical: boolean) => (a: string, b: string) => {
    const pa = place(a);
    const pb = place(b);
    return vertical ? pa.y - pb.y || pa.x - pb.x : pa.x - pb.x || pa.y - pb.y;
  };
  // The replies drawn under a card: those whose primary parent it is.
  const repliesTo = (parent: string) =>
    map.nodes
      .filter((n) => parents.get(n.id) === parent)
      .map((n) => n.id)
      .sort(byPlace(true));
  const parent = parents.get(id) ?? null;
  switch (direction) {
    case 'up':
      return parent;
    case 'down': {
      const replies = repliesTo(id);
      if (replies.length) return replies[0]!;
      // A card that answers this one without being drawn under it still leads somewhere.
      const other = (index.incoming.get(id) ?? [])[0];
      return other ? other.from : null;
    }
    case 'left':
    case 'right': {
      const row =
        parent === null
          ? map.nodes
              .filter((n) => (parents.get(n.id) ?? null) === null)
              .map((n) => n.id)
              .sort(byPlace(false))
          : repliesTo(parent);
      const at = row.indexOf(id);
      const next = row[at + (direction === 'right' ? 1 : -1)];
      return next ?? null;
    }
  }
}
