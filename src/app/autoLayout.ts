import type { Size } from '../layout/nodeSize';
import { nextTask } from './nextTask';
import type { ClashMap } from '../model/map';
import type { Point } from '../model/node';
import type { ClashmapStore } from '../store/store';

/** Computes positions for every node of a map, given the sizes the canvas measured. */
export type LayoutEngine = (
  map: ClashMap,
  sizes: ReadonlyMap<string, Size>,
) => Promise<ReadonlyMap<string, Point>>;

export type AutoLayoutOutcome =
  | { status: 'applied'; positions: ReadonlyMap<string, Point>; nodeCount: number }
  /** The map changed while the layout ran; applying it would undo those edits. */
  | { status: 'stale' }
  | { status: 'failed'; reason: string };

/**
 * Lays the open map out with `engine` and applies the positions as one undoable step, unless
 * the map changed meanwhile. A failure is reported to the user and returned.
 */
export async function autoLayout(
  store: ClashmapStore,
  engine: LayoutEngine,
): Promise<AutoLayoutOutcome> {
  const { map, measured: sizes } = store.getState();
  try {
    const positions = await engine(map, sizes);
    if (store.getState().map !== map) return { status: 'stale' };
    // The change is made and checked, the canvas's drawing of it made ready, and it is
    // committed, each in a task of its own: on a large map together they are several frames'
    // work, and input and painting can come between them.
    const prepared = store.getState().prepareLayout(positions);
    await nextTask();
    if (store.getState().map !== map) return { status: 'stale' };
    prepared.project();
    await nextTask();
    if (store.getState().map !== map) return { status: 'stale' };
    store.getState().applyLayout(prepared);
    return { status: 'applied', positions, nodeCount: map.nodes.length };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    store.getState().notify('error', `Layout failed: ${reason}`);
    return { status: 'failed', reason };
  }
}
