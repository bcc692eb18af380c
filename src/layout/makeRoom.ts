import type { Point } from '../model/node';
import type { Size } from './nodeSize';

/** Space kept between a card and the card it was moved below. */
export const ROOM_GAP = 16;

/** Width of the vertical strips that index placed cards, in canvas pixels. */
const STRIP = 256;

interface Rect {
  x: number;
  y: number;
  right: number;
  bottom: number;
  /** The last card (by its index in the order) that found this one in its way. */
  mark: number;
}

export interface RoomCard {
  id: string;
  /** Where the card would be drawn: its saved place, or where the layout put it. */
  at: Point;
  size: Size;
}

/**
 * Where cards must be drawn so that none overlaps another: the cards in `first` keep their
 * places (the ones the user just dropped), then every other card, from the top of the map down,
 * keeps its place unless that would overlap a card already placed, in which case it moves down
 * just below it. So a card that grows, or a card dropped onto others, pushes the cards below it
 * down, and nothing above it moves.
 *
 * Returns only the cards that moved, with their new places (an empty map when nothing overlaps).
 * Pure and deterministic: the same cards give the same places, whatever order they come in.
 * About n log n: placed cards are indexed by vertical strips of the canvas, and each strip
 * forgets the cards that end above the card being placed.
 */
export function makeRoom(
  cards: readonly RoomCard[],
  first: ReadonlySet<string> = new Set(),
): Map<string, Point> {
  // Made for every change on maps of thousands of cards: no allocation per card but its
  // rectangle, and the pinned cards looked up once each.
  const order = cards.map((card) => ({ card, pinned: first.has(card.id) }));
  order.sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      a.card.at.y - b.card.at.y ||
      a.card.at.x - b.card.at.x ||
      (a.card.id < b.card.id ? -1 : a.card.id > b.card.id ? 1 : 0),
  );
  const strips = new Map<number, Rect[]>();
  const moved = new Map<string, Point>();
  const inTheWay: Rect[] = [];
  for (let index = 0; index < order.length; index++) {
    const { card, pinned } = order[index]!;
    const { width, height } = card.size;
    const x = card.at.x;
    let y = card.at.y;
    const k0 = Math.floor(x / STRIP);
    const k1 = Math.floor((x + width) / STRIP);
    // Cards come from the top down (after the pinned ones), and a card only moves down, so a
    // placed card that ends above this one's place can touch neither it nor any card after it.
    // Move down past whatever is in the way: the placed cards beside this one and not above
    // it, from the top down; each that overlaps sends this card just below it. One pass
    // suffices, as this card only moves down.
    inTheWay.length = 0;
    for (let k = k0; k <= k1; k++) {
      const strip = strips.get(k);
      if (!strip) continue;
      let kept = 0;
      for (const r of strip) {
        if (!pinned && r.bottom <= y) continue;
        strip[kept++] = r;
        if (x < r.right && r.x < x + width && r.bottom > y && r.mark !== index) {
          // (Once: a rectangle that spans several strips is met in each.)
          r.mark = index;
          inTheWay.push(r);
        }
      }
      strip.length = kept;
    }
    if (inTheWay.length > 1) inTheWay.sort((a, b) => a.y - b.y);
    for (const r of inTheWay) {
      if (r.y >= y + height) break;
      if (r.bottom > y) y = r.bottom + ROOM_GAP;
    }
    const rect: Rect = { x, y, right: x + width, bottom: y + height, mark: -1 };
    for (let k = k0; k <= k1; k++) {
      const strip = strips.get(k);
      if (strip) strip.push(rect);
      else strips.set(k, [rect]);
    }
    if (y !== card.at.y) moved.set(card.id, { x, y });
  }
  return moved;
}
