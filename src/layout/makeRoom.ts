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
  const order = [...cards].sort(
    (a, b) =>
      Number(first.has(b.id)) - Number(first.has(a.id)) ||
      a.at.y - b.at.y ||
      a.at.x - b.at.x ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const strips = new Map<number, Rect[]>();
  const stripsOf = (x: number, width: number) => {
    const keys: number[] = [];
    for (let k = Math.floor(x / STRIP); k <= Math.floor((x + width) / STRIP); k++) keys.push(k);
    return keys;
  };
  const moved = new Map<string, Point>();
  const prune = (strip: { bottom: number }[] | undefined, top: number) => {
    if (!strip) return;
    let kept = 0;
    for (const r of strip) if (r.bottom > top) strip[kept++] = r;
    strip.length = kept;
  };
  for (const card of order) {
    const { width, height } = card.size;
    const x = card.at.x;
    let y = card.at.y;
    const keys = stripsOf(x, width);
    // Cards come from the top down (after the pinned ones), and a card only moves down, so a
    // placed card that ends above this one's place can touch neither it nor any card after it.
    if (!first.has(card.id)) for (const key of keys) prune(strips.get(key), y);
    // Move down past whatever is in the way: the placed cards beside this one and not above
    // it, from the top down; each that overlaps sends this card just below it. One pass
    // suffices, as this card only moves down.
    const inTheWay: Rect[] = [];
    for (const key of keys)
      for (const r of strips.get(key) ?? [])
        if (x < r.right && r.x < x + width && r.bottom > y && !inTheWay.includes(r))
          inTheWay.push(r);
    inTheWay.sort((a, b) => a.y - b.y);
    for (const r of inTheWay) {
      if (r.y >= y + height) break;
      if (r.bottom > y) y = r.bottom + ROOM_GAP;
    }
    const rect: Rect = { x, y, right: x + width, bottom: y + height };
    for (const key of keys) {
      const strip = strips.get(key);
      if (strip) strip.push(rect);
      else strips.set(key, [rect]);
    }
    if (y !== card.at.y) moved.set(card.id, { x, y });
  }
  return moved;
}
