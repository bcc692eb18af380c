import { neighbourCard, type Direction } from '../model/navigation';
import { drawnPosition } from '../store/canvasProjection';
import type { ClashmapStore } from '../store/store';

/** The canvas element of a card (React Flow's node wrapper, which takes focus), if drawn. */
export function cardElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
}

/**
 * Selects a card and moves keyboard focus to it. A card not drawn yet (a large map draws only
 * what is in view) is brought into view first, and focused once it is drawn.
 */
export function focusCard(store: ClashmapStore, id: string): void {
  store.getState().select([id]);
  const element = cardElement(id);
  if (element) {
    element.focus();
    return;
  }
  store.getState().requestView([id]);
  focusWhenDrawn(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
}

export const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

const NOTHING_THERE: Readonly<Record<Direction, string>> = {
  up: 'This card answers no other card.',
  down: 'No card answers this one yet.',
  left: 'No card before this one here.',
  right: 'No card after this one here.',
};

/** Moves focus from a card along the map's structure; says so when there is nothing that way. */
export function focusNeighbour(store: ClashmapStore, id: string, direction: Direction): void {
  const state = store.getState();
  const next = neighbourCard(state.map, id, direction, (node) => drawnPosition(state, node));
  if (next) focusCard(store, next);
  else state.notify('info', NOTHING_THERE[direction]);
}

/** The card a reader starts from: the selected one, else the first position across the map. */
export function firstCard(store: ClashmapStore): string | null {
  const state = store.getState();
  const selected = state.selectedNodeIds[0];
  if (selected) return selected;
  const roots = state.map.nodes.filter((n) => n.kind === 'position');
  const pool = roots.length ? roots : state.map.nodes;
  let best: string | null = null;
  let bestX = Infinity;
  for (const node of pool) {
    const x = drawnPosition(state, node.id)?.x ?? 0;
    if (x < bestX) {
      bestX = x;
      best = node.id;
    }
  }
  return best;
}

/** Focuses the element `selector` finds once React has drawn it (within a second). */
export function focusWhenDrawn(selector: string): void {
  let frames = 0;
  const attempt = () => {
    const element = document.querySelector<HTMLElement>(selector);
    if (element) element.focus();
    else if (++frames < 60) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
