import { describe, expect, it } from 'vitest';
import { makeRoom, ROOM_GAP, type RoomCard } from '../../src/layout/makeRoom';

const card = (id: string, x: number, y: number, width = 280, height = 100): RoomCard => ({
  id,
  at: { x, y },
  size: { width, height },
});

/** Every pair of cards that overlaps once `moved` is applied. */
function overlaps(
  cards: readonly RoomCard[],
  moved: ReadonlyMap<string, { x: number; y: number }>,
) {
  const rects = cards.map((c) => ({ id: c.id, ...(moved.get(c.id) ?? c.at), ...c.size }));
  const pairs: string[] = [];
  for (const [i, a] of rects.entries())
    for (const b of rects.slice(i + 1))
      if (
        a.x < b.x + b.width &&
        b.x < a.x + a.width &&
        a.y < b.y + b.height &&
        b.y < a.y + a.height
      )
        pairs.push(`${a.id}×${b.id}`);
  return pairs;
}

describe('makeRoom', () => {
  it('moves nothing when no card overlaps another', () => {
    const cards = [card('a', 0, 0), card('b', 0, 118), card('c', 400, 0)];
    expect(makeRoom(cards).size).toBe(0);
  });

  it('pushes the cards below a grown card down, keeping their order and nothing above moves', () => {
    // a grew from 100 to 260 px: it now covers b and reaches c.
    const cards = [
      card('a', 0, 0, 280, 260),
      card('b', 0, 118),
      card('c', 0, 236),
      card('top', 0, -200),
    ];
    const moved = makeRoom(cards);
    expect(moved.has('a')).toBe(false);
    expect(moved.has('top')).toBe(false);
    expect(moved.get('b')).toEqual({ x: 0, y: 260 + ROOM_GAP });
    expect(moved.get('c')).toEqual({ x: 0, y: 260 + ROOM_GAP + 100 + ROOM_GAP });
    expect(overlaps(cards, moved)).toEqual([]);
  });

  it('lets a pinned card keep its place and moves the card it was dropped on', () => {
    const cards = [card('under', 0, 0), card('dropped', 30, 40)];
    const unpinned = makeRoom(cards);
    expect([...unpinned.keys()]).toEqual(['dropped']);
    const pinned = makeRoom(cards, new Set(['dropped']));
    expect([...pinned.keys()]).toEqual(['under']);
    expect(pinned.get('under')).toEqual({ x: 0, y: 140 + ROOM_GAP });
  });

  it('only moves cards down, and only the ones in the way (not a column beside)', () => {
    const cards = [card('a', 0, 0, 280, 300), card('b', 0, 118), card('side', 300, 118)];
    const moved = makeRoom(cards);
    expect([...moved.keys()]).toEqual(['b']);
  });

  it('gives the same places whatever order the cards come in', () => {
    const cards = Array.from({ length: 60 }, (_, i) =>
      card(`n${i}`, (i % 4) * 150, Math.floor(i / 4) * 60, 280, 40 + ((i * 37) % 90)),
    );
    const moved = makeRoom(cards);
    expect(overlaps(cards, moved)).toEqual([]);
    const reversed = makeRoom([...cards].reverse());
    expect([...reversed].sort()).toEqual([...moved].sort());
  });

  it('separates 5,000 cards piled in a few columns, quickly', () => {
    const cards = Array.from({ length: 5000 }, (_, i) =>
      card(`n${i}`, (i % 10) * 320, Math.floor(i / 10) * 50, 280, 60 + (i % 7) * 10),
    );
    const moved = makeRoom(cards);
    // Checking every pair would take long: check each column in order.
    const byColumn = new Map<number, { y: number; height: number }[]>();
    for (const c of cards) {
      const at = moved.get(c.id) ?? c.at;
      const column = byColumn.get(c.at.x) ?? [];
      column.push({ y: at.y, height: c.size.height });
      byColumn.set(c.at.x, column);
    }
    for (const column of byColumn.values()) {
      column.sort((a, b) => a.y - b.y);
      for (let i = 1; i < column.length; i++)
        expect(column[i]!.y).toBeGreaterThanOrEqual(column[i - 1]!.y + column[i - 1]!.height);
    }
  });
});
