import { useMemo } from 'react';
import { leadingPositions } from '../../model/graph';
import type { ClashMap } from '../../model/map';
import { useClashmap } from '../../store/StoreContext';

// Distinct in hue and in lightness, and each highlight also carries its position's number,
// so positions stay apart in greyscale and for colour-blind readers (Okabe–Ito-like palette).
export const POSITION_COLORS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#7f7f7f',
];

export interface PositionKey {
  /** 1-based number of the position in map order. */
  number: number;
  color: string;
  text: string;
}

/** For each node, the key (number and colour) of the position it leads to. */
export function positionKeys(map: ClashMap): Map<string, PositionKey | null> {
  const positions = map.nodes.filter((n) => n.kind === 'position');
  const keyOf = new Map<string, PositionKey>(
    positions.map((p, i) => [
      p.id,
      { number: i + 1, color: POSITION_COLORS[i % POSITION_COLORS.length]!, text: p.text },
    ]),
  );
  const leads = leadingPositions(map);
  const result = new Map<string, PositionKey | null>();
  for (const node of map.nodes) {
    const position = leads.get(node.id);
    result.set(node.id, position ? (keyOf.get(position) ?? null) : null);
  }
  return result;
}

/** Position keys for the open map, recomputed only when the map changes. */
export function usePositionKeys(): Map<string, PositionKey | null> {
  const map = useClashmap((s) => s.map);
  return useMemo(() => positionKeys(map), [map]);
}
